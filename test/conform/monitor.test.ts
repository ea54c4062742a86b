import { describe, expect, it } from 'vitest';
import { stepMonitor } from '../../src/conform/monitor.ts';
import { initialMonitorState } from '../../src/conform/monitor-state.ts';
import { parseLogLine } from '../../src/conform/parse-line.ts';
import { attachedDisk, LogBuilder } from './log-builder.ts';

describe('conformance monitor: successes the model forbids', () => {
  it('flags an attach after the key was disabled and the disk detached (Table 1)', () => {
    const log = attachedDisk().ok('disableKey', { key: 'k1' }).ok('detachDisk', { disk: 'd1' });
    const seq = log.nextSeq;
    const r = log.ok('attachDisk', { disk: 'd1', server: 's1' }).check();
    expect(r.conformant).toBe(false);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({
      seq,
      op: 'attachDisk',
      kind: 'success-forbidden',
      requirement: 'T1-DISABLED-ATTACHED-IMPACT',
      expected: 'EVS.2001',
      actual: 'ok',
    });
    expect(r.violations[0]?.message).toContain('key k1 is disabled');
  });

  it('names the "not attached" row when the disk was already detached before the key became unusable', () => {
    const r = attachedDisk().ok('detachDisk', { disk: 'd1' }).ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 }).ok('attachDisk', { disk: 'd1', server: 's1' }).check();
    expect(r.violations.map((v) => v.requirement)).toEqual(['T1-PENDING-DETACHED-IMPACT']);
  });

  it('follows the claimed attach, so later I/O on the disk is judged as on an attached disk', () => {
    const r = attachedDisk()
      .ok('disableKey', { key: 'k1' })
      .ok('detachDisk', { disk: 'd1' })
      .ok('attachDisk', { disk: 'd1', server: 's1' })
      .ok('readDisk', { disk: 'd1' })
      .ok('writeDisk', { disk: 'd1' })
      .ok('detachDisk', { disk: 'd1' })
      .check();
    expect(r.violations).toHaveLength(1);
  });

  it('keeps the model state after a claimed success the model has no transition for', () => {
    // read on a detached disk: the model cannot make it attached; the next read is flagged again
    const r = attachedDisk().ok('detachDisk', { disk: 'd1' }).ok('readDisk', { disk: 'd1' }).ok('writeDisk', { disk: 'd1' }).check();
    expect(r.violations.map((v) => [v.op, v.requirement, v.expected])).toEqual([
      ['readDisk', 'TXT-DETACH-DROPS-DK', 'EVS.1001'],
      ['writeDisk', 'TXT-DETACH-DROPS-DK', 'EVS.1001'],
    ]);
  });

  it('flags encrypted disks created before the agency, and key operations the KMS forbids', () => {
    const r = new LogBuilder()
      .ok('createKey', { key: 'k1' })
      .ok('createDisk', { disk: 'd1', encrypted: true, key: 'k1' })
      .ok('grantKmsAccess', { project: 'p1', securityAdmin: false })
      .ok('disableKey', { key: 'evs/default' })
      .ok('enableKey', { key: 'k1' })
      .check();
    expect(r.violations.map((v) => [v.op, v.expected, v.requirement])).toEqual([
      ['createDisk', 'EVS.1201', 'TXT-AGENCY-BEFORE-ENCRYPTION'],
      ['grantKmsAccess', 'EVS.1202', 'TXT-AGENCY-SECURITY-ADMIN'],
      ['disableKey', 'KMS.0211', 'TXT-DEFAULT-KEY-NO-DISABLE'],
      ['enableKey', 'KMS.1201', null],
    ]);
  });

  it('flags a change of the encryption attribute that succeeded (Table 4)', () => {
    const r = attachedDisk().ok('changeDiskEncryption', { disk: 'd1', encrypted: false }).check();
    expect(r.violations[0]).toMatchObject({ expected: 'EVS.1101', requirement: 'T4-NO-DECRYPT-DISK' });
  });
});

