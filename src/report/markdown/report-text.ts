import type { RequirementRecord, RequirementStatus, StepRecord, TestRecord, VerifyResults } from '../results.ts';

/**
 * Wording shared by the HTML and Markdown reports, so both say the same
 * thing the same way: the replay command, durations, where a requirement
 * comes from in the seed, status labels. Pure.
 */

/** An argument quoted for a POSIX shell when it needs it (`'…'`, with `'` written as `'\''`). */
export function shellQuote(arg: string): string {
  if (arg.length > 0 && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command line that reruns this verification with the same seed (the recorded command, with `--seed` added if it lacked one). */
export function replayCommand(results: Pick<VerifyResults, 'command' | 'seed'>): string {
  const args = [...results.command];
  const hasSeed = args.some((a) => a === '--seed' || a.startsWith('--seed='));
  if (!hasSeed) args.push('--seed', String(results.seed));
  return args.map(shellQuote).join(' ');
}

/** `850 ms`, `4.25 s`, `2 min 05 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** Where a requirement sits in the seed: `Section › Table 1 › row Disabled › column Impact`. */
export function sourceLocation(source: RequirementRecord['source']): string {
  const parts = [source.section];
  if (source.table !== undefined) parts.push(source.table);
  if (source.row !== undefined) parts.push(`row ${source.row}`);
  if (source.column !== undefined) parts.push(`column ${source.column}`);
  return parts.join(' › ');
}

export const REQUIREMENT_STATUS_LABEL: Readonly<Record<RequirementStatus, string>> = {
  passed: 'passed',
  failed: 'FAILED',
  'not-covered': 'not covered',
  inspection: 'inspection',
};

/** Symbols that carry the status without colour (colour-blind readers, plain text). */
export const STATUS_SYMBOL: Readonly<Record<RequirementStatus, string>> = {
  passed: '✓',
  failed: '✗',
  'not-covered': '○',
  inspection: '◇',
};

/** The configuration as indented JSON (`undefined` and functions cannot occur in results.json, but are shown as `null`). */
export function configText(config: unknown): string {
  return JSON.stringify(config ?? null, null, 2) ?? 'null';
}

/** `12 / 20 (60 %)`; `0 / 0 (—)` when there is nothing to cover. */
export function ratio(covered: number, total: number): string {
  return `${covered} / ${total} (${total === 0 ? '—' : `${Math.floor((covered / total) * 1000) / 10} %`})`;
}

/** A step's outcome in words: `ok`, a refusal code, or `not executed` (model-only traces). */
export function actualText(step: StepRecord): string {
  return step.actual ?? 'not executed';
}

/** Whether the implementation's answer differs from the model's at this step. */
export function stepDiffers(step: StepRecord): boolean {
  return step.actual !== null && step.actual !== step.expected;
}

export function failingTests(results: Pick<VerifyResults, 'tests'>): TestRecord[] {
  return results.tests.filter((t) => t.status === 'failed');
}

/** The requirement statuses in report order, with the count of each. */
export function statusCounts(reqs: readonly RequirementRecord[]): Array<{ status: RequirementStatus; count: number }> {
  const order: RequirementStatus[] = ['failed', 'not-covered', 'inspection', 'passed'];
  return order.map((status) => ({ status, count: reqs.filter((r) => r.status === status).length }));
}

/**
 * Mermaid numbers a sequence diagram's messages from 1; when the trace's steps are numbered otherwise
 * (from 0), a note saying how the two relate; empty when they agree.
 */
export function numberingNote(steps: readonly StepRecord[]): string {
  const first = steps[0]?.index ?? 1;
  if (first === 1) return '';
  const offset = 1 - first;
  return `diagram number = step ${offset > 0 ? '+' : '−'} ${Math.abs(offset)}`;
}
