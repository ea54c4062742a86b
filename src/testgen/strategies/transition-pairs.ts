import { initialSystemState, stepSystem, systemAlphabet, type SystemConfig, type SystemEvent, type SystemState } from '../../../models/index.ts';
import { pathTo, type Exploration } from '../../explore/explorer.ts';
import { traceEvents } from '../../explore/trace.ts';
import { isMachine, transitionName } from '../coverage.ts';

/**
 * Transition-pair (switch) coverage: every two accepted component-machine
 * transitions that can follow each other on the same key or disk. Given the
 * sequences already generated, adds, for each pair they miss, the shortest
 * path to a state where the first can be taken, then both.
 */
function pairsIn(config: SystemConfig, events: readonly SystemEvent[]): Set<string> {
  const seen = new Set<string>();
  const last = new Map<string, string>();
  let state: SystemState = initialSystemState(config);
  for (const e of events) {
    const r = stepSystem(state, e);
    const d = r.decidedBy;
    if (isMachine(d) && r.outcome.kind === 'ok') {
      const name = transitionName(d);
      const prev = last.get(`${d.machine}:${d.component}`);
      if (prev) seen.add(`${prev} ⇒ ${name}`);
      last.set(`${d.machine}:${d.component}`, name);
    }
    state = r.next;
  }
  return seen;
}

export function pairCompletions(config: SystemConfig, exploration: Exploration, existing: readonly (readonly SystemEvent[])[]): SystemEvent[][] {
  const covered = new Set<string>();
  for (const seq of existing) for (const p of pairsIn(config, seq)) covered.add(p);
  const added: SystemEvent[][] = [];
  const ordered = [...exploration.states.values()].sort((a, b) => a.depth - b.depth);
  for (const here of ordered) {
    for (const e1 of systemAlphabet(config, here.state, { badInput: false })) {
      const r1 = stepSystem(here.state, e1);
      if (!isMachine(r1.decidedBy) || r1.outcome.kind !== 'ok') continue;
      const first = transitionName(r1.decidedBy);
      const component = r1.decidedBy.component;
      for (const e2 of systemAlphabet(config, r1.next, { badInput: false })) {
        const r2 = stepSystem(r1.next, e2);
        if (!isMachine(r2.decidedBy) || r2.outcome.kind !== 'ok' || r2.decidedBy.component !== component || r2.decidedBy.machine !== r1.decidedBy.machine) continue;
        const pair = `${first} ⇒ ${transitionName(r2.decidedBy)}`;
        if (covered.has(pair)) continue;
        covered.add(pair);
        added.push([...traceEvents({ description: '', config: config.name, steps: pathTo(exploration.states, here.key) }), e1, e2]);
      }
    }
  }
  return added;
}
