import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiskInfo, ServerInfo } from '../../src/evs/types.ts';
import { expectCode, expectRefusedUnchanged, KiB, makeKey, openTestCloud, projectWithCmk, type TestCloud, type UnusableState } from './evs-fixture.ts';

/** Table 1 of the seed: the impact of an unusable CMK on encrypted disks, attached or not, and how to restore. */

let tc: TestCloud;
let cmk: string;
let server: ServerInfo;
beforeEach(() => {
  tc = openTestCloud();
  cmk = projectWithCmk(tc.cloud);
  server = tc.cloud.evs.createServer({ project: 'p1', name: 'vm' });
});
afterEach(() => tc.cleanup());

/** An encrypted disk under `keyId`, or under the project's evs/default when `keyId` is null. */
function encryptedDisk(keyId: string | null = cmk): DiskInfo {
  return tc.cloud.evs.createDisk({ project: 'p1', sizeBytes: 64 * KiB, encrypted: true, ...(keyId === null ? {} : { keyId }) });
}

const STATES: UnusableState[] = ['disabled', 'pendingDeletion', 'deleted'];
const KMS_CODE: Record<UnusableState, string> = { disabled: 'KMS.0209', pendingDeletion: 'KMS.0210', deleted: 'KMS.0207' };

describe.each(STATES)('CMK %s', (state) => {
  it('attached disk: reads and writes stay normal with the same data, with no KMS call; detach works; re-attach is refused', () => {
    const evs = tc.cloud.evs;
    const disk = encryptedDisk();
    evs.attachDisk(disk.diskId, server.serverId);
    const before = Buffer.from('written while the CMK was enabled');
    evs.writeDisk(disk.diskId, 1000, before);

    makeKey(tc, cmk, state);
    const spies = (['decryptDataKey', 'generateDataKey', 'encryptDataKey', 'describeKey'] as const).map((m) => vi.spyOn(tc.cloud.kms, m));
    expect(evs.readDisk(disk.diskId, 1000, before.length).equals(before)).toBe(true);
    const after = Buffer.from(`written while the CMK was ${state}`);
    evs.writeDisk(disk.diskId, 511, after); // across a sector boundary
    expect(evs.readDisk(disk.diskId, 511, after.length).equals(after)).toBe(true);
    expect(evs.readDisk(disk.diskId, 1000, before.length).equals(before)).toBe(true);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    expect(evs.loadedDataKeys(server.serverId)).toEqual([disk.diskId]);

    const detached = evs.detachDisk(disk.diskId);
    expect(detached.status).toBe('available');
    expect(evs.loadedDataKeys(server.serverId)).toEqual([]);
    expectCode(() => evs.readDisk(disk.diskId, 0, 1), 'EVS.1001');

    const error = expectRefusedUnchanged(tc, () => evs.attachDisk(disk.diskId, server.serverId), 'EVS.2001');
    expect(error.data['keyState']).toBe(state);
    expect(error.data['kmsCode']).toBe(KMS_CODE[state]);
    expect(error.message).toContain(cmk);
    expect(evs.describeDisk(disk.diskId).status).toBe('available');
    expect(evs.loadedDataKeys(server.serverId)).toEqual([]);
  });

  it('detached disk: cannot be attached, and nothing changes', () => {
    const evs = tc.cloud.evs;
    const disk = encryptedDisk();
    makeKey(tc, cmk, state);
    const error = expectRefusedUnchanged(tc, () => evs.attachDisk(disk.diskId, server.serverId), 'EVS.2001');
    expect(error.data).toMatchObject({ keyState: state, kmsCode: KMS_CODE[state], keyId: cmk, diskId: disk.diskId });
    expect(evs.describeServer(server.serverId).attachedDiskIds).toEqual([]);
  });

  it('unencrypted disks are unaffected', () => {
    const evs = tc.cloud.evs;
    const plain = evs.createDisk({ project: 'p1', sizeBytes: 8 * KiB, encrypted: false });
    makeKey(tc, cmk, state);
    evs.attachDisk(plain.diskId, server.serverId);
    evs.writeDisk(plain.diskId, 3, Buffer.from('plain'));
    evs.detachDisk(plain.diskId);
    evs.attachDisk(plain.diskId, server.serverId);
    expect(evs.readDisk(plain.diskId, 3, 5).toString()).toBe('plain');
    expect(evs.loadedDataKeys(server.serverId)).toEqual([]);
  });
});

