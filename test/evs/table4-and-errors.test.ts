import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvsResourceKind } from '../../src/evs/types.ts';
import { expectCode, expectRefusedUnchanged, KiB, makeKey, openTestCloud, projectWithCmk, type TestCloud } from './evs-fixture.ts';

/** Table 4 of the seed (constraints) and every EVS error path, each leaving the workspace unchanged. */

let tc: TestCloud;
let cmk: string;
let vm: string;
beforeEach(() => {
  tc = openTestCloud({ seed: 11 });
  cmk = projectWithCmk(tc.cloud);
  vm = tc.cloud.evs.createServer({ project: 'p1', name: 'vm' }).serverId;
});
afterEach(() => tc.cleanup());

describe('the encryption attribute of a disk is immutable', () => {
  it('encrypted → unencrypted, unencrypted → encrypted and a key change are refused (EVS.1101); the name may change', () => {
    const evs = tc.cloud.evs;
    const enc = evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true, keyId: cmk });
    const plain = evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: false });
    const other = tc.cloud.kms.createKey('p1', 'cmk-2').keyId;
    expectRefusedUnchanged(tc, () => evs.updateDisk(enc.diskId, { encrypted: false }), 'EVS.1101');
    expectRefusedUnchanged(tc, () => evs.updateDisk(plain.diskId, { encrypted: true }), 'EVS.1101');
    expectRefusedUnchanged(tc, () => evs.updateDisk(enc.diskId, { keyId: other }), 'EVS.1101');
    expectRefusedUnchanged(tc, () => evs.updateDisk(enc.diskId, { keyId: null }), 'EVS.1101');
    expectRefusedUnchanged(tc, () => evs.updateDisk(plain.diskId, { keyId: cmk }), 'EVS.1101');
    expectRefusedUnchanged(tc, () => evs.updateDisk(enc.diskId, { name: 'renamed', encrypted: false }), 'EVS.1101');
    expect(evs.updateDisk(enc.diskId, { name: 'renamed', encrypted: true, keyId: cmk })).toMatchObject({ name: 'renamed', encrypted: true, keyId: cmk });
    expect(evs.describeDisk(plain.diskId)).toMatchObject({ encrypted: false, keyId: null });
  });

  it('an unencrypted disk cannot name a key (EVS.1101)', () => {
    expectRefusedUnchanged(tc, () => tc.cloud.evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: false, keyId: cmk }), 'EVS.1101');
  });
});

describe('encrypted images', () => {
  function images(): { encrypted: string; plain: string; plainContent: Buffer } {
    const evs = tc.cloud.evs;
    const enc = evs.createDisk({ project: 'p1', sizeBytes: 8 * KiB, encrypted: true, keyId: cmk });
    const plain = evs.createDisk({ project: 'p1', sizeBytes: 8 * KiB, encrypted: false });
    const plainContent = Buffer.alloc(8 * KiB);
    evs.attachDisk(plain.diskId, vm);
    evs.writeDisk(plain.diskId, 700, Buffer.from('exported bytes'));
    Buffer.from('exported bytes').copy(plainContent, 700);
    evs.detachDisk(plain.diskId);
    return { encrypted: evs.createImage({ diskId: enc.diskId }).imageId, plain: evs.createImage({ diskId: plain.diskId }).imageId, plainContent };
  }

  it('cannot be replicated to another region (EVS.4001); unencrypted ones can', () => {
    const { encrypted, plain } = images();
    expectRefusedUnchanged(tc, () => tc.cloud.evs.replicateImage(encrypted, 'region-2'), 'EVS.4001');
    const replica = tc.cloud.evs.replicateImage(plain, 'region-2');
    expect(replica).toMatchObject({ region: 'region-2', encrypted: false, kind: 'data' });
    expect(replica.imageId).not.toBe(plain);
    expect(tc.cloud.evs.describeImage(plain).region).toBe('region-1');
  });

  it('cannot be exported (EVS.4002); unencrypted ones export as the raw plaintext image', () => {
    const { encrypted, plain, plainContent } = images();
    const dest = join(tc.dir, 'exports', 'x.raw');
    expectRefusedUnchanged(tc, () => tc.cloud.evs.exportImage(encrypted, dest), 'EVS.4002');
    tc.cloud.evs.exportImage(plain, dest);
    expect(readFileSync(dest).equals(plainContent)).toBe(true);
  });

  it('cannot be changed to unencrypted (EVS.4003); an unencrypted one cannot become encrypted (EVS.1101); the name may change', () => {
    const { encrypted, plain } = images();
    expectRefusedUnchanged(tc, () => tc.cloud.evs.updateImage(encrypted, { encrypted: false }), 'EVS.4003');
    expectRefusedUnchanged(tc, () => tc.cloud.evs.updateImage(plain, { encrypted: true }), 'EVS.1101');
    expect(tc.cloud.evs.updateImage(encrypted, { name: 'gold', encrypted: true })).toMatchObject({ name: 'gold', encrypted: true, keyId: cmk });
  });
});

