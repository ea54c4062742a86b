import { describe, expect, it } from 'vitest';
import type { DiskEvent } from '../../models/disk.machine.ts';
import type { KeyStateView } from '../../models/outcome.ts';
import { initialDisk, stepDisk } from '../../models/system/component-step.ts';
import type { ComponentState, DiskData } from '../../models/system/system-types.ts';

const fresh = (encrypted = true) => initialDisk({ diskId: 'd1', encrypted, keyId: encrypted ? 'k1' : null });
const attach = (keyState: KeyStateView): DiskEvent => ({ type: 'disk.attach', server: 's1', keyState });

function attached(): ComponentState<DiskData> {
  const r = stepDisk(fresh(), attach('enabled'));
  expect(r.next.value).toBe('attached');
  return r.next;
}

describe('disk lifecycle', () => {
  it('is created detached, with no DK in memory and the attribute fixed', () => {
    expect(fresh()).toEqual({ value: 'available', context: { diskId: 'd1', encrypted: true, keyId: 'k1', serverId: null, dkInMemory: false } });
    expect(fresh(false).context.keyId).toBeNull();
  });

  it('attaches only while the key is enabled, loading the DK into host memory', () => {
    const a = attached();
    expect(a.context).toMatchObject({ serverId: 's1', dkInMemory: true });
  });

  it.each(['disabled', 'pendingDeletion', 'deleted'] as const)('refuses attach with EVS.2001 while the key is %s (Table 1)', (ks) => {
    const r = stepDisk(fresh(), attach(ks));
    expect(r.outcome).toEqual({ kind: 'refused', code: 'EVS.2001' });
    expect(r.next.value).toBe('available');
  });

  it('an unencrypted disk attaches whatever happens to keys, and never holds a DK', () => {
    const r = stepDisk(fresh(false), attach('none'));
    expect(r.next.value).toBe('attached');
    expect(r.next.context.dkInMemory).toBe(false);
  });

  it('reads and writes need the disk attached (EVS.1001), and work while attached', () => {
    for (const type of ['disk.read', 'disk.write'] as const) {
      expect(stepDisk(fresh(), { type }).outcome).toEqual({ kind: 'refused', code: 'EVS.1001' });
      const r = stepDisk(attached(), { type });
      expect(r.outcome).toEqual({ kind: 'ok' });
      expect(r.next.value).toBe('attached');
    }
  });

  it('detach zeroes and drops the DK', () => {
    const r = stepDisk(attached(), { type: 'disk.detach' });
    expect(r.next).toMatchObject({ value: 'available', context: { dkInMemory: false, serverId: null } });
    expect(stepDisk(r.next, { type: 'disk.detach' }).outcome).toEqual({ kind: 'refused', code: 'EVS.1001' });
  });

  it('refuses a second attach (EVS.1002) and deleting an attached disk (EVS.1004)', () => {
    expect(stepDisk(attached(), attach('enabled')).outcome).toEqual({ kind: 'refused', code: 'EVS.1002' });
    expect(stepDisk(attached(), { type: 'disk.delete' }).outcome).toEqual({ kind: 'refused', code: 'EVS.1004' });
  });

  it('refuses any change of the encryption attribute in every state (EVS.1101)', () => {
    for (const s of [fresh(), attached(), fresh(false)]) {
      const r = stepDisk(s, { type: 'disk.changeEncryption' });
      expect(r.outcome).toEqual({ kind: 'refused', code: 'EVS.1101' });
      expect(r.next).toEqual(s);
    }
  });

  it('a deleted disk refuses everything with EVS.0404', () => {
    const gone = stepDisk(fresh(), { type: 'disk.delete' }).next;
    expect(gone.value).toBe('deleted');
    const all: DiskEvent[] = [attach('enabled'), { type: 'disk.detach' }, { type: 'disk.read' }, { type: 'disk.write' }, { type: 'disk.delete' }];
    for (const e of all) expect(stepDisk(gone, e).outcome).toEqual({ kind: 'refused', code: 'EVS.0404' });
  });
});
