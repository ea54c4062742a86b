import { formatEvent, type SystemConfig } from '../../../models/index.ts';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { agrees, describeResult, type WalkFailureDetail, type WalkStep } from './walk-model.ts';

/**
 * Text for failed random walks, and the replay token. A replay token is
 * fast-check's counterexample path (`run:shrink:shrink…`), followed, when
 * shrinking happened, by `@` and the commands' replay path (which of the
 * generated commands ran at each shrink step; fast-check needs both to
 * rebuild a shrunk command sequence without rerunning the search).
 */
export interface ReplayToken {
  readonly path: string;
  readonly replayPath: string | null;
}

const TOKEN = /^(\d+(?::\d+)*)(?:@([A-Za-z0-9+/]*:[A-Za-z0-9+/]*))?$/;

export function encodeReplayToken(path: string, replayPath: string | null): string {
  const shrunk = path.includes(':');
  return !shrunk || replayPath === null || replayPath === ':' || replayPath === '' ? path : `${path}@${replayPath}`;
}

export function decodeReplayToken(token: string): ReplayToken {
  const m = TOKEN.exec(token.trim());
  if (!m || m[1] === undefined) {
    throw new WorkbenchError({
      code: 'CLI.0601',
      message: `'${token}' is not a random-walk replay path`,
      fix: 'copy the --replay-path value printed by the failing run, e.g. "4:1:0@Bz:D" (digits separated by colons, optionally @ and the commands replay path)',
      data: { token },
    });
  }
  return { path: m[1], replayPath: m[2] ?? null };
}

/** The commands' replay path that fast-check appends to a command sequence's text (`/*replayPath="…"*\/`). */
export function commandsReplayPath(commandsText: string): string | null {
  return /replayPath="([^"]*)"/.exec(commandsText)?.[1] ?? null;
}

export interface ReplayParameters {
  readonly config: SystemConfig;
  readonly seed: number;
  readonly maxLength: number;
  readonly badInput: boolean;
  readonly token: string;
}

/** One command line that reruns exactly this counterexample. */
export function replayCommandLine(p: ReplayParameters): string {
  return [
    'npx evs-workbench verify',
    `--config ${p.config.name}`,
    `--strategies random:1x${p.maxLength}`,
    `--seed ${p.seed}`,
    ...(p.badInput ? [] : ['--no-bad-input']),
    `--replay-path "${p.token}"`,
  ].join(' ');
}

/** The same replay through the test API (one line). */
export function replayApiCall(p: ReplayParameters): string {
  const config = /^[A-Za-z][A-Za-z0-9]*$/.test(p.config.name) ? `PRESETS.${p.config.name}` : `PRESETS[${JSON.stringify(p.config.name)}]`;
  return `runRandomWalks({ config: ${config}, factory, seed: ${p.seed}, runs: 1, maxLength: ${p.maxLength}, badInput: ${p.badInput}, path: ${JSON.stringify(p.token)} })`;
}

export interface FailureText {
  readonly config: SystemConfig;
  readonly seed: number;
  readonly sutSeed: number;
  readonly shrinks: number;
  readonly steps: readonly WalkStep[];
  readonly detail: WalkFailureDetail;
  readonly replay: string;
  readonly replayApi: string;
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** The counterexample step by step (expected vs actual), what differed, and how to replay it. */
export function formatWalkFailure(f: FailureText): string {
  const n = f.steps.length;
  const lines = [
    `Random walk on '${f.config.name}' failed (seed ${f.seed}, implementation seed ${f.sutSeed}); ` +
      `counterexample shrunk to ${n} event${n === 1 ? '' : 's'} in ${f.shrinks} shrink${f.shrinks === 1 ? '' : 's'}:`,
  ];
  const width = Math.max(10, ...f.steps.map((s) => formatEvent(s.event).length));
  f.steps.forEach((s, i) => {
    const failing = i === f.detail.stepIndex;
    const mark = failing ? '✗' : agrees(s.expected, s.actual) ? ' ' : '?';
    lines.push(`${mark} ${String(i + 1).padStart(2)}. ${pad(formatEvent(s.event), width)}  expected ${pad(describeResult(s.expected), 10)} actual ${describeResult(s.actual)}`);
  });
  if (f.detail.stepIndex < 0) lines.push('✗ before the first event: the initial state');
  lines.push(f.detail.reason);
  if (f.detail.observationDiff.length > 0) {
    lines.push(`Observation after ${f.detail.stepIndex < 0 ? 'setup' : `step ${f.detail.stepIndex + 1}`} (expected by the model vs actual):`);
    for (const d of f.detail.observationDiff) lines.push(`  - ${d}`);
  }
  lines.push(`Replay: ${f.replay}`);
  lines.push(`Test API: ${f.replayApi}`);
  return lines.join('\n');
}
