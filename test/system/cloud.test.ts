import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/clock/clock.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';
import { Cloud, DEFAULT_REGION, METADATA_FILE } from '../../src/system/cloud.ts';
import { decryptSectors } from '../../src/xts/xts-cipher.ts';
import { diskFile, expectCode, KiB, projectWithCmk, storedWrappedDk } from '../evs/evs-fixture.ts';
import { createSoftHsmToken, type SoftHsmToken } from '../support/softhsm.ts';

let dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'evs-cloud-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('Cloud.open', () => {
  it('defaults: system clock, secure random, software root key in the folder, region-1', () => {
    const dir = freshDir();
    const cloud = Cloud.open({ dir: relative(process.cwd(), dir) });
    try {
      expect(cloud.dir).toBe(dir);
      expect(cloud.region).toBe(DEFAULT_REGION);
      expect(cloud.region).toBe('region-1');
      expect(cloud.evs.region).toBe('region-1');
      expect(existsSync(join(dir, 'root-key.bin'))).toBe(true);
      expect(existsSync(join(dir, METADATA_FILE))).toBe(true);
      projectWithCmk(cloud);
      const disk = cloud.evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true });
      const vm = cloud.evs.createServer({ project: 'p1' });
      cloud.evs.attachDisk(disk.diskId, vm.serverId);
      cloud.evs.writeDisk(disk.diskId, 10, Buffer.from('hello'));
      expect(cloud.evs.readDisk(disk.diskId, 10, 5).toString()).toBe('hello');
      const image = cloud.evs.createImage({ diskId: disk.diskId });
      expect(image.region).toBe('region-1');
    } finally {
      cloud.close();
      cloud.close(); // idempotent
    }
  });

  it('the region option names the region of new images', () => {
    const cloud = Cloud.open({ dir: freshDir(), region: 'eu-west-0', clock: new SimulatedClock(), random: new SeededRandom(1) });
    try {
      const disk = cloud.evs.createDisk({ project: 'p', sizeBytes: 4 * KiB, encrypted: false });
      expect(cloud.evs.createImage({ diskId: disk.diskId }).region).toBe('eu-west-0');
    } finally {
      cloud.close();
    }
  });
});

describe('disk image files', () => {
  it.each([512, 4096] as const)('an encrypted disk (%i-byte sectors) is dm-crypt aes-xts-plain64 under its DK; an unencrypted one is plaintext', (sectorSize) => {
    const dir = freshDir();
    const cloud = Cloud.open({ dir, clock: new SimulatedClock(), random: new SeededRandom(9) });
    try {
      projectWithCmk(cloud);
      const vm = cloud.evs.createServer({ project: 'p1' }).serverId;
      const enc = cloud.evs.createDisk({ project: 'p1', sizeBytes: 16 * KiB, sectorSize, encrypted: true });
      const plain = cloud.evs.createDisk({ project: 'p1', sizeBytes: 16 * KiB, sectorSize, encrypted: false });
      const data = Buffer.alloc(2 * sectorSize + 77, 'The quick brown fox. ');
      for (const d of [enc, plain]) {
        cloud.evs.attachDisk(d.diskId, vm);
        cloud.evs.writeDisk(d.diskId, sectorSize - 40, data);
      }
      const count = Math.ceil((sectorSize - 40 + data.length) / sectorSize);
      const stored = diskFile(dir, enc.diskId).subarray(0, count * sectorSize);
      expect(stored.includes(data.subarray(0, 32))).toBe(false);
      const dk = cloud.kms.decryptDataKey(enc.keyId ?? '', storedWrappedDk(dir, enc.diskId), { diskId: enc.diskId });
      const opened = decryptSectors(dk, stored, 0n, sectorSize);
      expect(opened.subarray(sectorSize - 40, sectorSize - 40 + data.length).equals(data)).toBe(true);
      expect(diskFile(dir, plain.diskId).subarray(sectorSize - 40, sectorSize - 40 + data.length).equals(data)).toBe(true);
      dk.fill(0);
    } finally {
      cloud.close();
    }
  });
});

