import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { METADATA_FILE } from '../../src/system/cloud.ts';
import { decryptSectors } from '../../src/xts/xts-cipher.ts';
import { allFiles, KiB, makeKey, openTestCloud, projectWithCmk, type TestCloud } from '../evs/evs-fixture.ts';

/**
 * The DK plaintext never reaches persistent storage: after a whole lifecycle
 * with known DKs, no file of the workspace (database, WAL, images, exports)
 * and no temporary entry the run created holds a DK or either of its halves,
 * raw, hex or base64.
 */

let tc: TestCloud | undefined;
afterEach(() => tc?.cleanup());

/** Every DK EVS stores (wrapped) right now, unwrapped through the KMS while its key is usable. */
function harvest(t: TestCloud, into: Map<string, Buffer>): void {
  const db = new Database(join(t.dir, METADATA_FILE));
  try {
    const rows = db
      .prepare(
        `SELECT disk_id AS ctx, key_id, wrapped_dk FROM evs_disks WHERE encrypted = 1
         UNION ALL SELECT wrap_disk_id AS ctx, key_id, wrapped_dk FROM evs_copies WHERE encrypted = 1`,
      )
      .all() as Array<{ ctx: string; key_id: string; wrapped_dk: Buffer }>;
    for (const r of rows) {
      if (t.cloud.kms.describeKey(r.key_id).state !== 'enabled') continue;
      const dk = t.cloud.kms.decryptDataKey(r.key_id, Buffer.from(r.wrapped_dk), { diskId: r.ctx });
      into.set(dk.toString('hex'), dk);
    }
  } finally {
    db.close();
  }
}

function needles(dks: Iterable<Buffer>): Array<{ what: string; bytes: Buffer }> {
  const out: Array<{ what: string; bytes: Buffer }> = [];
  for (const dk of dks) {
    const id = dk.subarray(0, 4).toString('hex');
    for (const [part, bytes] of [['dk', dk], ['half1', dk.subarray(0, 32)], ['half2', dk.subarray(32)]] as const) {
      out.push({ what: `${part} ${id} raw`, bytes: Buffer.from(bytes) });
      out.push({ what: `${part} ${id} hex`, bytes: Buffer.from(bytes.toString('hex')) });
      out.push({ what: `${part} ${id} base64`, bytes: Buffer.from(bytes.toString('base64')) });
    }
  }
  return out;
}

function scan(files: string[], dks: Iterable<Buffer>): string[] {
  const list = needles(dks);
  const hits: string[] = [];
  for (const file of files) {
    let content: Buffer;
    try {
      if (!lstatSync(file).isFile()) continue;
      content = readFileSync(file);
    } catch {
      continue; // removed meanwhile by someone else's test
    }
    for (const n of list) if (content.includes(n.bytes)) hits.push(`${file}: ${n.what}`);
  }
  return hits;
}

function tmpEntriesSince(before: ReadonlySet<string>, exclude: string): string[] {
  return readdirSync(tmpdir())
    .filter((e) => !before.has(e) && join(tmpdir(), e) !== exclude)
    .flatMap((e) => {
      const path = join(tmpdir(), e);
      try {
        return lstatSync(path).isDirectory() ? allFiles(path) : [path];
      } catch {
        return [];
      }
    });
}

