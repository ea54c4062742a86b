import { formatEvent, stepSystem, initialSystemState, systemAlphabet, type Decision, type Outcome, type SystemConfig, type SystemEvent, type SystemState } from '../../models/index.ts';

/**
 * A generated test: a sequence of model events, with the strategy that made
 * it and the requirements it stands for. What the system must answer at
 * each step is not stored here: the oracle (the model) recomputes it.
 */
export type StrategyName = 'states' | 'transitions' | 'table1' | 'bounded' | 'pairs' | 'sneak' | 'random';

export interface TestCase {
  readonly id: string;
  readonly strategy: StrategyName;
  readonly title: string;
  readonly config: string;
  readonly events: readonly SystemEvent[];
  /** After these steps (indices into `events`), also try every event the model refuses there (sneak paths). */
  readonly probeSteps: readonly number[];
  readonly requirementIds: readonly string[];
  /** Why this test exists, in a sentence (e.g. which Table 1 cell and operation). */
  readonly purpose: string;
}

/** The oracle's prediction for one step of a test. */
export interface OracleStep {
  readonly event: SystemEvent;
  readonly before: SystemState;
  readonly outcome: Outcome;
  readonly after: SystemState;
  readonly decidedBy: Decision;
  /** Events the model refuses in `after`, with the predicted code (tried when probes are on). */
  readonly probes: ReadonlyArray<{ readonly event: SystemEvent; readonly outcome: Outcome; readonly decidedBy: Decision }>;
}

/** Every event of the alphabet that the model refuses in `state`, with the predicted refusal. */
export function refusedIn(config: SystemConfig, state: SystemState): OracleStep['probes'] {
  return systemAlphabet(config, state, { badInput: true }).flatMap((e) => {
    const p = stepSystem(state, e);
    return p.outcome.kind === 'refused' ? [{ event: e, outcome: p.outcome, decidedBy: p.decidedBy }] : [];
  });
}

export function oracle(config: SystemConfig, events: readonly SystemEvent[], probeSteps: readonly number[] = []): OracleStep[] {
  let state = initialSystemState(config);
  const probeAt = new Set(probeSteps);
  return events.map((event, index) => {
    const r = stepSystem(state, event);
    const probes = probeAt.has(index) ? refusedIn(config, r.next) : [];
    const step: OracleStep = { event, before: state, outcome: r.outcome, after: r.next, decidedBy: r.decidedBy, probes };
    state = r.next;
    return step;
  });
}

/** A readable test name: the requirements first, then the path (shortened in the middle when long). */
export function titleFor(requirementIds: readonly string[], events: readonly SystemEvent[]): string {
  const names = events.map(formatEvent);
  const path = names.length <= 8 ? names.join(' → ') : [...names.slice(0, 3), `…${names.length - 6} more…`, ...names.slice(-3)].join(' → ');
  const reqs = requirementIds.length === 0 ? '' : `[${requirementIds.slice(0, 4).join(', ')}${requirementIds.length > 4 ? ', …' : ''}] `;
  return `${reqs}${path || '(initial state)'}`;
}

/** Drops every sequence that is a prefix of another one (it is tested by the longer one). */
export function dropPrefixes(sequences: readonly (readonly SystemEvent[])[]): SystemEvent[][] {
  const keyed = sequences.map((s) => ({ s: [...s], k: s.map((e) => JSON.stringify(e)).join('\u0001') }));
  keyed.sort((a, b) => b.k.length - a.k.length);
  const kept: typeof keyed = [];
  for (const c of keyed) if (!kept.some((x) => x.k === c.k || x.k.startsWith(`${c.k}\u0001`))) kept.push(c);
  return kept.map((c) => c.s);
}
