import { DEFAULT_KEY_ID, type SystemEvent } from '../../models/index.ts';
import { DAY_MS } from '../clock/clock.ts';
import type { LogLine } from './log-line.ts';
import { formatLogTime } from './log-time.ts';
import { forgetKeyIfUnused, NEW_KEY_TIMING, withEntry, type KeyTiming, type MonitorState } from './monitor-state.ts';
import { makeFacts, keyView, keyWords, modelStep, type Expectation, type Facts, type Prediction } from './prediction.ts';

/**
 * Predictions for the KMS side of a log: the agency, key lifecycle
 * operations and the end of a waiting period (`keyDeleted`).
 */
type KeyLine = LogLine & { op: 'grantKmsAccess' | 'createKey' | 'enableKey' | 'disableKey' | 'scheduleKeyDeletion' | 'cancelKeyDeletion' | 'keyDeleted' };

const refused = (code: string | null, why: string): Expectation => ({ kind: 'refused', code, why });
const ok = (why: string): Expectation => ({ kind: 'ok', why });

function facts(state: MonitorState, line: KeyLine, decidedBy: string): Facts {
  const key = 'key' in line ? line.key : null;
  return makeFacts({
    op: line.op,
    keyId: key,
    keyState: key === null ? 'unknown' : keyView(state.system, key),
    timing: key === null ? null : (state.keys.get(key) ?? null),
    agency: state.system.agency,
    decidedBy,
  });
}

/** Timing after an accepted key operation. */
function timingAfter(line: KeyLine, before: KeyTiming, wasEnabled: boolean): KeyTiming {
  switch (line.op) {
    case 'disableKey':
      return { ...before, episode: before.episode + 1, episodeKind: 'disabled' };
    case 'scheduleKeyDeletion':
      return {
        ...before,
        episode: wasEnabled ? before.episode + 1 : before.episode,
        episodeKind: 'pendingDeletion',
        scheduledAtMs: line.timeMs,
        deadlineMs: line.timeMs + line.pendingDays * DAY_MS,
      };
    case 'cancelKeyDeletion':
      return { ...before, scheduledAtMs: null, deadlineMs: null };
    default:
      return before;
  }
}

function predictKeyDeleted(state: MonitorState, line: KeyLine & { op: 'keyDeleted' }): Prediction {
  const view = keyView(state.system, line.key);
  const timing = state.keys.get(line.key);
  const f = facts(state, line, 'cmk pendingDeletion --clock.advance--> deleted (waiting period elapses)');
  const no = (why: string): Prediction => ({ expected: refused(null, why), predicted: state, facts: f });
  if (view === 'unknown') return no(`key ${line.key} was never created (or was deleted and forgotten), so it cannot be deleted now`);
  if (view === 'enabled' || view === 'disabled') return no(`key ${line.key} is ${view}, not pending deletion: no waiting period is running`);
  const deadline = timing?.deadlineMs ?? null;
  const period = timing?.scheduledAtMs != null && deadline !== null ? ` (scheduled at ${formatLogTime(timing.scheduledAtMs)}, waiting period ends at ${formatLogTime(deadline)})` : '';
  if (deadline !== null && line.timeMs < deadline) return no(`the waiting period of key ${line.key} has not elapsed${period}`);
  if (timing?.announced) return no(`key ${line.key} was already reported deleted`);
  if (view === 'pendingDeletion') return no(`key ${line.key} is still pending deletion in the model${period}`);
  const next = timing ? withEntry(state.keys, line.key, { ...timing, announced: true }) : state.keys;
  return { expected: ok(`the waiting period of key ${line.key} has elapsed${period}`), predicted: forgetKeyIfUnused({ ...state, keys: next }, line.key), facts: f };
}

export function predictKeyLine(state: MonitorState, line: KeyLine): Prediction {
  switch (line.op) {
    case 'keyDeleted':
      return predictKeyDeleted(state, line);
    case 'grantKmsAccess': {
      const step = modelStep(state.system, { type: 'kms.grantAccess', securityAdmin: line.securityAdmin });
      const f = facts(state, line, step.decidedBy);
      if (!step.ok) {
        const claimed = (): MonitorState => ({ ...state, system: modelStep(state.system, { type: 'kms.grantAccess', securityAdmin: true }).next });
        return {
          expected: refused(step.code, 'creating the agency needs the security administrator permission (the line has securityAdmin false)'),
          predicted: state,
          claimed,
          facts: f,
        };
      }
      return { expected: ok('a security administrator grants EVS access to KMS (agency and evs/default)'), predicted: { ...state, system: step.next }, facts: f };
    }
    case 'createKey': {
      const step = modelStep(state.system, { type: 'key.create', key: line.key });
      const f = facts(state, line, step.decidedBy);
      if (!step.ok) {
        const why = line.key === DEFAULT_KEY_ID ? `${DEFAULT_KEY_ID} is the default master key, created by EVS (grantKmsAccess), not by users` : `key id ${line.key} already exists (ids are unique)`;
        return { expected: refused(step.code, why), predicted: state, facts: f };
      }
      return { expected: ok('a new CMK is created enabled'), predicted: { ...state, system: step.next, keys: withEntry(state.keys, line.key, NEW_KEY_TIMING) }, facts: f };
    }
    case 'enableKey':
    case 'disableKey':
    case 'scheduleKeyDeletion':
    case 'cancelKeyDeletion': {
      const event = keyEvent(line);
      const type = event.type;
      const view = keyView(state.system, line.key);
      const step = modelStep(state.system, event);
      const f = facts(state, line, step.decidedBy);
      if (!step.ok) return { expected: refused(step.code, `${keyWords(line.key, view)}; ${refusalWhy(line, step.code)}`), predicted: state, facts: f };
      const before = state.keys.get(line.key) ?? NEW_KEY_TIMING;
      const keys = withEntry(state.keys, line.key, timingAfter(line, before, view === 'enabled'));
      return { expected: ok(`${keyWords(line.key, view)}; ${type} is allowed from there`), predicted: { ...state, system: step.next, keys }, facts: f };
    }
  }
}

function keyEvent(line: KeyLine & { op: 'enableKey' | 'disableKey' | 'scheduleKeyDeletion' | 'cancelKeyDeletion' }): SystemEvent {
  switch (line.op) {
    case 'enableKey':
      return { type: 'key.enable', key: line.key };
    case 'disableKey':
      return { type: 'key.disable', key: line.key };
    case 'scheduleKeyDeletion':
      return { type: 'key.scheduleDeletion', key: line.key, pendingDays: line.pendingDays };
    case 'cancelKeyDeletion':
      return { type: 'key.cancelDeletion', key: line.key };
  }
}

function refusalWhy(line: KeyLine, code: string | null): string {
  switch (code) {
    case 'KMS.0207':
      return 'every operation on a deleted or unknown key fails';
    case 'KMS.0211':
      return 'no state change is allowed on the default master key evs/default (not disabled, enabled, scheduled for deletion or cancelled)';
    case 'KMS.1201':
      return 'only a disabled key can be enabled';
    case 'KMS.1301':
      return 'only an enabled key can be disabled';
    case 'KMS.0210':
      return `a key pending deletion must have its deletion cancelled before it can be ${line.op === 'enableKey' ? 'enabled' : 'changed'}`;
    case 'KMS.1401':
      return 'the waiting period must be a whole number of days in 7..1096';
    case 'KMS.1402':
      return 'the key is already pending deletion';
    case 'KMS.1501':
      return 'only a key pending deletion can have its deletion cancelled';
    default:
      return `the model refuses it (${code ?? 'no code'})`;
  }
}
