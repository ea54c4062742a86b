import { formatEvent, type Outcome } from '../../models/index.ts';
import { summarize, type TraceStep } from '../explore/trace.ts';
import type { ProvisioningVerdict } from '../testgen/provisioning/provisioning-verdict.ts';
import { describeActual, describeDecision } from '../testgen/provisioning/provisioning-verdict.ts';
import type { RandomWalkResult } from '../testgen/random/random-walks.ts';
import { describeOutcome, type TestVerdict } from '../testgen/run-case.ts';
import type { FailureRecord, StepRecord, TestRecord } from './results.ts';

/** Turning verdicts and traces into the report records of results.json (pure). */
const outcomeText = (o: Outcome | null): string => (o === null ? '—' : o.kind === 'ok' ? 'ok' : o.code);

export function traceRecords(steps: readonly TraceStep[]): StepRecord[] {
  return steps.map((s, index) => ({ index, event: s.event ? formatEvent(s.event) : '(initial state)', expected: outcomeText(s.outcome), actual: null, state: summarize(s.state) }));
}

/** The verify options that shape a run (config, strategies, depth, hsm, mutant), without output, seed and selection. */
export function replayOptions(args: readonly string[]): string[] {
  const drop = new Set(['--out', '--seed', '--only']);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (drop.has(a)) i++;
    else if (a !== '--quiet' && a !== '--no-svg') out.push(a);
  }
  return out;
}

export function replayLine(test: { id: string; config: string }, seed: number, options: readonly string[] = []): string {
  const opts = options.includes('--config') ? options : ['--config', test.config, ...options];
  return `npx evs-workbench verify ${[...opts, '--seed', String(seed), '--only', test.id].join(' ')}`;
}

export function testRecord(v: TestVerdict, seed: number, options: readonly string[] = []): TestRecord {
  const base = {
    id: v.test.id,
    strategy: v.test.strategy,
    title: v.test.title,
    purpose: v.test.purpose,
    requirementIds: v.test.requirementIds,
    durationMs: v.durationMs,
    steps: v.test.events.length,
    probes: v.probes,
    trace: `traces/${v.test.id}.json`,
  };
  if (v.kind === 'pass') return { ...base, status: 'passed', failure: null };
  const steps: StepRecord[] = v.oracle.slice(0, Math.max(0, v.stepIndex) + 1).map((s, index) => {
    const answer = v.answers.find((a) => a.index === index && !a.probe);
    return { index: index + 1, event: formatEvent(s.event), expected: outcomeText(s.outcome), actual: answer ? describeOutcome(answer.actual) : null, state: summarize(s.after) };
  });
  const probeFailed = v.answers.at(-1)?.probe === true;
  if (probeFailed) {
    steps.push({ index: steps.length + 1, event: `(probe) ${formatEvent(v.failingEvent)}`, expected: outcomeText(v.expected), actual: describeOutcome(v.actual), state: '(unchanged: refused events must not change anything)' });
  }
  const failure: FailureRecord = {
    stepIndex: v.stepIndex + 1,
    event: formatEvent(v.failingEvent),
    expected: outcomeText(v.expected),
    actual: describeOutcome(v.actual),
    message: v.message,
    observationDiff: v.observationDiff,
    steps,
    replay: replayLine(v.test, seed, options),
  };
  return { ...base, status: 'failed', failure };
}

export function randomWalkRecord(r: RandomWalkResult, config: string, runs: number, extraOptions: readonly string[] = []): TestRecord {
  const base = {
    id: `random-${config}`,
    strategy: 'random',
    title: `fast-check random walks (${runs} runs, seed ${r.seed})`,
    purpose: 'random long walks with the model as oracle, shrunk to a minimal failing sequence',
    requirementIds: [],
    durationMs: r.durationMs,
    probes: 0,
    trace: `traces/random-${config}.json`,
  };
  if (r.kind === 'pass') return { ...base, steps: r.events, status: 'passed', failure: null };
  const steps: StepRecord[] = r.counterexample.map((e, i) => ({ index: i + 1, event: formatEvent(e), expected: '—', actual: null, state: '' }));
  return {
    ...base,
    steps: r.counterexample.length,
    status: 'failed',
    failure: { stepIndex: r.counterexample.length, event: formatEvent(r.counterexample.at(-1) ?? { type: 'clock.advance', days: 1 }), expected: 'model', actual: 'differs', message: r.message, observationDiff: [], steps, replay: [r.replay, ...extraOptions].join(' ') },
  };
}

export function provisioningRecord(v: ProvisioningVerdict): TestRecord {
  const base = {
    id: v.caseId,
    strategy: 'provisioning',
    title: v.title,
    purpose: `provisioning rule ${v.rule} (Tables 2–4) with data checks`,
    requirementIds: v.requirementIds,
    durationMs: v.durationMs,
    steps: v.checks.length,
    probes: 0,
    trace: `traces/${v.caseId}.json`,
  };
  if (v.kind === 'pass') return { ...base, status: 'passed', failure: null };
  return {
    ...base,
    status: 'failed',
    failure: {
      stepIndex: v.checks.length + 1,
      event: v.rule,
      expected: describeDecision(v.expected),
      actual: describeActual(v.actual),
      message: v.message,
      observationDiff: [],
      steps: v.checks.map((c, i) => ({ index: i + 1, event: c, expected: 'ok', actual: 'ok', state: '' })),
      replay: `npx evs-workbench verify --strategies provisioning --seed ${v.seed} --only ${v.caseId}`,
    },
  };
}
