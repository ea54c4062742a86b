import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiskInfo } from '../../src/evs/types.ts';
import { diskFile, expectRefusedUnchanged, KiB, makeKey, openTestCloud, projectWithCmk, type TestCloud } from './evs-fixture.ts';

/** Tables 2 and 3 of the seed: how system and data disks get (or do not get) encrypted. */

let tc: TestCloud;
let cmkA: string;
let cmkB: string;
let vm: string;
beforeEach(() => {
  tc = openTestCloud({ seed: 3 });
  cmkA = projectWithCmk(tc.cloud, 'p1', 'cmk-a');
  cmkB = projectWithCmk(tc.cloud, 'p1', 'cmk-b');
  vm = tc.cloud.evs.createServer({ project: 'p1', name: 'worker' }).serverId;
});
afterEach(() => tc.cleanup());

const SIZE = 32 * KiB;
const CONTENT_AT = 1234;

/** A disk with known content, detached again. */
function diskWith(encrypted: boolean, keyId?: string, sectorSize: 512 | 4096 = 512): { disk: DiskInfo; content: Buffer } {
  const evs = tc.cloud.evs;
  const disk = evs.createDisk({ project: 'p1', sizeBytes: SIZE, encrypted, sectorSize, ...(keyId === undefined ? {} : { keyId }) });
  const content = tc.random.bytes(5000);
  evs.attachDisk(disk.diskId, vm);
  evs.writeDisk(disk.diskId, CONTENT_AT, content);
  evs.detachDisk(disk.diskId);
  return { disk, content };
}

function readBack(diskId: string, length: number): Buffer {
  const evs = tc.cloud.evs;
  const server = evs.describeDisk(diskId).serverId;
  if (server === null) evs.attachDisk(diskId, vm);
  const data = evs.readDisk(diskId, CONTENT_AT, length);
  if (server === null) evs.detachDisk(diskId);
  return data;
}

/** A bootable system disk with content, and a system image of it. */
function systemImage(encrypted: boolean): { imageId: string; content: Buffer } {
  const evs = tc.cloud.evs;
  const { content, disk } = diskWith(encrypted, encrypted ? cmkA : undefined);
  const base = evs.createServer({ project: 'p1', imageId: evs.createImage({ diskId: disk.diskId }).imageId });
  const systemDiskId = base.systemDiskId;
  if (systemDiskId === null) throw new Error('no system disk');
  const image = evs.createImage({ diskId: systemDiskId, name: 'golden' });
  expect(image.kind).toBe('system');
  return { imageId: image.imageId, content };
}

describe('Table 2: the system disk follows the image', () => {
  it.each([true, false])('image encrypted = %s', (encrypted) => {
    const evs = tc.cloud.evs;
    const { imageId, content } = systemImage(encrypted);
    const server = evs.createServer({ project: 'p1', name: 'from-image', imageId });
    const systemDiskId = server.systemDiskId;
    expect(systemDiskId).not.toBeNull();
    const system = evs.describeDisk(systemDiskId ?? '');
    expect(system).toMatchObject({ encrypted, keyId: encrypted ? cmkA : null, bootable: true, status: 'in-use', serverId: server.serverId, source: { kind: 'image', id: imageId } });
    expect(server.attachedDiskIds).toEqual([system.diskId]);
    expect(evs.loadedDataKeys(server.serverId)).toEqual(encrypted ? [system.diskId] : []);
    expect(evs.readDisk(system.diskId, CONTENT_AT, content.length).equals(content)).toBe(true);
    expect(diskFile(tc.dir, system.diskId).includes(content.subarray(0, 64))).toBe(!encrypted);
  });

  it('detaching the system disk leaves the server without one; the disk keeps its attribute', () => {
    const evs = tc.cloud.evs;
    const { imageId } = systemImage(true);
    const server = evs.createServer({ project: 'p1', imageId, dataDisks: [{ sizeBytes: SIZE, encrypted: false }] });
    const [systemDiskId, dataDiskId] = server.attachedDiskIds;
    expect(server.systemDiskId).toBe(systemDiskId);
    evs.detachDisk(systemDiskId ?? '');
    expect(evs.describeServer(server.serverId)).toMatchObject({ systemDiskId: null, attachedDiskIds: [dataDiskId] });
    expect(evs.loadedDataKeys(server.serverId)).toEqual([]);
    expect(evs.describeDisk(systemDiskId ?? '')).toMatchObject({ encrypted: true, keyId: cmkA, bootable: true, status: 'available' });
  });

  it('an image of another project cannot be used (EVS.0404 image)', () => {
    const { imageId } = systemImage(false);
    const error = expectRefusedUnchanged(tc, () => tc.cloud.evs.createServer({ project: 'p2', imageId }), 'EVS.0404');
    expect(error.data).toMatchObject({ kind: 'image', id: imageId, project: 'p2' });
  });

  it('a server from an encrypted image whose key is disabled is refused (EVS.2002) and nothing is created', () => {
    const { imageId } = systemImage(true);
    makeKey(tc, cmkA, 'disabled');
    const servers = tc.cloud.evs.listServers('p1').length;
    const error = expectRefusedUnchanged(tc, () => tc.cloud.evs.createServer({ project: 'p1', imageId }), 'EVS.2002');
    expect(error.data['keyState']).toBe('disabled');
    expect(tc.cloud.evs.listServers('p1')).toHaveLength(servers);
  });
});

