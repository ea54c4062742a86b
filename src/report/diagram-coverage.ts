import type { OracleStep } from '../testgen/test-case.ts';
import { refusalTarget, transitionKey, type CoverageStatus, type DiagramCoverage } from './diagrams/coverage.ts';

/**
 * Paints test results on the machine diagrams: every component transition a
 * test took (or refusal it provoked, probes included) is covered; the step
 * where a test failed is marked failed. Pure.
 */
export interface CoverageInput {
  readonly steps: readonly OracleStep[];
  /** Index of the failing step, or null for a passing test. */
  readonly failedAt: number | null;
}

export function machineCoverage(machine: 'cmk' | 'disk', tests: readonly CoverageInput[]): DiagramCoverage {
  const states: Record<string, CoverageStatus> = {};
  const transitions: Record<string, CoverageStatus> = {};
  const mark = (table: Record<string, CoverageStatus>, key: string, status: CoverageStatus): void => {
    if (table[key] !== 'failed') table[key] = status;
  };
  for (const t of tests) {
    const upTo = t.failedAt === null ? t.steps.length : t.failedAt + 1;
    t.steps.slice(0, upTo).forEach((step, i) => {
      const failed = t.failedAt === i;
      const decisions = [{ d: step.decidedBy, o: step.outcome }, ...step.probes.map((p) => ({ d: p.decidedBy, o: p.outcome }))];
      const status: CoverageStatus = failed ? 'failed' : 'covered';
      if (machine === 'cmk' && step.event.type === 'clock.advance' && step.outcome.kind === 'ok') {
        // The composition sends the clock to every key: credit each key's own transition.
        for (const [id, before] of Object.entries(step.before.keys)) {
          const after = step.after.keys[id]?.value ?? before.value;
          if (before.value === 'deleted') continue;
          const key = before.value === 'pendingDeletion' ? transitionKey('cmk.pendingDeletion', 'clock.advance', `cmk.${after}`) : transitionKey('cmk', 'clock.advance', 'cmk');
          mark(transitions, key, status);
          mark(states, `cmk.${after}`, status);
        }
      }
      for (const { d, o } of decisions) {
        if (d.machine !== machine) continue;
        const from = `${machine}.${d.from}`;
        const to = o.kind === 'refused' ? refusalTarget(o.code) : `${machine}.${d.to}`;
        mark(states, from, status);
        if (o.kind === 'ok') mark(states, to, status);
        mark(transitions, transitionKey(from, d.event, to), status);
      }
    });
  }
  return { states, transitions };
}
