import type { RequirementId } from '../../models/requirements/catalog.ts';
import { syncClock } from './clock-sync.ts';
import { CONFORM_INPUT_CODES, describeOp, type LineProblem, type LogLine, type LogOpName } from './log-line.ts';
import { formatLogTime } from './log-time.ts';
import type { MonitorState } from './monitor-state.ts';
import { predictLine } from './predict.ts';
import type { Facts } from './prediction.ts';
import { requirementFor } from './requirement-map.ts';

/**
 * The conformance monitor: a pure function from its state and one log line
 * to a verdict and the next state. No I/O, no clock, no randomness.
 *
 * Judging, both ways:
 * - `success-forbidden`: the log says ok, the model refuses;
 * - `refusal-not-allowed`: the log says error, the model accepts;
 * - `wrong-code`: both refuse, with different codes (skipped when the line
 *   carries no code, or when the model's code is a MODEL.xxxx code, which
 *   only says that the model itself does not decide, e.g. a reused id).
 *
 * After a violation the monitor follows the log's claimed outcome when the
 * model has a transition for it, so later lines are judged in context:
 * a claimed refusal leaves the state unchanged (like every refusal); a
 * claimed success that the model refused only because of the environment
 * (key not usable, no agency, no permission, a reported attribute that
 * contradicts the source) is applied with the model's own transition for it
 * (see what-if.ts); any other claimed success keeps the model state.
 */
export type ViolationKind = 'success-forbidden' | 'refusal-not-allowed' | 'wrong-code';

export interface Violation {
  readonly seq: number;
  readonly op: LogOpName;
  readonly requirement: RequirementId | null;
  readonly message: string;
  readonly line: number;
  readonly kind: ViolationKind;
  /** What the model predicts: `ok`, an error code, or `impossible` (a line that cannot have happened). */
  readonly expected: string;
  /** What the log says: `ok`, the error code, or `error` when the line has none. */
  readonly actual: string;
  readonly decidedBy: string;
}

export type LineVerdict =
  | { readonly kind: 'conforms' }
  | { readonly kind: 'violation'; readonly violation: Violation }
  | { readonly kind: 'unreadable'; readonly problem: LineProblem };

export interface MonitorStep {
  readonly state: MonitorState;
  readonly verdict: LineVerdict;
}

const CONFORMS: LineVerdict = { kind: 'conforms' };

function ordering(state: MonitorState, line: LogLine): LineProblem | null {
  if (state.lastSeq !== null && line.seq <= state.lastSeq) {
    return {
      lineNumber: line.lineNumber,
      code: CONFORM_INPUT_CODES.badSeq,
      message: `line ${line.lineNumber}: seq ${line.seq} does not increase (the previous line has seq ${state.lastSeq}).`,
      fix: 'Number the lines with strictly increasing seq values, in the order the events happened.',
    };
  }
  if (state.lastTimeMs !== null && line.timeMs < state.lastTimeMs) {
    return {
      lineNumber: line.lineNumber,
      code: CONFORM_INPUT_CODES.badTime,
      message: `line ${line.lineNumber}: time ${line.time} goes backwards (the previous line is at ${formatLogTime(state.lastTimeMs)}).`,
      fix: 'Record events in time order; time must never decrease from one line to the next.',
    };
  }
  return null;
}

/** A note when the line is about a key whose waiting period ended by time but the log never said keyDeleted. */
function silentDeletionNote(f: Facts): string {
  const t = f.timing;
  if (f.keyState !== 'deleted' || !t || t.announced || t.deadlineMs === null || f.keyId === null) return '';
  return ` (the waiting period of key ${f.keyId} ended at ${formatLogTime(t.deadlineMs)}, so the model deleted it; the log has no keyDeleted line for it)`;
}

export function stepMonitor(before: MonitorState, line: LogLine): MonitorStep {
  const problem = ordering(before, line);
  if (problem) return { state: before, verdict: { kind: 'unreadable', problem } };
  const synced = { ...syncClock(before, line.timeMs).state, lastSeq: line.seq };
  const p = predictLine(synced, line);
  const what = describeOp(line);
  const note = silentDeletionNote(p.facts);
  const violation = (kind: ViolationKind, requirement: RequirementId | null, expected: string, message: string): LineVerdict => ({
    kind: 'violation',
    violation: {
      seq: line.seq,
      op: line.op,
      requirement,
      message: `${message}${note}.`,
      line: line.lineNumber,
      kind,
      expected,
      actual: line.result === 'ok' ? 'ok' : (line.error ?? 'error'),
      decidedBy: p.facts.decidedBy,
    },
  });
  const e = p.expected;
  if (line.result === 'ok') {
    if (e.kind === 'ok') return { state: p.predicted, verdict: CONFORMS };
    const refusal = e.code === null ? 'the model says it cannot have happened' : `the model refuses it with ${e.code}`;
    return {
      state: p.claimed?.() ?? synced,
      verdict: violation('success-forbidden', requirementFor('forbidden', e.code, p.facts), e.code ?? 'impossible', `${what} succeeded, but ${refusal}: ${e.why}`),
    };
  }
  const got = line.error === null ? 'was refused' : `was refused with ${line.error}`;
  if (e.kind === 'ok') {
    return { state: synced, verdict: violation('refusal-not-allowed', requirementFor('required', null, p.facts), 'ok', `${what} ${got}, but the model accepts it: ${e.why}`) };
  }
  if (line.error === null || e.code === null || e.code.startsWith('MODEL.') || e.code === line.error) return { state: synced, verdict: CONFORMS };
  return {
    state: synced,
    verdict: violation('wrong-code', requirementFor('forbidden', e.code, p.facts), e.code, `${what} ${got}, but the model refuses it with ${e.code}: ${e.why}`),
  };
}