describe('permissions: the agency', () => {
  it('the first encrypted disk in a project needs the agency (EVS.1201); granting it needs a security administrator (EVS.1202)', () => {
    const evs = tc.cloud.evs;
    const create = (): unknown => evs.createDisk({ project: 'p2', sizeBytes: 4 * KiB, encrypted: true });
    expect(tc.cloud.kms.hasEvsAccess('p2')).toBe(false);
    const e = expectRefusedUnchanged(tc, create, 'EVS.1201');
    expect(e.data).toMatchObject({ project: 'p2' });
    expect(evs.createDisk({ project: 'p2', sizeBytes: 4 * KiB, encrypted: false }).encrypted).toBe(false);
    expectCode(() => tc.cloud.kms.grantEvsAccess('p2', { securityAdministrator: false }), 'EVS.1202');
    expect(tc.cloud.kms.hasEvsAccess('p2')).toBe(false);
    tc.cloud.kms.grantEvsAccess('p2', { securityAdministrator: true });
    expect(evs.createDisk({ project: 'p2', sizeBytes: 4 * KiB, encrypted: true }).encrypted).toBe(true);
    // not the first user: encryption works directly
    expect(evs.createDisk({ project: 'p2', sizeBytes: 4 * KiB, encrypted: true }).encrypted).toBe(true);
  });

  it('a server with an encrypted data disk also needs the agency', () => {
    expectRefusedUnchanged(tc, () => tc.cloud.evs.createServer({ project: 'p3', dataDisks: [{ sizeBytes: 4 * KiB, encrypted: true }] }), 'EVS.1201');
  });
});

