import { describe, expect, it } from 'vitest';
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { cmkMachine } from '../../../models/cmk.machine.ts';
import { diskMachine } from '../../../models/disk.machine.ts';
import { PRESETS } from '../../../models/system/config.ts';
import { PROPERTIES } from '../../../models/system/properties.ts';
import { systemAlphabet } from '../../../models/system/alphabet.ts';
import { initialSystemState, stepSystem } from '../../../models/system/system-model.ts';
import type { SystemState } from '../../../models/system/system-types.ts';
import { requirementById, requirements } from '../../../models/requirements/catalog.ts';
import { untracedModelElements } from '../../../models/requirements/findings.ts';
import { formatModelRef, SYSTEM_CONDITIONS } from '../../../models/requirements/model-ref.ts';
import type { ModelRef } from '../../../models/requirements/model-ref.ts';

/**
 * Every reference in the catalog names a real element of the models: state
 * nodes, transitions (own or inherited from an ancestor), refusals (a targetless
 * transition with meta.refusal.code, or a final state's meta.refusesAllWith),
 * guards, properties. The composed system is not a state chart, so its refs are
 * checked by behaviour: a bounded search over `stepSystem` must exhibit them.
 */

const machines: Record<'cmk' | 'disk', AnyStateMachine> = { cmk: cmkMachine, disk: diskMachine };

function node(machine: AnyStateMachine, state: string): AnyStateNode | undefined {
  return machine.root.states[state];
}

/** The transitions a state node takes for an event: its own, else its ancestors' (as XState selects them). */
function transitionsOn(n: AnyStateNode, event: string): AnyTransitionDefinition[] {
  for (let cur: AnyStateNode | undefined = n; cur !== undefined; cur = cur.parent) {
    const own = [...(cur.transitions.get(event) ?? []), ...(cur.transitions.get('*') ?? [])];
    if (own.length > 0) return own;
  }
  return [];
}

const targetKey = (t: AnyTransitionDefinition): string | null => t.target?.[0]?.key ?? null;
const refusalCode = (t: AnyTransitionDefinition): unknown => (t.meta as { refusal?: { code?: unknown } } | undefined)?.refusal?.code;
const guardName = (t: AnyTransitionDefinition): string | undefined =>
  typeof t.guard === 'string' ? t.guard : (t.guard as { type?: string } | undefined)?.type;

function allTransitions(machine: AnyStateMachine): AnyTransitionDefinition[] {
  const out: AnyTransitionDefinition[] = [];
  const walk = (n: AnyStateNode): void => {
    for (const ts of n.transitions.values()) out.push(...ts);
    for (const child of Object.values(n.states)) walk(child);
  };
  walk(machine.root);
  return out;
}

/** Why a component-machine ref does not name a real element, or null when it does. */
function componentRefProblem(ref: Extract<ModelRef, { machine: string }>, machine: AnyStateMachine): string | null {
  switch (ref.kind) {
    case 'state':
      return node(machine, ref.state) ? null : `no state ${ref.state}`;
    case 'transition': {
      const from = node(machine, ref.from);
      if (!from) return `no state ${ref.from}`;
      const ok = transitionsOn(from, ref.event).some(
        (t) => refusalCode(t) === undefined && (ref.to === null ? targetKey(t) === null || targetKey(t) === ref.from : targetKey(t) === ref.to),
      );
      return ok ? null : `no accepted transition ${ref.from} --${ref.event}--> ${ref.to ?? '(stays)'}`;
    }
    case 'refusal': {
      const n = node(machine, ref.state);
      if (!n) return `no state ${ref.state}`;
      const finalCode = (n.meta as { refusesAllWith?: unknown } | undefined)?.refusesAllWith;
      if (n.type === 'final' && finalCode === ref.code) return null;
      const ok = transitionsOn(n, ref.event).some((t) => targetKey(t) === null && refusalCode(t) === ref.code);
      return ok ? null : `no refusal ${ref.code} of ${ref.event} in ${ref.state}`;
    }
    case 'guard': {
      const guards = machine.implementations.guards as Record<string, unknown>;
      if (!(ref.guard in guards)) return `no guard ${ref.guard}`;
      return allTransitions(machine).some((t) => guardName(t) === ref.guard) ? null : `guard ${ref.guard} is used by no transition`;
    }
  }
}

/** States of the composed system within a few steps of the minimal preset (agency not yet granted). */
function exploreSystem(depth: number): Array<{ before: SystemState; event: string; next: SystemState; outcome: string }> {
  const config = PRESETS['minimal'];
  if (!config) throw new Error('preset minimal is missing');
  const steps: Array<{ before: SystemState; event: string; next: SystemState; outcome: string }> = [];
  const seen = new Set<string>();
  let frontier: SystemState[] = [initialSystemState(config)];
  for (let d = 0; d < depth; d += 1) {
    const nextFrontier: SystemState[] = [];
    for (const s of frontier) {
      for (const e of systemAlphabet(config, s, { badInput: true })) {
        const r = stepSystem(s, e);
        steps.push({ before: s, event: e.type, next: r.next, outcome: r.outcome.kind === 'ok' ? 'ok' : r.outcome.code });
        const key = JSON.stringify({ ...r.next, day: 0 });
        if (!seen.has(key)) {
          seen.add(key);
          nextFrontier.push(r.next);
        }
      }
    }
    frontier = nextFrontier;
  }
  return steps;
}