describe('reopening a workspace', () => {
  it('keeps every record and the data; hosts are rebooted: attached disks stay attached and reload their DK on first I/O', () => {
    const dir = freshDir();
    const clock = new SimulatedClock();
    const first = Cloud.open({ dir, clock, random: new SeededRandom(1) });
    const cmk = projectWithCmk(first);
    const vm = first.evs.createServer({ project: 'p1', name: 'vm', dataDisks: [{ sizeBytes: 8 * KiB, encrypted: true, keyId: cmk }] });
    const attached = vm.attachedDiskIds[0] ?? '';
    const detached = first.evs.createDisk({ project: 'p1', sizeBytes: 8 * KiB, encrypted: true, sectorSize: 4096 });
    first.evs.attachDisk(detached.diskId, vm.serverId);
    first.evs.writeDisk(attached, 100, Buffer.from('attached data'));
    first.evs.writeDisk(detached.diskId, 5000, Buffer.from('detached data'));
    first.evs.detachDisk(detached.diskId);
    const snapshot = first.evs.createSnapshot(attached);
    const before = { disks: first.evs.listDisks('p1'), server: first.evs.describeServer(vm.serverId), snapshots: first.evs.listSnapshots('p1'), keys: first.kms.listKeys('p1') };
    first.close();

    // the same seed again: ids are redrawn instead of clashing with the stored ones
    const second = Cloud.open({ dir, clock, random: new SeededRandom(1) });
    try {
      expect({ disks: second.evs.listDisks('p1'), server: second.evs.describeServer(vm.serverId), snapshots: second.evs.listSnapshots('p1'), keys: second.kms.listKeys('p1') }).toEqual(before);
      expect(second.evs.describeDisk(attached)).toMatchObject({ status: 'in-use', serverId: vm.serverId });
      expect(second.evs.loadedDataKeys(vm.serverId)).toEqual([]);
      expect(second.evs.readDisk(attached, 100, 13).toString()).toBe('attached data');
      expect(second.evs.loadedDataKeys(vm.serverId)).toEqual([attached]);
      second.evs.attachDisk(detached.diskId, vm.serverId);
      expect(second.evs.readDisk(detached.diskId, 5000, 13).toString()).toBe('detached data');
      const fresh = second.evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true });
      expect(before.disks.map((d) => d.diskId)).not.toContain(fresh.diskId);
      const clone = second.evs.createDiskFromSnapshot(snapshot.snapshotId);
      second.evs.attachDisk(clone.diskId, vm.serverId);
      expect(second.evs.readDisk(clone.diskId, 100, 13).toString()).toBe('attached data');
    } finally {
      second.close();
    }
  });

  it('after a reboot, an attached disk whose key was disabled cannot reload its DK (EVS.2001) but can be detached', () => {
    const dir = freshDir();
    const first = Cloud.open({ dir, clock: new SimulatedClock(), random: new SeededRandom(2) });
    const cmk = projectWithCmk(first);
    const vm = first.evs.createServer({ project: 'p1', dataDisks: [{ sizeBytes: 4 * KiB, encrypted: true, keyId: cmk }] });
    const diskId = vm.attachedDiskIds[0] ?? '';
    first.kms.disableKey(cmk);
    first.evs.writeDisk(diskId, 0, Buffer.from('before reboot')); // DK in memory: fine
    first.close();

    const second = Cloud.open({ dir, clock: new SimulatedClock(), random: new SeededRandom(3) });
    try {
      const e = expectCode(() => second.evs.readDisk(diskId, 0, 13), 'EVS.2001');
      expect(e.data['keyState']).toBe('disabled');
      expect(second.evs.describeDisk(diskId).status).toBe('in-use');
      second.evs.detachDisk(diskId);
      second.kms.enableKey(cmk);
      second.evs.attachDisk(diskId, vm.serverId);
      expect(second.evs.readDisk(diskId, 0, 13).toString()).toBe('before reboot');
    } finally {
      second.close();
    }
  });

  it('removes files a crash left behind (temporary files, images without metadata) and keeps the rest', () => {
    const dir = freshDir();
    const first = Cloud.open({ dir, clock: new SimulatedClock(), random: new SeededRandom(4) });
    const disk = first.evs.createDisk({ project: 'p', sizeBytes: 4 * KiB, encrypted: false });
    first.close();
    writeFileSync(join(dir, 'disks', 'disk-0000000000000000.img'), 'orphan');
    writeFileSync(join(dir, 'disks', `${disk.diskId}.img.tmp-1-1`), 'half written');
    writeFileSync(join(dir, 'snapshots', 'snap-0000000000000000.img.tmp-9-9'), 'half written');
    const second = Cloud.open({ dir, clock: new SimulatedClock(), random: new SeededRandom(5) });
    try {
      expect(readdirSync(join(dir, 'disks'))).toEqual([`${disk.diskId}.img`]);
      expect(readdirSync(join(dir, 'snapshots'))).toEqual([]);
      expect(second.evs.describeDisk(disk.diskId).sizeBytes).toBe(4 * KiB);
    } finally {
      second.close();
    }
  });
});

describe('with the root key in SoftHSM2 (PKCS#11)', () => {
  let token: SoftHsmToken;
  beforeAll(() => {
    token = createSoftHsmToken();
  });
  afterAll(() => token.cleanup());

  it('encrypted disks work, survive a reopen, and no software root key is written', () => {
    const dir = freshDir();
    const rootKey = { kind: 'pkcs11' as const, modulePath: token.modulePath, tokenLabel: token.tokenLabel, pin: token.pin, keyLabel: 'evs-root' };
    const first = Cloud.open({ dir, rootKey, clock: new SimulatedClock(), random: new SeededRandom(6) });
    let diskId: string;
    let serverId: string;
    try {
      const cmk = projectWithCmk(first);
      const disk = first.evs.createDisk({ project: 'p1', sizeBytes: 8 * KiB, encrypted: true, keyId: cmk });
      diskId = disk.diskId;
      serverId = first.evs.createServer({ project: 'p1' }).serverId;
      first.evs.attachDisk(diskId, serverId);
      first.evs.writeDisk(diskId, 511, Buffer.from('in the HSM era'));
      first.evs.detachDisk(diskId);
    } finally {
      first.close();
    }
    expect(existsSync(join(dir, 'root-key.bin'))).toBe(false);
    const second = Cloud.open({ dir, rootKey, clock: new SimulatedClock(), random: new SeededRandom(7) });
    try {
      second.evs.attachDisk(diskId, serverId);
      expect(second.evs.readDisk(diskId, 511, 14).toString()).toBe('in the HSM era');
    } finally {
      second.close();
    }
  });
});
