import type { ActorLogic, Snapshot } from 'xstate';
import { TestModel } from 'xstate/graph';
import { createSystemLogic, systemAlphabet, type SystemConfig, type SystemEvent, type SystemLogicContext } from '../../../models/index.ts';
import { createCanonicalizer } from '../../explore/canonical.ts';

/**
 * Shortest paths to every reachable state (up to symmetry), computed by
 * `xstate/graph`'s TestModel over the composed system logic, with paths that
 * are prefixes of longer ones merged (XState's default). Guarantees: every
 * state class the explorer reaches is the end of, or lies on, some path.
 */
export function shortestStatePaths(config: SystemConfig): SystemEvent[][] {
  const canon = createCanonicalizer(config, true);
  const logic = createSystemLogic(config) as unknown as ActorLogic<Snapshot<unknown>, SystemEvent, undefined>;
  const stateOf = (snapshot: Snapshot<unknown>) => (snapshot as Snapshot<unknown> & { context: SystemLogicContext }).context.state;
  const model = new TestModel(logic, {
    events: (snapshot) => systemAlphabet(config, stateOf(snapshot), { badInput: false }),
    serializeState: (snapshot) => canon.key(stateOf(snapshot)),
    serializeEvent: (event) => JSON.stringify(event),
  });
  return model.getShortestPaths().map((path) => path.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.')));
}
