import { initialSystemState, stepSystem, systemAlphabet, type SystemConfig, type SystemEvent, type SystemState } from '../../../models/index.ts';

/**
 * Bounded-exhaustive: every sequence of accepted events up to depth k from
 * the initial state (refused events are covered by the sneak-path probes,
 * since they do not change the state). Sequences that are prefixes of longer
 * ones are not listed separately. Guarantees: every accepted event sequence
 * of length ≤ k; `limit` stops the enumeration and says so.
 */
export interface BoundedResult {
  readonly sequences: SystemEvent[][];
  readonly complete: boolean;
  readonly depth: number;
}

export function boundedSequences(config: SystemConfig, depth: number, limit = 20_000): BoundedResult {
  const out: SystemEvent[][] = [];
  let complete = true;
  const walk = (state: SystemState, path: SystemEvent[]): void => {
    if (out.length >= limit) {
      complete = false;
      return;
    }
    const moves = path.length >= depth ? [] : systemAlphabet(config, state, { badInput: false }).flatMap((e) => {
      const r = stepSystem(state, e);
      return r.outcome.kind === 'ok' ? [{ e, next: r.next }] : [];
    });
    if (moves.length === 0) {
      if (path.length > 0) out.push(path);
      return;
    }
    for (const m of moves) walk(m.next, [...path, m.e]);
  };
  walk(initialSystemState(config), []);
  return { sequences: out, complete, depth };
}