describe('conformance monitor: refusals the model does not allow', () => {
  it('flags a write refused while the disk is attached, whatever the key state', () => {
    for (const keyOp of [null, ['disableKey', {}], ['scheduleKeyDeletion', { pendingDays: 7 }]] as const) {
      const log = attachedDisk();
      if (keyOp) log.ok(keyOp[0], { key: 'k1', ...keyOp[1] });
      const r = log.err('writeDisk', { disk: 'd1' }, 'EVS.2001').check();
      expect(r.violations).toHaveLength(1);
      expect(r.violations[0]).toMatchObject({ kind: 'refusal-not-allowed', expected: 'ok', actual: 'EVS.2001' });
      expect(r.violations[0]?.requirement).toBe(keyOp === null ? 'TXT-DK-USED-FOR-IO' : keyOp[0] === 'disableKey' ? 'T1-DISABLED-ATTACHED-IMPACT' : 'T1-PENDING-ATTACHED-IMPACT');
    }
  });

  it('leaves the state unchanged after a refused line (the log is followed)', () => {
    // detach refused: the disk stays attached, so a later read is fine
    const r = attachedDisk().ok('disableKey', { key: 'k1' }).err('detachDisk', { disk: 'd1' }, 'EVS.2001').ok('readDisk', { disk: 'd1' }).check();
    expect(r.violations.map((v) => [v.op, v.requirement])).toEqual([['detachDisk', 'TXT-DETACH-CHECK-CMK']]);
  });

  it('names the restore row when the re-enabled key is still refused', () => {
    const r = attachedDisk()
      .ok('disableKey', { key: 'k1' })
      .ok('detachDisk', { disk: 'd1' })
      .ok('enableKey', { key: 'k1' })
      .err('attachDisk', { disk: 'd1', server: 's1' }, 'EVS.2001')
      .check();
    expect(r.violations[0]).toMatchObject({ kind: 'refusal-not-allowed', requirement: 'T1-DISABLED-ATTACHED-RESTORE' });
  });
});

describe('conformance monitor: error codes', () => {
  it('flags a refusal with another code than the model predicts, giving both', () => {
    const r = attachedDisk().ok('detachDisk', { disk: 'd1' }).ok('disableKey', { key: 'k1' }).err('attachDisk', { disk: 'd1', server: 's1' }, 'KMS.0209').check();
    expect(r.violations[0]).toMatchObject({ kind: 'wrong-code', expected: 'EVS.2001', actual: 'KMS.0209', requirement: 'T1-DISABLED-DETACHED-IMPACT' });
    expect(r.violations[0]?.message).toContain('KMS.0209');
    expect(r.violations[0]?.message).toContain('EVS.2001');
  });

  it('accepts a refusal without a code, and the same code', () => {
    const r = attachedDisk()
      .ok('detachDisk', { disk: 'd1' })
      .ok('disableKey', { key: 'k1' })
      .err('attachDisk', { disk: 'd1', server: 's1' })
      .err('attachDisk', { disk: 'd1', server: 's1' }, 'EVS.2001')
      .check();
    expect(r.conformant).toBe(true);
  });
});

describe('conformance monitor: Tables 3 and 4 (copies)', () => {
  it('flags a disk from a snapshot of an encrypted disk reported unencrypted, and continues with the reported disk', () => {
    const r = attachedDisk()
      .ok('createSnapshot', { snapshot: 'sn1', disk: 'd1' })
      .ok('createDiskFromSnapshot', { disk: 'd2', snapshot: 'sn1', encrypted: false })
      .ok('disableKey', { key: 'k1' })
      .ok('attachDisk', { disk: 'd2', server: 's2' })
      .check();
    // d2 is unencrypted as the log reports, so attaching it with k1 disabled is fine
    expect(r.violations.map((v) => [v.op, v.kind, v.expected, v.requirement])).toEqual([['createDiskFromSnapshot', 'success-forbidden', 'EVS.1101', 'T3-SNAPSHOT-ENCRYPTED']]);
  });

  it('accepts inherited attributes and a free choice from backups', () => {
    const r = attachedDisk()
      .ok('createSnapshot', { snapshot: 'sn1', disk: 'd1' })
      .ok('createDiskFromSnapshot', { disk: 'd2', snapshot: 'sn1' })
      .ok('createBackup', { backup: 'b1', disk: 'd1' })
      .ok('createDiskFromBackup', { disk: 'd3', backup: 'b1', encrypted: false })
      .ok('createDisk', { disk: 'u1', encrypted: false })
      .ok('createImage', { image: 'i1', disk: 'u1' })
      .ok('createDiskFromImage', { disk: 'd4', image: 'i1', encrypted: false })
      .err('createDiskFromImage', { disk: 'd5', image: 'i1', encrypted: true }, 'EVS.1101')
      .check();
    expect(r.violations).toEqual([]);
  });

  it('flags an encrypted image replicated or exported successfully, and an unencrypted one refused', () => {
    const r = attachedDisk()
      .ok('createImage', { image: 'i1', disk: 'd1' })
      .ok('replicateImage', { image: 'i1', region: 'r2' })
      .ok('exportImage', { image: 'i1' })
      .ok('createDisk', { disk: 'u1', encrypted: false })
      .ok('createImage', { image: 'i2', disk: 'u1' })
      .err('exportImage', { image: 'i2' }, 'EVS.4002')
      .check();
    expect(r.violations.map((v) => [v.op, v.kind, v.requirement])).toEqual([
      ['replicateImage', 'success-forbidden', 'T4-IMAGE-NO-REPLICATE'],
      ['exportImage', 'success-forbidden', 'T4-IMAGE-NO-EXPORT'],
      ['exportImage', 'refusal-not-allowed', 'T4-IMAGE-NO-EXPORT'],
    ]);
  });

  it('needs the key of an encrypted copy to be usable to create a disk from it', () => {
    const r = attachedDisk().ok('createSnapshot', { snapshot: 'sn1', disk: 'd1' }).ok('disableKey', { key: 'k1' }).err('createDiskFromSnapshot', { disk: 'd2', snapshot: 'sn1' }, 'EVS.2002').check();
    expect(r.conformant).toBe(true);
  });
});