describe('the message of EVS.2001 names the state and how to restore (Table 1, How to Restore)', () => {
  it.each([
    ['disabled', /disabled[\s\S]*Enable the CMK/],
    ['pendingDeletion', /scheduled for deletion[\s\S]*Cancel the scheduled deletion[\s\S]*disabled[\s\S]*enable it/],
    ['deleted', /deleted[\s\S]*can never be restored/],
  ] as const)('%s', (state, pattern) => {
    const disk = encryptedDisk();
    makeKey(tc, cmk, state);
    const error = expectCode(() => tc.cloud.evs.attachDisk(disk.diskId, server.serverId), 'EVS.2001');
    expect(error.message).toMatch(pattern);
    expect(error.fix).toMatch(pattern.source.includes('never') ? /never/ : /nable/);
  });
});

describe('restore', () => {
  function detachedWithData(): { diskId: string; data: Buffer } {
    const evs = tc.cloud.evs;
    const disk = encryptedDisk();
    evs.attachDisk(disk.diskId, server.serverId);
    const data = tc.random.bytes(3000);
    evs.writeDisk(disk.diskId, 777, data);
    evs.detachDisk(disk.diskId);
    return { diskId: disk.diskId, data };
  }

  it('disabled: enabling the CMK makes the disk attachable, with its data', () => {
    const { diskId, data } = detachedWithData();
    makeKey(tc, cmk, 'disabled');
    expectCode(() => tc.cloud.evs.attachDisk(diskId, server.serverId), 'EVS.2001');
    tc.cloud.kms.enableKey(cmk);
    tc.cloud.evs.attachDisk(diskId, server.serverId);
    expect(tc.cloud.evs.readDisk(diskId, 777, data.length).equals(data)).toBe(true);
  });

  it('pending deletion: cancelling leaves the key disabled (still refused), enabling then restores', () => {
    const { diskId, data } = detachedWithData();
    makeKey(tc, cmk, 'pendingDeletion');
    tc.cloud.kms.cancelKeyDeletion(cmk);
    const error = expectCode(() => tc.cloud.evs.attachDisk(diskId, server.serverId), 'EVS.2001');
    expect(error.data['keyState']).toBe('disabled');
    tc.cloud.kms.enableKey(cmk);
    tc.cloud.evs.attachDisk(diskId, server.serverId);
    expect(tc.cloud.evs.readDisk(diskId, 777, data.length).equals(data)).toBe(true);
  });

  it('deleted: nothing restores the disk', () => {
    const { diskId } = detachedWithData();
    makeKey(tc, cmk, 'deleted');
    expect(() => tc.cloud.kms.cancelKeyDeletion(cmk)).toThrow();
    expect(() => tc.cloud.kms.enableKey(cmk)).toThrow();
    tc.clock.advanceDays(3650);
    const error = expectCode(() => tc.cloud.evs.attachDisk(diskId, server.serverId), 'EVS.2001');
    expect(error.data['keyState']).toBe('deleted');
  });

  it('a disk attached through the whole outage keeps working, and can detach and re-attach once the key is back', () => {
    const evs = tc.cloud.evs;
    const disk = encryptedDisk();
    evs.attachDisk(disk.diskId, server.serverId);
    makeKey(tc, cmk, 'pendingDeletion');
    evs.writeDisk(disk.diskId, 0, Buffer.from('during'));
    tc.cloud.kms.cancelKeyDeletion(cmk);
    tc.cloud.kms.enableKey(cmk);
    evs.detachDisk(disk.diskId);
    evs.attachDisk(disk.diskId, server.serverId);
    expect(evs.readDisk(disk.diskId, 0, 6).toString()).toBe('during');
  });
});

describe('evs/default', () => {
  it('an encrypted disk without keyId uses the project default key, which cannot be disabled or deleted', () => {
    const evs = tc.cloud.evs;
    const disk = encryptedDisk(null);
    const defaultKey = tc.cloud.kms.defaultKey('p1');
    expect(disk.keyId).toBe(defaultKey.keyId);
    expect(defaultKey.alias).toBe('evs/default');
    expectCode(() => tc.cloud.kms.disableKey(defaultKey.keyId), 'KMS.0211');
    expectCode(() => tc.cloud.kms.scheduleKeyDeletion(defaultKey.keyId, 7), 'KMS.0211');
    evs.attachDisk(disk.diskId, server.serverId);
    evs.writeDisk(disk.diskId, 100, Buffer.from('default'));
    evs.detachDisk(disk.diskId);
    evs.attachDisk(disk.diskId, server.serverId);
    expect(evs.readDisk(disk.diskId, 100, 7).toString()).toBe('default');
  });

  it('disabling a CMK does not affect disks under evs/default', () => {
    const evs = tc.cloud.evs;
    const onDefault = encryptedDisk(null);
    const onCmk = encryptedDisk();
    makeKey(tc, cmk, 'disabled');
    evs.attachDisk(onDefault.diskId, server.serverId);
    expectCode(() => evs.attachDisk(onCmk.diskId, server.serverId), 'EVS.2001');
    expect(evs.loadedDataKeys(server.serverId)).toEqual([onDefault.diskId]);
  });
});
