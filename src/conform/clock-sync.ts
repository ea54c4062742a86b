import { stepSystem } from '../../models/index.ts';
import { DAY_MS } from '../clock/clock.ts';
import type { MonitorState } from './monitor-state.ts';

/**
 * Translates the log's `time` into the model's clock, which counts whole days
 * (`clock.advance {days}`) and deletes a key pending deletion once the days
 * advanced since its scheduling reach its waiting period.
 *
 * The model day follows the wall clock, `floor((time - first time) / 1 day)`,
 * but is clamped so that the keys the model deletes are exactly the keys
 * whose waiting period has ended by the log's (millisecond) times:
 *   - at least the remaining days of every key whose deadline has passed;
 *   - fewer than the remaining days of every key whose deadline has not.
 * Whole days cannot always satisfy both (two keys scheduled at different
 * times of day, with deadlines less than a day apart and a line in between);
 * then the due key wins and the other is deleted up to a day early in the
 * model. `keyDeleted` lines are always judged on the exact times.
 */
export interface ClockSync {
  readonly state: MonitorState;
  /** Days the model clock moved for this line (0 when it did not). */
  readonly advancedDays: number;
  /** Keys whose deletion had to be brought forward (the rare conflict above). */
  readonly early: readonly string[];
}

export function syncClock(state: MonitorState, timeMs: number): ClockSync {
  if (state.startMs === null) return { state: { ...state, startMs: timeMs, lastTimeMs: timeMs }, advancedDays: 0, early: [] };
  const system = state.system;
  const wallDay = Math.floor((timeMs - state.startMs) / DAY_MS);
  let low = 0;
  let high = Number.POSITIVE_INFINITY;
  const notDue: string[] = [];
  for (const [id, key] of Object.entries(system.keys)) {
    const remaining = key.value === 'pendingDeletion' ? key.context.remainingDays : null;
    if (remaining === null) continue;
    const deadline = state.keys.get(id)?.deadlineMs ?? null;
    if (deadline !== null && deadline <= timeMs) {
      low = Math.max(low, remaining);
    } else {
      high = Math.min(high, remaining - 1);
      notDue.push(id);
    }
  }
  // Clamp to [low, high]; when the interval is empty the due keys win.
  const days = Math.max(Math.min(Math.max(wallDay - system.day, low), high), low);
  const early = notDue.filter((id) => remainingOf(state, id) <= days);
  if (days <= 0) return { state: { ...state, lastTimeMs: timeMs }, advancedDays: 0, early: [] };
  const r = stepSystem(system, { type: 'clock.advance', days });
  return { state: { ...state, system: r.next, lastTimeMs: timeMs }, advancedDays: days, early };
}

function remainingOf(state: MonitorState, id: string): number {
  const key = state.system.keys[id];
  return key?.context.remainingDays ?? Number.POSITIVE_INFINITY;
}
