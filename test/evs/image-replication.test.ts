import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRefusedUnchanged, KiB, openTestCloud, projectWithCmk, type TestCloud } from './evs-fixture.ts';

/**
 * Table 4: "Encrypted images cannot be replicated across regions." Within
 * their own region they can (finding F-IMAGE-SAME-REGION); the replica keeps
 * the key, and a disk created from it reads the source's data.
 */

let tc: TestCloud;
let cmk: string;
let vm: string;
beforeEach(() => {
  tc = openTestCloud({ seed: 23 });
  cmk = projectWithCmk(tc.cloud);
  vm = tc.cloud.evs.createServer({ project: 'p1', name: 'vm' }).serverId;
});
afterEach(() => tc.cleanup());

function encryptedImage(content: Buffer, offset: number): string {
  const evs = tc.cloud.evs;
  const disk = evs.createDisk({ project: 'p1', sizeBytes: 8 * KiB, encrypted: true, keyId: cmk });
  evs.attachDisk(disk.diskId, vm);
  evs.writeDisk(disk.diskId, offset, content);
  evs.detachDisk(disk.diskId);
  return evs.createImage({ diskId: disk.diskId }).imageId;
}

describe('replicating an encrypted image', () => {
  it('within its own region is allowed: the replica keeps the key and the data', () => {
    const evs = tc.cloud.evs;
    const content = Buffer.from('replicated within region-1, across a sector boundary');
    const imageId = encryptedImage(content, 500);
    const replica = evs.replicateImage(imageId, tc.cloud.region);
    expect(replica).toMatchObject({ region: 'region-1', encrypted: true, keyId: cmk, kind: 'data' });
    expect(replica.imageId).not.toBe(imageId);
    const disk = evs.createDiskFromImage(replica.imageId);
    expect(disk).toMatchObject({ encrypted: true, keyId: cmk });
    evs.attachDisk(disk.diskId, vm);
    expect(evs.readDisk(disk.diskId, 500, content.length).equals(content)).toBe(true);
  });

  it('to another region is still refused (EVS.4001) and changes nothing', () => {
    const imageId = encryptedImage(Buffer.from('stays in region-1'), 0);
    expectRefusedUnchanged(tc, () => tc.cloud.evs.replicateImage(imageId, 'region-2'), 'EVS.4001');
    expect(tc.cloud.evs.listImages('p1').map((i) => i.region)).toEqual(['region-1']);
  });
});