describe('DK confinement', () => {
  it('a whole lifecycle leaves no DK plaintext in any file', () => {
    const tmpBefore = new Set(readdirSync(tmpdir()));
    const t = openTestCloud({ seed: 2024 });
    tc = t;
    const { cloud } = t;
    const evs = cloud.evs;
    const dks = new Map<string, Buffer>();
    const cmkA = projectWithCmk(cloud, 'p1', 'a');
    const cmkB = cloud.kms.createKey('p1', 'b').keyId;

    // disks of every kind, with data, on 512 and 4096 sectors
    const vm = evs.createServer({ project: 'p1', name: 'vm', dataDisks: [{ sizeBytes: 16 * KiB, encrypted: true, keyId: cmkA }, { sizeBytes: 16 * KiB, encrypted: true, sectorSize: 4096 }] });
    const d512 = evs.createDisk({ project: 'p1', sizeBytes: 32 * KiB, encrypted: true, keyId: cmkA });
    const d4k = evs.createDisk({ project: 'p1', sizeBytes: 32 * KiB, encrypted: true, keyId: cmkB, sectorSize: 4096 });
    const plain = evs.createDisk({ project: 'p1', sizeBytes: 32 * KiB, encrypted: false });
    for (const d of [d512, d4k, plain]) evs.attachDisk(d.diskId, vm.serverId);
    const data = t.random.bytes(9000);
    for (const id of [...vm.attachedDiskIds, d512.diskId, d4k.diskId, plain.diskId]) evs.writeDisk(id, 333, data.subarray(0, Math.min(9000, 16 * KiB - 333)));
    evs.detachDisk(d4k.diskId);
    evs.attachDisk(d4k.diskId, vm.serverId);

    // copies, restores, re-encryption, images, servers from images
    const snap = evs.createSnapshot(d512.diskId);
    const backup = evs.createBackup(d512.diskId);
    const fromSnap = evs.createDiskFromSnapshot(snap.snapshotId);
    const reenc = evs.createDiskFromBackup(backup.backupId, { encrypted: true, keyId: cmkB });
    const decrypted = evs.createDiskFromBackup(backup.backupId, { encrypted: false });
    const plainBackup = evs.createBackup(plain.diskId);
    const encFromPlain = evs.createDiskFromBackup(plainBackup.backupId, { encrypted: true });
    const image = evs.createImage({ diskId: d512.diskId });
    const vm2 = evs.createServer({ project: 'p1', imageId: image.imageId, dataDisks: [{ sizeBytes: 8 * KiB, encrypted: true, keyId: cmkB }] });
    const sysImage = evs.createImage({ diskId: vm2.systemDiskId ?? '' });
    const plainImage = evs.createImage({ diskId: decrypted.diskId });
    evs.exportImage(plainImage.imageId, join(t.dir, 'exports', 'plain.raw'));
    evs.replicateImage(plainImage.imageId, 'region-2');
    harvest(t, dks);

    // the harvested DKs are the real ones: they decrypt what was written
    for (const diskId of [fromSnap.diskId, reenc.diskId, encFromPlain.diskId]) {
      evs.attachDisk(diskId, vm.serverId);
      expect(evs.readDisk(diskId, 333, 100).equals(data.subarray(0, 100))).toBe(true);
    }
    const sector0 = readFileSync(join(t.dir, 'disks', `${d512.diskId}.img`)).subarray(0, 512);
    const plaintext0 = [...dks.values()].map((dk) => decryptSectors(dk, sector0, 0n, 512)).find((p) => p.subarray(333, 433).equals(data.subarray(0, 100)));
    expect(plaintext0).toBeDefined();

    // Table 1 excursions: disable, delete, detach, refused attach
    makeKey(t, cmkB, 'disabled');
    evs.writeDisk(d4k.diskId, 0, Buffer.from('still writable'));
    evs.detachDisk(d4k.diskId);
    expect(() => evs.attachDisk(d4k.diskId, vm.serverId)).toThrow();
    cloud.kms.enableKey(cmkB);
    makeKey(t, cmkA, 'deleted');
    evs.writeDisk(d512.diskId, 0, Buffer.from('after deletion'));
    evs.detachDisk(d512.diskId);
    evs.createSnapshot(d512.diskId);
    expect(() => evs.createDiskFromImage(sysImage.imageId)).toThrow(/deleted/);

    // 7 distinct DKs: 2 data disks of vm, d512 (shared by its snapshot, image and the disks made from them), d4k,
    // the re-encrypted backup restore, the encrypted restore of the plain backup, vm2's data disk
    expect(dks.size).toBe(7);
    const workspace = allFiles(t.dir);
    expect(workspace.some((f) => f.endsWith('-wal') || f.endsWith(METADATA_FILE))).toBe(true);
    expect(scan([...workspace, ...tmpEntriesSince(tmpBefore, t.dir)], dks.values())).toEqual([]);

    // and after a clean shutdown (checkpointed database)
    cloud.close();
    expect(existsSync(join(t.dir, METADATA_FILE))).toBe(true);
    expect(scan([...allFiles(t.dir), ...tmpEntriesSince(tmpBefore, t.dir)], dks.values())).toEqual([]);
  });

  it('the scan is able to find a DK (the test would catch a leak)', () => {
    const t = openTestCloud({ seed: 5 });
    tc = t;
    projectWithCmk(t.cloud);
    const disk = t.cloud.evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true });
    const dks = new Map<string, Buffer>();
    harvest(t, dks);
    const [dk] = [...dks.values()];
    if (dk === undefined) throw new Error('no DK harvested');
    const vm = t.cloud.evs.createServer({ project: 'p1' });
    t.cloud.evs.attachDisk(disk.diskId, vm.serverId);
    t.cloud.evs.writeDisk(disk.diskId, 100, Buffer.concat([Buffer.from('leak:'), dk.subarray(32)]));
    // written through an unencrypted path it would be visible; here the disk is encrypted, so the scan stays clean…
    expect(scan(allFiles(t.dir), [dk])).toEqual([]);
    // …while a plaintext copy of a half is found.
    const plain = t.cloud.evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: false });
    t.cloud.evs.attachDisk(plain.diskId, vm.serverId);
    t.cloud.evs.writeDisk(plain.diskId, 100, dk.subarray(32));
    expect(scan(allFiles(t.dir), [dk])).toEqual([expect.stringContaining('half2')]);
  });
});
