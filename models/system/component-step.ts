import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import { cmkMachine, type CmkEvent, type CmkInput } from '../cmk.machine.ts';
import { diskMachine, type DiskEvent, type DiskInput } from '../disk.machine.ts';
import { OK, type Outcome, type RefusalCode, type StateMeta } from '../outcome.ts';
import type { ComponentState, DiskData, KeyData } from './system-types.ts';

/**
 * Steps one component machine with XState's pure `transition`, on plain-data
 * component states. Results are memoised: a component has few distinct
 * states, so exploring a large composed system calls XState only a few
 * hundred times.
 */
export interface ComponentStep<C> {
  readonly next: ComponentState<C>;
  readonly outcome: Outcome;
  /** False when the machine has no transition at all for the event (a model gap). */
  readonly handled: boolean;
}

function toData<C extends { outcome: Outcome }>(context: C): Omit<C, 'outcome'> {
  const { outcome: _ignored, ...rest } = context;
  return rest;
}

function finalRefusal(machine: AnyStateMachine, value: string): RefusalCode | undefined {
  const node = machine.root.states[value];
  const meta = node?.meta as StateMeta | undefined;
  return node?.type === 'final' ? meta?.refusesAllWith : undefined;
}

const CACHE_LIMIT = 20_000;

function makeStepper<C extends object, E extends { type: string }>(machine: AnyStateMachine) {
  const cache = new Map<string, ComponentStep<C>>();
  return (state: ComponentState<C>, event: E): ComponentStep<C> => {
    const key = JSON.stringify([state.value, state.context, event]);
    const hit = cache.get(key);
    if (hit) return hit;
    let result: ComponentStep<C>;
    const finalCode = finalRefusal(machine, state.value);
    if (finalCode !== undefined) {
      result = { next: state, outcome: { kind: 'refused', code: finalCode }, handled: true };
    } else {
      const snapshot = machine.resolveState({ value: state.value, context: { ...state.context, outcome: OK } });
      if (!snapshot.can(event)) {
        result = { next: state, outcome: { kind: 'refused', code: 'MODEL.0001' }, handled: false };
      } else {
        const [next] = transition(machine, snapshot, event);
        const ctx = next.context as C & { outcome: Outcome };
        result = { next: { value: String(next.value), context: toData(ctx) as C }, outcome: ctx.outcome, handled: true };
      }
    }
    if (cache.size >= CACHE_LIMIT) cache.clear(); // ids are part of the key: bound the memory a long-running monitor can use
    cache.set(key, result);
    return result;
  };
}

export const stepKey: (state: ComponentState<KeyData>, event: CmkEvent) => ComponentStep<KeyData> = makeStepper<KeyData, CmkEvent>(cmkMachine);
export const stepDisk: (state: ComponentState<DiskData>, event: DiskEvent) => ComponentStep<DiskData> = makeStepper<DiskData, DiskEvent>(diskMachine);

export function initialKey(input: CmkInput): ComponentState<KeyData> {
  const [snapshot] = initialTransition(cmkMachine, input);
  return { value: String(snapshot.value), context: toData(snapshot.context) };
}

export function initialDisk(input: DiskInput): ComponentState<DiskData> {
  const [snapshot] = initialTransition(diskMachine, input);
  return { value: String(snapshot.value), context: toData(snapshot.context) };
}
