import { readFileSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProvisioningRequestKind } from '../../../models/provisioning/provisioning-request.ts';
import type { IdentifiedProvisioningCase } from '../../../src/testgen/provisioning/provisioning-case-names.ts';
import type { ProvisioningVerdict } from '../../../src/testgen/provisioning/provisioning-verdict.ts';
import { runProvisioningSuite } from '../../../src/testgen/provisioning/run-all.ts';
import type { Cloud } from '../../../src/system/cloud.ts';

/**
 * Planted faults (mutants) in the implementation: each must make at least
 * one generated provisioning case fail, with a message that says what went
 * wrong. Only the cases of the affected kind run (one disk type), to stay fast.
 */
const only = (kind: ProvisioningRequestKind) => (c: IdentifiedProvisioningCase) =>
  c.request.kind === kind && (!('diskType' in c.request) || c.request.diskType === undefined || c.request.diskType === 'SATA');

async function failures(kind: ProvisioningRequestKind, mutate: (cloud: Cloud) => void): Promise<Extract<ProvisioningVerdict, { kind: 'fail' }>[]> {
  const clean = await runProvisioningSuite({ seed: 7, filter: only(kind) });
  expect(clean.filter((v) => v.kind === 'fail').map((v) => v.caseId)).toEqual([]);
  const verdicts = await runProvisioningSuite({ seed: 7, filter: only(kind), mutate });
  return verdicts.filter((v): v is Extract<ProvisioningVerdict, { kind: 'fail' }> => v.kind === 'fail');
}

/** Flips one stored byte of a disk's image file (the first non-zero one). */
function corruptDiskFile(cloud: Cloud, diskId: string): void {
  const path = join(cloud.dir, 'disks', `${diskId}.img`);
  const bytes = readFileSync(path);
  const i = bytes.findIndex((b) => b !== 0);
  if (i < 0) return;
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  writeFileSync(path, bytes);
}

describe('planted faults make generated provisioning cases fail', () => {
  it('a disk from an encrypted snapshot comes out unencrypted (restored through an unencrypted backup)', async () => {
    const failed = await failures('diskFromSnapshot', (cloud) => {
      const evs = cloud.evs;
      const original = evs.createDiskFromSnapshot.bind(evs);
      evs.createDiskFromSnapshot = (snapshotId, req) => {
        const snapshot = evs.describeSnapshot(snapshotId);
        if (!snapshot.encrypted || req?.encrypted !== undefined) return original(snapshotId, req);
        return evs.createDiskFromBackup(evs.createBackup(snapshot.diskId).backupId, { encrypted: false });
      };
    });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]?.actual).toMatchObject({ kind: 'allowed', encrypted: false });
    expect(failed[0]?.message).toMatch(/the model says allowed, encrypted by (evs\/default|cmk-1); the implementation allowed it, unencrypted/);
  });

  it('restoring from a backup corrupts one byte', async () => {
    const failed = await failures('diskFromBackup', (cloud) => {
      const evs = cloud.evs;
      const original = evs.createDiskFromBackup.bind(evs);
      evs.createDiskFromBackup = (backupId, req) => {
        const info = original(backupId, req);
        corruptDiskFile(cloud, info.diskId);
        return info;
      };
    });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((v) => v.actual.kind === 'allowed')).toBe(true);
    expect(failed[0]?.message).toMatch(/a check of what it produced fails: disk from backup read back: differs from the plaintext written at byte \d+ \(expected 0x[0-9a-f]{2}, got 0x[0-9a-f]{2}; \d+ byte\(s\) differ\)/);
  });

  it('an encrypted image is exported (its raw ciphertext file copied out)', async () => {
    const failed = await failures('exportImage', (cloud) => {
      const evs = cloud.evs;
      const original = evs.exportImage.bind(evs);
      evs.exportImage = (imageId, destFile) => {
        if (!evs.describeImage(imageId).encrypted) return original(imageId, destFile);
        mkdirSync(dirname(destFile), { recursive: true });
        copyFileSync(join(cloud.dir, 'images', `${imageId}.img`), destFile);
      };
    });
    expect(failed.map((v) => v.expected)).toEqual([
      expect.objectContaining({ allowed: false, code: 'EVS.4002' }),
      expect.objectContaining({ allowed: false, code: 'EVS.4002' }),
    ]);
    expect(failed[0]?.message).toMatch(/the model says refused with EVS\.4002 \(an encrypted image cannot be exported\); the implementation allowed it/);
  });

  it('an image of an encrypted disk stores the plaintext while claiming to be encrypted', async () => {
    const failed = await failures('imageOfDisk', (cloud) => {
      const evs = cloud.evs;
      const original = evs.createImage.bind(evs);
      evs.createImage = (req) => {
        const info = original(req);
        if (!info.encrypted) return info;
        const server = evs.createServer({ project: info.project }).serverId;
        evs.attachDisk(req.diskId, server);
        const plaintext = evs.readDisk(req.diskId, 0, info.sizeBytes);
        evs.detachDisk(req.diskId);
        writeFileSync(join(cloud.dir, 'images', `${info.imageId}.img`), plaintext);
        return info;
      };
    });
    expect(failed).toHaveLength(2);
    expect(failed[0]?.message).toMatch(/image image-[0-9a-f]+ is encrypted, but its file holds \d+ of the \d+ plaintext blocks written/);
  });

  it('a refused image change renames the image first', async () => {
    const failed = await failures('changeImageEncryption', (cloud) => {
      const evs = cloud.evs;
      const original = evs.updateImage.bind(evs);
      evs.updateImage = (imageId, change) => {
        original(imageId, { name: 'half-done' });
        return original(imageId, change);
      };
    });
    const refusals = failed.filter((v) => !v.expected.allowed);
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]?.message).toMatch(/refused as the model says, but the refusal changed the workspace: image image-[0-9a-f]+ changed from .*"name":"source-image".* to .*"name":"half-done"/);
  });

  it('restoring from a backup to a CMK returns a record naming the CMK, but the disk is encrypted by evs/default', async () => {
    const failed = await failures('diskFromBackup', (cloud) => {
      const evs = cloud.evs;
      const original = evs.createDiskFromBackup.bind(evs);
      evs.createDiskFromBackup = (backupId, req) => {
        if (!req.encrypted || req.keyId === undefined || req.keyId === cloud.kms.defaultKey('project-1').keyId) return original(backupId, req);
        const info = original(backupId, { encrypted: true });
        return { ...info, keyId: req.keyId };
      };
    });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]?.message).toMatch(/the record returned differs from the one described afterwards in keyId: returned [0-9a-f-]+ \(cmk-1\), described [0-9a-f-]+ \(evs\/default\)/);
  });
});
