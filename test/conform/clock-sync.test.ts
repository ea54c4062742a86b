import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/clock/clock.ts';
import { syncClock } from '../../src/conform/clock-sync.ts';
import { stepMonitor } from '../../src/conform/monitor.ts';
import { initialMonitorState, type MonitorState } from '../../src/conform/monitor-state.ts';
import { parseLogLine } from '../../src/conform/parse-line.ts';
import { LOG_START_MS, LogBuilder } from './log-builder.ts';

function run(log: LogBuilder): MonitorState {
  let state = initialMonitorState();
  log.lines.forEach((text, i) => {
    const p = parseLogLine(text, i + 1);
    if (!p.ok) throw new Error(p.problem.message);
    state = stepMonitor(state, p.line).state;
  });
  return state;
}

const keyState = (s: MonitorState, key: string) => s.system.keys[key]?.value;

describe('syncClock', () => {
  it('starts the model day at the first line and follows whole days of wall time', () => {
    const s = run(new LogBuilder().ok('createKey', { key: 'k1' }));
    expect(s.startMs).toBe(LOG_START_MS);
    const later = syncClock(s, LOG_START_MS + 3.5 * DAY_MS);
    expect(later.advancedDays).toBe(3);
    expect(later.state.system.day).toBe(3);
    expect(syncClock(later.state, LOG_START_MS + 3.9 * DAY_MS).advancedDays).toBe(0);
  });

  it('deletes a key exactly when its waiting period ends, not at the day boundary before', () => {
    // scheduled at 12:00 on day 0: the wall-clock day reaches 7 at midnight, the period ends at 12:00
    const s = run(new LogBuilder().ok('createKey', { key: 'k1' }).after(0, 12).ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 }));
    const deadline = LOG_START_MS + 7.5 * DAY_MS;
    const before = syncClock(s, deadline - 1);
    expect(keyState(before.state, 'k1')).toBe('pendingDeletion');
    expect(before.state.system.keys['k1']?.context.remainingDays).toBe(1);
    const at = syncClock(before.state, deadline);
    expect(keyState(at.state, 'k1')).toBe('deleted');
    expect(at.early).toEqual([]);
  });

  it('judges lines in the last hours of a waiting period against a pending key', () => {
    const log = new LogBuilder().ok('createKey', { key: 'k1' }).after(0, 12).ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 }).after(7, -1).ok('cancelKeyDeletion', { key: 'k1' });
    expect(log.check().violations).toEqual([]);
    const late = new LogBuilder().ok('createKey', { key: 'k1' }).after(0, 12).ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 }).after(7).ok('cancelKeyDeletion', { key: 'k1' });
    expect(late.check().violations.map((v) => v.expected)).toEqual(['KMS.0207']);
  });

  it('keeps two keys scheduled at different hours apart while whole days allow it', () => {
    const s = run(
      new LogBuilder()
        .ok('createKey', { key: 'k1' })
        .ok('createKey', { key: 'k2' })
        .after(0, 2)
        .ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 })
        .after(1, 20)
        .ok('scheduleKeyDeletion', { key: 'k2', pendingDays: 7 }),
    );
    // k1 ends at day 7 02:00, k2 at day 8 22:00
    const mid = syncClock(s, LOG_START_MS + 8 * DAY_MS);
    expect([keyState(mid.state, 'k1'), keyState(mid.state, 'k2')]).toEqual(['deleted', 'pendingDeletion']);
    const end = syncClock(mid.state, LOG_START_MS + 8 * DAY_MS + 22 * 3_600_000);
    expect(keyState(end.state, 'k2')).toBe('deleted');
  });

  it('reports a key it had to delete early when whole days cannot separate two deadlines', () => {
    // both scheduled on model day 0 with 7 days; k2 at 02:00 (ends day 7 02:00), k1 at 20:00 (ends day 7 20:00)
    const s = run(
      new LogBuilder()
        .ok('createKey', { key: 'k1' })
        .ok('createKey', { key: 'k2' })
        .after(0, 2)
        .ok('scheduleKeyDeletion', { key: 'k2', pendingDays: 7 })
        .after(0, 18)
        .ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 }),
    );
    const r = syncClock(s, LOG_START_MS + 7 * DAY_MS + 12 * 3_600_000);
    expect(keyState(r.state, 'k2')).toBe('deleted');
    expect(r.early).toEqual(['k1']);
  });

  it('does not move the model clock backwards when it ran ahead of the wall clock', () => {
    const s = run(new LogBuilder().ok('createKey', { key: 'k1' }));
    const ahead = { ...s, system: { ...s.system, day: 5 } };
    expect(syncClock(ahead, LOG_START_MS + 2 * DAY_MS)).toMatchObject({ advancedDays: 0 });
  });
});

describe('monitor state stays bounded by live ids', () => {
  it('forgets deleted disks, and deleted keys nothing refers to', () => {
    const s = run(
      new LogBuilder()
        .ok('grantKmsAccess', { project: 'p1' })
        .ok('createKey', { key: 'k1' })
        .ok('createDisk', { disk: 'd1', encrypted: true, key: 'k1' })
        .ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 })
        .after(7)
        .ok('keyDeleted', { key: 'k1' })
        .ok('deleteDisk', { disk: 'd1' }),
    );
    expect(Object.keys(s.system.disks)).toEqual([]);
    expect(Object.keys(s.system.keys)).toEqual(['evs/default']);
    expect([...s.keys.keys(), ...s.disks.keys()]).toEqual([]);
  });

  it('keeps a deleted key while a disk still refers to it, so the disk stays unrecoverable', () => {
    const log = new LogBuilder()
      .ok('grantKmsAccess', { project: 'p1' })
      .ok('createKey', { key: 'k1' })
      .ok('createDisk', { disk: 'd1', encrypted: true, key: 'k1' })
      .ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 })
      .after(7)
      .ok('keyDeleted', { key: 'k1' });
    expect(keyState(run(log), 'k1')).toBe('deleted');
    expect(log.ok('createKey', { key: 'k1' }).ok('attachDisk', { disk: 'd1', server: 's1' }).check().violations.map((v) => v.op)).toEqual(['createKey', 'attachDisk']);
  });
});