const condition = (s: SystemState): string => (s.agency ? 'agency' : 'noAgency');

function systemRefProblem(ref: ModelRef, steps: ReturnType<typeof exploreSystem>): string | null {
  switch (ref.kind) {
    case 'state':
      return (SYSTEM_CONDITIONS as readonly string[]).includes(ref.state) ? null : `no system condition ${ref.state}`;
    case 'transition':
      return steps.some(
        (s) => condition(s.before) === ref.from && s.event === ref.event && s.outcome === 'ok' && condition(s.next) === (ref.to ?? ref.from),
      )
        ? null
        : `no accepted ${ref.event} from ${ref.from} to ${ref.to ?? ref.from}`;
    case 'refusal':
      return steps.some((s) => condition(s.before) === ref.state && s.event === ref.event && s.outcome === ref.code)
        ? null
        : `no ${ref.event} refused with ${ref.code} in ${ref.state}`;
    default:
      return `a ${ref.kind} ref cannot name the system`;
  }
}

const machineRefs = requirements.flatMap((r) =>
  r.constrains.flatMap((c) => (c.kind === 'property' || c.kind === 'rule' ? [] : [[r.id, formatModelRef(c), c] as const])),
);

describe('catalog references name real model elements', () => {
  const steps = exploreSystem(3);

  it.each(machineRefs)('%s: %s', (_id, _text, ref) => {
    const problem = ref.machine === 'system' ? systemRefProblem(ref, steps) : componentRefProblem(ref, machines[ref.machine]);
    expect(problem).toBeNull();
  });

  it('traces every state of both component machines to a requirement, or lists it as untraced', () => {
    const statesOf = (c: ModelRef): string[] => {
      switch (c.kind) {
        case 'state':
        case 'refusal':
          return [c.state];
        case 'transition':
          return c.to === null ? [c.from] : [c.from, c.to];
        default:
          return [];
      }
    };
    for (const [name, machine] of Object.entries(machines)) {
      const referenced = new Set(machineRefs.flatMap(([, , c]) => ('machine' in c && c.machine === name ? statesOf(c) : [])));
      const untraced = new Set(untracedModelElements.flatMap(({ ref }) => ('machine' in ref && ref.machine === name ? statesOf(ref) : [])));
      for (const state of untraced) expect(referenced.has(state), `${name}#${state} is listed as untraced but is referenced`).toBe(false);
      for (const state of untraced) referenced.add(state);
      for (const state of Object.keys(machine.root.states)) expect(referenced.has(state), `${name}#${state}`).toBe(true);
    }
  });

  it('detects references to elements that do not exist', () => {
    expect(componentRefProblem({ kind: 'state', machine: 'cmk', state: 'suspended' }, cmkMachine)).not.toBeNull();
    expect(componentRefProblem({ kind: 'transition', machine: 'cmk', from: 'pendingDeletion', event: 'key.cancelDeletion', to: 'enabled' }, cmkMachine)).not.toBeNull();
    expect(componentRefProblem({ kind: 'refusal', machine: 'disk', state: 'available', event: 'disk.attach', code: 'EVS.1002' }, diskMachine)).not.toBeNull();
    expect(componentRefProblem({ kind: 'guard', machine: 'disk', guard: 'keyEnabled' }, diskMachine)).not.toBeNull();
    expect(systemRefProblem({ kind: 'refusal', machine: 'system', state: 'agency', event: 'disk.create', code: 'EVS.1201' }, steps)).not.toBeNull();
  });
});

describe('catalog references and the checked properties agree', () => {
  const referenced = new Set(requirements.flatMap((r) => r.constrains.flatMap((c) => (c.kind === 'property' ? [c.property] : []))));

  it('references only properties the model checker has', () => {
    const known = new Set<string>(PROPERTIES.map((p) => p.id));
    for (const p of referenced) expect(known.has(p), p).toBe(true);
  });

  it('references every property the model checker has', () => {
    for (const p of PROPERTIES) expect(referenced.has(p.id), p.id).toBe(true);
  });

  it('names only catalog requirements in machine meta', () => {
    for (const machine of Object.values(machines)) {
      const metas = [
        ...allTransitions(machine).map((t) => t.meta as { requirements?: unknown } | undefined),
        ...Object.values(machine.root.states).map((n) => n.meta as { requirements?: unknown } | undefined),
      ];
      for (const ids of metas.map((m) => m?.requirements).filter((x): x is string[] => Array.isArray(x))) {
        for (const id of ids) expect(requirementById(id), `${machine.id} meta names ${id}`).toBeDefined();
      }
    }
  });
});