describe('Table 3: data disks', () => {
  it('created together with a server: each one encrypted or not, as chosen, attached with its DK loaded', () => {
    const evs = tc.cloud.evs;
    const server = evs.createServer({
      project: 'p1',
      name: 'db',
      dataDisks: [
        { sizeBytes: SIZE, encrypted: true, keyId: cmkB },
        { sizeBytes: SIZE, encrypted: false },
        { sizeBytes: SIZE, encrypted: true, sectorSize: 4096 },
      ],
    });
    const disks = server.attachedDiskIds.map((id) => evs.describeDisk(id));
    expect(server.systemDiskId).toBeNull();
    expect(disks.map((d) => [d.encrypted, d.keyId, d.sectorSize, d.source.kind])).toEqual([
      [true, cmkB, 512, 'server'],
      [false, null, 512, 'server'],
      [true, tc.cloud.kms.defaultKey('p1').keyId, 4096, 'server'],
    ]);
    expect(evs.loadedDataKeys(server.serverId)).toEqual([disks[0]?.diskId, disks[2]?.diskId].sort());
    for (const d of disks) {
      evs.writeDisk(d.diskId, 4095, Buffer.from('xy'));
      expect(evs.readDisk(d.diskId, 4095, 2).toString()).toBe('xy');
    }
  });

  it('a server whose second data disk cannot be encrypted is not created at all', () => {
    makeKey(tc, cmkB, 'disabled');
    const create = (): unknown =>
      tc.cloud.evs.createServer({ project: 'p1', dataDisks: [{ sizeBytes: SIZE, encrypted: true, keyId: cmkA }, { sizeBytes: SIZE, encrypted: true, keyId: cmkB }] });
    expectRefusedUnchanged(tc, create, 'EVS.2002');
  });

  it.each([true, false])('empty disk: encrypted = %s as chosen', (encrypted) => {
    const { disk, content } = diskWith(encrypted, encrypted ? cmkA : undefined);
    expect(disk).toMatchObject({ encrypted, keyId: encrypted ? cmkA : null, status: 'available', source: { kind: 'empty', id: null } });
    expect(readBack(disk.diskId, content.length).equals(content)).toBe(true);
  });

  describe('from a backup: free choice, data preserved', () => {
    const cases: Array<[string, boolean, 'A' | 'B' | null, boolean, 'A' | 'B' | null]> = [
      ['encrypted(A) → unencrypted', true, 'A', false, null],
      ['encrypted(A) → encrypted(B), re-encrypted', true, 'A', true, 'B'],
      ['encrypted(A) → encrypted(A), ciphertext copied', true, 'A', true, 'A'],
      ['unencrypted → encrypted(B)', false, null, true, 'B'],
      ['unencrypted → unencrypted', false, null, false, null],
    ];
    it.each(cases)('%s', (_label, srcEnc, srcKey, dstEnc, dstKey) => {
      const key = (k: 'A' | 'B' | null): string | undefined => (k === 'A' ? cmkA : k === 'B' ? cmkB : undefined);
      const evs = tc.cloud.evs;
      const { disk, content } = diskWith(srcEnc, key(srcKey), 4096);
      const backup = evs.createBackup(disk.diskId, 'nightly');
      expect(backup).toMatchObject({ encrypted: srcEnc, keyId: key(srcKey) ?? null, diskId: disk.diskId });
      const dstKeyId = key(dstKey);
      const restored = evs.createDiskFromBackup(backup.backupId, { encrypted: dstEnc, ...(dstKeyId === undefined ? {} : { keyId: dstKeyId }) });
      expect(restored).toMatchObject({ encrypted: dstEnc, keyId: dstKeyId ?? null, sizeBytes: SIZE, sectorSize: 4096, source: { kind: 'backup', id: backup.backupId } });
      expect(readBack(restored.diskId, content.length).equals(content)).toBe(true);
      const backupBytes = readFileSync(join(tc.dir, 'backups', `${backup.backupId}.img`));
      const restoredBytes = diskFile(tc.dir, restored.diskId);
      expect(restoredBytes.includes(content.subarray(100, 164))).toBe(!dstEnc);
      expect(restoredBytes.equals(backupBytes)).toBe(srcEnc === dstEnc && srcKey === dstKey);
    });

    it('re-encryption needs the backup key usable to decrypt (EVS.2002), and the target key to generate (EVS.2002)', () => {
      const evs = tc.cloud.evs;
      const { disk } = diskWith(true, cmkA);
      const backup = evs.createBackup(disk.diskId);
      makeKey(tc, cmkA, 'disabled');
      const e1 = expectRefusedUnchanged(tc, () => evs.createDiskFromBackup(backup.backupId, { encrypted: false }), 'EVS.2002');
      expect(e1.data).toMatchObject({ keyId: cmkA, keyState: 'disabled' });
      tc.cloud.kms.enableKey(cmkA);
      makeKey(tc, cmkB, 'pendingDeletion');
      const e2 = expectRefusedUnchanged(tc, () => evs.createDiskFromBackup(backup.backupId, { encrypted: true, keyId: cmkB }), 'EVS.2002');
      expect(e2.data).toMatchObject({ keyId: cmkB, keyState: 'pendingDeletion' });
    });
  });

  describe('from a snapshot: inherits the source disk encryption and key', () => {
    it.each([true, false])('source encrypted = %s', (encrypted) => {
      const evs = tc.cloud.evs;
      const { disk, content } = diskWith(encrypted, encrypted ? cmkB : undefined);
      const snapshot = evs.createSnapshot(disk.diskId, 'snap');
      expect(snapshot).toMatchObject({ encrypted, keyId: encrypted ? cmkB : null });
      const fromSnap = evs.createDiskFromSnapshot(snapshot.snapshotId, { name: 'clone' });
      expect(fromSnap).toMatchObject({ name: 'clone', encrypted, keyId: encrypted ? cmkB : null, source: { kind: 'snapshot', id: snapshot.snapshotId } });
      expect(readBack(fromSnap.diskId, content.length).equals(content)).toBe(true);
      const same = evs.createDiskFromSnapshot(snapshot.snapshotId, { encrypted });
      expect(same.encrypted).toBe(encrypted);
      const contradiction = expectRefusedUnchanged(tc, () => evs.createDiskFromSnapshot(snapshot.snapshotId, { encrypted: !encrypted }), 'EVS.1101');
      expect(contradiction.data).toMatchObject({ snapshotId: snapshot.snapshotId, sourceEncrypted: encrypted });
    });

    it('a snapshot of an attached disk copies its on-disk ciphertext, even with the key disabled; a disk from it then needs the key', () => {
      const evs = tc.cloud.evs;
      const disk = evs.createDisk({ project: 'p1', sizeBytes: SIZE, encrypted: true, keyId: cmkA });
      evs.attachDisk(disk.diskId, vm);
      evs.writeDisk(disk.diskId, 10, Buffer.from('live data'));
      makeKey(tc, cmkA, 'disabled');
      const snapshot = evs.createSnapshot(disk.diskId);
      expect(readFileSync(join(tc.dir, 'snapshots', `${snapshot.snapshotId}.img`)).equals(diskFile(tc.dir, disk.diskId))).toBe(true);
      const error = expectRefusedUnchanged(tc, () => evs.createDiskFromSnapshot(snapshot.snapshotId), 'EVS.2002');
      expect(error.data).toMatchObject({ keyState: 'disabled', keyId: cmkA });
      tc.cloud.kms.enableKey(cmkA);
      const clone = evs.createDiskFromSnapshot(snapshot.snapshotId);
      evs.attachDisk(clone.diskId, vm);
      expect(evs.readDisk(clone.diskId, 10, 9).toString()).toBe('live data');
    });
  });

  describe('from an image: inherits the image encryption', () => {
    it.each([true, false])('image encrypted = %s', (encrypted) => {
      const evs = tc.cloud.evs;
      const { disk, content } = diskWith(encrypted, encrypted ? cmkA : undefined);
      const image = evs.createImage({ diskId: disk.diskId, name: 'data-image' });
      expect(image).toMatchObject({ encrypted, keyId: encrypted ? cmkA : null, kind: 'data', region: 'region-1', sourceDiskId: disk.diskId });
      const fromImage = evs.createDiskFromImage(image.imageId);
      expect(fromImage).toMatchObject({ encrypted, keyId: encrypted ? cmkA : null, bootable: false, source: { kind: 'image', id: image.imageId } });
      expect(readBack(fromImage.diskId, content.length).equals(content)).toBe(true);
      expectRefusedUnchanged(tc, () => evs.createDiskFromImage(image.imageId, { encrypted: !encrypted }), 'EVS.1101');
    });
  });
});
