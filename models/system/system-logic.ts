import { fromTransition } from 'xstate';
import { OK, type Outcome } from '../outcome.ts';
import type { SystemConfig } from './config.ts';
import { initialSystemState, stepSystem } from './system-model.ts';
import type { SystemEvent, SystemState } from './system-types.ts';

/** The composed system as XState actor logic, so `xstate/graph` (TestModel, traversals) can walk it. */
export interface SystemLogicContext {
  readonly state: SystemState;
  readonly outcome: Outcome;
}

export function createSystemLogic(config: SystemConfig) {
  return fromTransition<SystemLogicContext, SystemEvent, never, undefined, never>(
    (ctx, event) => {
      const r = stepSystem(ctx.state, event);
      return { state: r.next, outcome: r.outcome };
    },
    { state: initialSystemState(config), outcome: OK },
  );
}

export type SystemLogic = ReturnType<typeof createSystemLogic>;
