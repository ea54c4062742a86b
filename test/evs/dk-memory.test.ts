import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KiB, openTestCloud, projectWithCmk, type TestCloud } from './evs-fixture.ts';

/**
 * The DK plaintext lives in a host's memory only while its disk is attached:
 * every plaintext the KMS hands to EVS is zeroed as soon as it is not needed
 * (after creating a detached disk, after re-wrapping, on detach, on close).
 */

let tc: TestCloud;
let cmk: string;
let vm: string;
beforeEach(() => {
  tc = openTestCloud({ seed: 8 });
  cmk = projectWithCmk(tc.cloud);
  vm = tc.cloud.evs.createServer({ project: 'p1' }).serverId;
});
afterEach(() => {
  vi.restoreAllMocks();
  tc.cleanup();
});

const ZERO = Buffer.alloc(64);

/** The plaintext DKs the KMS returned to EVS during `fn`. */
function plaintextsDuring(fn: () => void): Buffer[] {
  const kms = tc.cloud.kms;
  const gen = vi.spyOn(kms, 'generateDataKey');
  const dec = vi.spyOn(kms, 'decryptDataKey');
  fn();
  const out = [
    ...gen.mock.results.flatMap((r) => (r.type === 'return' ? [r.value.plaintext] : [])),
    ...dec.mock.results.flatMap((r) => (r.type === 'return' ? [r.value] : [])),
  ];
  gen.mockRestore();
  dec.mockRestore();
  return out;
}

describe('DK plaintext lifetime', () => {
  it('creating a detached encrypted disk zeroes the generated DK', () => {
    const dks = plaintextsDuring(() => tc.cloud.evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true, keyId: cmk }));
    expect(dks).toHaveLength(1);
    expect(dks.every((dk) => dk.equals(ZERO))).toBe(true);
  });

  it('creating from a snapshot, an image or a re-encrypted backup zeroes every DK it unwrapped or generated', () => {
    const evs = tc.cloud.evs;
    const disk = evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true, keyId: cmk });
    const other = tc.cloud.kms.createKey('p1', 'other').keyId;
    const snapshot = evs.createSnapshot(disk.diskId);
    const image = evs.createImage({ diskId: disk.diskId });
    const backup = evs.createBackup(disk.diskId);
    const dks = plaintextsDuring(() => {
      evs.createDiskFromSnapshot(snapshot.snapshotId);
      evs.createDiskFromImage(image.imageId);
      evs.createDiskFromBackup(backup.backupId, { encrypted: true, keyId: other });
      evs.createDiskFromBackup(backup.backupId, { encrypted: false });
    });
    expect(dks).toHaveLength(5);
    expect(dks.every((dk) => dk.equals(ZERO))).toBe(true);
  });

  it('an attached disk keeps its DK in host memory until detach zeroes it', () => {
    const evs = tc.cloud.evs;
    const disk = evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true, keyId: cmk });
    const [dk] = plaintextsDuring(() => evs.attachDisk(disk.diskId, vm));
    expect(dk?.equals(ZERO)).toBe(false);
    evs.writeDisk(disk.diskId, 0, Buffer.from('x'));
    evs.detachDisk(disk.diskId);
    expect(dk?.equals(ZERO)).toBe(true);
  });

  it('data disks created with a server keep their generated DK in its host; closing the cloud zeroes them', () => {
    const evs = tc.cloud.evs;
    let serverId = '';
    const dks = plaintextsDuring(() => {
      serverId = evs.createServer({ project: 'p1', dataDisks: [{ sizeBytes: 4 * KiB, encrypted: true }, { sizeBytes: 4 * KiB, encrypted: true, keyId: cmk }] }).serverId;
    });
    expect(dks).toHaveLength(2);
    expect(dks.some((dk) => dk.equals(ZERO))).toBe(false);
    expect(evs.loadedDataKeys(serverId)).toHaveLength(2);
    tc.cloud.close();
    expect(dks.every((dk) => dk.equals(ZERO))).toBe(true);
  });

  it('a refused attach leaves no DK behind', () => {
    const evs = tc.cloud.evs;
    const disk = evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true, keyId: cmk });
    evs.attachDisk(disk.diskId, vm);
    const other = evs.createServer({ project: 'p1' }).serverId;
    const dks = plaintextsDuring(() => expect(() => evs.attachDisk(disk.diskId, other)).toThrow());
    expect(dks).toEqual([]);
    expect(evs.loadedDataKeys(other)).toEqual([]);
  });
});