describe('error paths leave everything unchanged', () => {
  it('EVS.0404 names the kind of unknown id', () => {
    const evs = tc.cloud.evs;
    const disk = evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: false });
    const calls: Array<[EvsResourceKind, () => unknown]> = [
      ['disk', () => evs.describeDisk('disk-nope')],
      ['disk', () => evs.attachDisk('disk-nope', vm)],
      ['disk', () => evs.deleteDisk('disk-nope')],
      ['disk', () => evs.readDisk('disk-nope', 0, 1)],
      ['disk', () => evs.createSnapshot('disk-nope')],
      ['server', () => evs.attachDisk(disk.diskId, 'server-nope')],
      ['server', () => evs.describeServer('server-nope')],
      ['server', () => evs.loadedDataKeys('server-nope')],
      ['snapshot', () => evs.createDiskFromSnapshot('snap-nope')],
      ['backup', () => evs.createDiskFromBackup('backup-nope', { encrypted: false })],
      ['image', () => evs.createDiskFromImage('image-nope')],
      ['image', () => evs.createServer({ project: 'p1', imageId: 'image-nope' })],
      ['image', () => evs.replicateImage('image-nope', 'r2')],
      ['image', () => evs.exportImage('image-nope', join(tc.dir, 'x'))],
      ['image', () => evs.updateImage('image-nope', { name: 'x' })],
    ];
    for (const [kind, call] of calls) expect(expectRefusedUnchanged(tc, call, 'EVS.0404').data['kind']).toBe(kind);
  });

  it('a server of another project cannot take the disk (EVS.0404 server)', () => {
    const disk = tc.cloud.evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: false });
    const foreign = tc.cloud.evs.createServer({ project: 'other' }).serverId;
    expect(expectRefusedUnchanged(tc, () => tc.cloud.evs.attachDisk(disk.diskId, foreign), 'EVS.0404').data['kind']).toBe('server');
  });

  it('attachment errors: EVS.1001, EVS.1002, EVS.1004', () => {
    const evs = tc.cloud.evs;
    const disk = evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true, keyId: cmk });
    expectRefusedUnchanged(tc, () => evs.readDisk(disk.diskId, 0, 1), 'EVS.1001');
    expectRefusedUnchanged(tc, () => evs.writeDisk(disk.diskId, 0, Buffer.from('x')), 'EVS.1001');
    expectRefusedUnchanged(tc, () => evs.detachDisk(disk.diskId), 'EVS.1001');
    evs.attachDisk(disk.diskId, vm);
    const other = evs.createServer({ project: 'p1' }).serverId;
    expectRefusedUnchanged(tc, () => evs.attachDisk(disk.diskId, vm), 'EVS.1002');
    expectRefusedUnchanged(tc, () => evs.attachDisk(disk.diskId, other), 'EVS.1002');
    expectRefusedUnchanged(tc, () => evs.deleteDisk(disk.diskId), 'EVS.1004');
    expect(evs.loadedDataKeys(vm)).toEqual([disk.diskId]);
    expect(evs.loadedDataKeys(other)).toEqual([]);
    evs.detachDisk(disk.diskId);
    evs.deleteDisk(disk.diskId);
    expectCode(() => evs.describeDisk(disk.diskId), 'EVS.0404');
  });

  it('I/O bounds: EVS.3001 outside the disk, EVS.3002 malformed offset or length', () => {
    const evs = tc.cloud.evs;
    const disk = evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true, keyId: cmk });
    evs.attachDisk(disk.diskId, vm);
    evs.writeDisk(disk.diskId, 4 * KiB - 3, Buffer.from('end'));
    expect(evs.readDisk(disk.diskId, 4 * KiB, 0).length).toBe(0);
    expectRefusedUnchanged(tc, () => evs.readDisk(disk.diskId, 4 * KiB - 2, 3), 'EVS.3001');
    expectRefusedUnchanged(tc, () => evs.writeDisk(disk.diskId, 4 * KiB - 2, Buffer.from('abc')), 'EVS.3001');
    expectRefusedUnchanged(tc, () => evs.writeDisk(disk.diskId, 4 * KiB + 1, Buffer.alloc(0)), 'EVS.3001');
    expectRefusedUnchanged(tc, () => evs.readDisk(disk.diskId, -1, 1), 'EVS.3002');
    expectRefusedUnchanged(tc, () => evs.readDisk(disk.diskId, 0.5, 1), 'EVS.3002');
    expectRefusedUnchanged(tc, () => evs.readDisk(disk.diskId, 0, -1), 'EVS.3002');
    expectRefusedUnchanged(tc, () => evs.readDisk(disk.diskId, 0, Number.NaN), 'EVS.3002');
    expectRefusedUnchanged(tc, () => evs.writeDisk(disk.diskId, 1.5, Buffer.from('x')), 'EVS.3002');
    expect(evs.readDisk(disk.diskId, 4 * KiB - 3, 3).toString()).toBe('end');
  });

  it('disk geometry: EVS.3003 sector size, EVS.3004 size', () => {
    const evs = tc.cloud.evs;
    const create = (sizeBytes: number, sectorSize?: number) => () =>
      evs.createDisk({ project: 'p1', sizeBytes, encrypted: true, ...(sectorSize === undefined ? {} : { sectorSize: sectorSize as 512 }) });
    expectRefusedUnchanged(tc, create(4 * KiB, 1024), 'EVS.3003');
    expectRefusedUnchanged(tc, create(0), 'EVS.3004');
    expectRefusedUnchanged(tc, create(-512), 'EVS.3004');
    expectRefusedUnchanged(tc, create(1000), 'EVS.3004');
    expectRefusedUnchanged(tc, create(6 * 512, 4096), 'EVS.3004');
    expectRefusedUnchanged(tc, create(64 * 1024 ** 4 + 512), 'EVS.3004');
    expectRefusedUnchanged(tc, () => evs.createServer({ project: 'p1', dataDisks: [{ sizeBytes: 4 * KiB, encrypted: false }, { sizeBytes: 100, encrypted: false }] }), 'EVS.3004');
  });

  it('creating an encrypted disk with an unusable key: EVS.2002 with the key state', () => {
    const evs = tc.cloud.evs;
    makeKey(tc, cmk, 'pendingDeletion');
    const e = expectRefusedUnchanged(tc, () => evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true, keyId: cmk }), 'EVS.2002');
    expect(e.data).toMatchObject({ keyId: cmk, keyState: 'pendingDeletion', kmsCode: 'KMS.0210' });
    expect(e.message).toMatch(/Cancel the scheduled deletion/);
  });

  it('a key of another project or that never existed is refused by the KMS, nothing created', () => {
    const foreign = projectWithCmk(tc.cloud, 'p9', 'theirs');
    expectRefusedUnchanged(tc, () => tc.cloud.evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true, keyId: foreign }), 'KMS.0207');
    expectRefusedUnchanged(tc, () => tc.cloud.evs.createDisk({ project: 'p1', sizeBytes: 4 * KiB, encrypted: true, keyId: 'no-such-key' }), 'KMS.0207');
  });
});