describe('conformance monitor: waiting periods and time', () => {
  it('accepts keyDeleted once the waiting period has elapsed, to the millisecond', () => {
    const base = () => attachedDisk().after(0, 12).ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 }).after(7);
    expect(base().ok('keyDeleted', { key: 'k1' }).check().conformant).toBe(true);
    const early = base().after(0, -1).ok('keyDeleted', { key: 'k1' }).check();
    expect(early.violations[0]).toMatchObject({ op: 'keyDeleted', kind: 'success-forbidden', expected: 'impossible', requirement: 'TXT-UNAVAILABLE-CMK-CONSEQUENCE' });
    expect(early.violations[0]?.message).toContain('2026-01-08T12:00:00Z');
  });

  it('flags keyDeleted too early, for a key not pending deletion, and twice', () => {
    const r = attachedDisk()
      .ok('keyDeleted', { key: 'k1' })
      .ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 })
      .after(3)
      .ok('keyDeleted', { key: 'k1' })
      .after(4)
      .ok('keyDeleted', { key: 'k1' })
      .ok('keyDeleted', { key: 'k1' })
      .check();
    expect(r.violations.map((v) => v.message.replace(/ \(.*/, ''))).toEqual([
      'keyDeleted k1 succeeded, but the model says it cannot have happened: key k1 is enabled, not pending deletion: no waiting period is running.',
      'keyDeleted k1 succeeded, but the model says it cannot have happened: the waiting period of key k1 has not elapsed',
      'keyDeleted k1 succeeded, but the model says it cannot have happened: key k1 was already reported deleted.',
    ]);
  });

  it('deletes a key when its period ends even without keyDeleted, and says so when it is used', () => {
    const r = attachedDisk()
      .ok('detachDisk', { disk: 'd1' })
      .ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 })
      .after(6)
      .ok('cancelKeyDeletion', { key: 'k1' })
      .ok('scheduleKeyDeletion', { key: 'k1', pendingDays: 7 })
      .after(8)
      .ok('cancelKeyDeletion', { key: 'k1' })
      .err('attachDisk', { disk: 'd1', server: 's1' }, 'EVS.2001')
      .check();
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({ op: 'cancelKeyDeletion', expected: 'KMS.0207', requirement: 'T1-DELETED-DETACHED-RESTORE' });
    expect(r.violations[0]?.message).toContain('the log has no keyDeleted line');
  });

  it('treats seq that does not increase and time that goes backwards as unreadable', () => {
    const first = parseLogLine('{"seq": 5, "time": "2026-01-02T00:00:00Z", "op": "createKey", "key": "k1", "result": "ok"}', 1);
    const sameSeq = parseLogLine('{"seq": 5, "time": "2026-01-02T00:00:00Z", "op": "createKey", "key": "k2", "result": "ok"}', 2);
    const earlier = parseLogLine('{"seq": 6, "time": "2026-01-01T23:59:59Z", "op": "createKey", "key": "k2", "result": "ok"}', 2);
    if (!first.ok || !sameSeq.ok || !earlier.ok) throw new Error('fixture lines must parse');
    const s1 = stepMonitor(initialMonitorState(), first.line);
    expect(s1.verdict.kind).toBe('conforms');
    const a = stepMonitor(s1.state, sameSeq.line).verdict;
    const b = stepMonitor(s1.state, earlier.line).verdict;
    expect(a.kind === 'unreadable' && a.problem).toMatchObject({ code: 'CLI.0405', lineNumber: 2 });
    expect(b.kind === 'unreadable' && b.problem).toMatchObject({ code: 'CLI.0406', lineNumber: 2 });
  });
});
