import { formatEvent, initialSystemState, type Outcome, type SystemConfig, type SystemEvent } from '../../models/index.ts';
import { diffObservations, expectedObservation, type SutFactory, type SutResult } from '../adapter/system-under-test.ts';
import { oracle, refusedIn, type OracleStep, type TestCase } from './test-case.ts';

/**
 * Runs one generated test against a system under test: each step's answer
 * must be the model's (accepted, or refused with the model's code), and
 * after each step what can be observed (key states, attachments, DKs in host
 * memory, encryption attributes) must be what the model's state predicts.
 * With probes on, every event the model refuses in a state is tried there
 * too, and must be refused with the right code and change nothing.
 */
export interface StepVerdict {
  readonly index: number;
  readonly event: SystemEvent;
  readonly expected: Outcome;
  readonly actual: SutResult;
  readonly probe: boolean;
}

export type TestVerdict =
  | { readonly kind: 'pass'; readonly test: TestCase; readonly oracle: readonly OracleStep[]; readonly probes: number; readonly durationMs: number }
  | {
      readonly kind: 'fail';
      readonly test: TestCase;
      readonly oracle: readonly OracleStep[];
      readonly probes: number;
      readonly durationMs: number;
      /** Index in `test.events` of the step that failed (its probes included). */
      readonly stepIndex: number;
      readonly failingEvent: SystemEvent;
      readonly expected: Outcome;
      readonly actual: SutResult | null;
      readonly observationDiff: readonly string[];
      readonly message: string;
      /** What the implementation answered for each step up to the failure. */
      readonly answers: readonly StepVerdict[];
    };

export const describeOutcome = (o: Outcome | SutResult | null): string =>
  o === null ? '—' : o.kind === 'ok' ? 'ok' : o.kind === 'refused' ? o.code : `broken: ${o.message}`;

function agrees(expected: Outcome, actual: SutResult): boolean {
  if (actual.kind === 'broken') return false;
  return expected.kind === 'ok' ? actual.kind === 'ok' : actual.kind === 'refused' && actual.code === expected.code;
}

export async function runTestCase(test: TestCase, config: SystemConfig, factory: SutFactory, seed: number, now: () => number = Date.now): Promise<TestVerdict> {
  const started = now();
  const steps = oracle(config, test.events, test.probeSteps);
  const sut = await factory.create(config, seed);
  const answers: StepVerdict[] = [];
  let probes = 0;
  const fail = (stepIndex: number, event: SystemEvent, expected: Outcome, actual: SutResult | null, observationDiff: string[], message: string): TestVerdict => ({
    kind: 'fail',
    test,
    oracle: steps,
    probes,
    durationMs: now() - started,
    stepIndex,
    failingEvent: event,
    expected,
    actual,
    observationDiff,
    message,
    answers,
  });
  try {
    const initialDiff = diffObservations(expectedObservation(initialSystemState(config)), await sut.observe());
    if (steps.length > 0 && initialDiff.length > 0) {
      return fail(-1, steps[0]!.event, { kind: 'ok' }, null, initialDiff, `the initial state differs from the model: ${initialDiff.join('; ')}`);
    }
    if (test.probeSteps.includes(-1)) {
      const start = initialSystemState(config);
      const want = expectedObservation(start);
      for (const p of refusedIn(config, start)) {
        probes++;
        const got = await sut.execute(p.event);
        answers.push({ index: -1, event: p.event, expected: p.outcome, actual: got, probe: true });
        if (!agrees(p.outcome, got)) return fail(-1, p.event, p.outcome, got, [], `sneak path in the initial state: ${formatEvent(p.event)} must be refused with ${describeOutcome(p.outcome)}, the implementation answered ${describeOutcome(got)}`);
        const after = diffObservations(want, await sut.observe());
        if (after.length > 0) return fail(-1, p.event, p.outcome, got, after, `the refused ${formatEvent(p.event)} changed the implementation's state: ${after.join('; ')}`);
      }
    }
    for (const [index, step] of steps.entries()) {
      const actual = await sut.execute(step.event);
      answers.push({ index, event: step.event, expected: step.outcome, actual, probe: false });
      if (!agrees(step.outcome, actual)) {
        return fail(index, step.event, step.outcome, actual, [], `step ${index + 1} (${formatEvent(step.event)}): the model predicts ${describeOutcome(step.outcome)}, the implementation answered ${describeOutcome(actual)}`);
      }
      const want = expectedObservation(step.after);
      const diff = diffObservations(want, await sut.observe());
      if (diff.length > 0) return fail(index, step.event, step.outcome, actual, diff, `after step ${index + 1} (${formatEvent(step.event)}) the implementation's state differs from the model's: ${diff.join('; ')}`);
      for (const p of step.probes) {
        probes++;
        const got = await sut.execute(p.event);
        answers.push({ index, event: p.event, expected: p.outcome, actual: got, probe: true });
        if (!agrees(p.outcome, got)) {
          return fail(index, p.event, p.outcome, got, [], `sneak path after step ${index + 1}: ${formatEvent(p.event)} must be refused with ${describeOutcome(p.outcome)}, the implementation answered ${describeOutcome(got)}`);
        }
        const after = diffObservations(want, await sut.observe());
        if (after.length > 0) return fail(index, p.event, p.outcome, got, after, `the refused ${formatEvent(p.event)} changed the implementation's state: ${after.join('; ')}`);
      }
    }
    return { kind: 'pass', test, oracle: steps, probes, durationMs: now() - started };
  } finally {
    await sut.close();
  }
}
