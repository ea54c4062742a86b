import type { CopyRecord } from './copy-store.ts';
import { publicDisk, type DiskRecord } from './disk-store.ts';
import { KeyBag, type EvsContext } from './evs-context.ts';
import type { FileStaging } from './file-staging.ts';
import { chooseKey, provisionFromBackup, provisionFromCopy, type DiskSpec } from './provisioning.ts';
import type { DiskInfo } from './types.ts';

/**
 * Disks created from snapshots and images (inherit encryption and key;
 * a contradicting request is EVS.1101) and from backups (free choice,
 * re-encrypted when the attribute or key differs). Table 3 of the seed.
 */

function specFrom(ctx: EvsContext, copy: CopyRecord, name: string | undefined): DiskSpec {
  const diskId = ctx.newId('disk');
  return {
    diskId,
    project: copy.project,
    name: name ?? diskId,
    sizeBytes: copy.sizeBytes,
    sectorSize: copy.sectorSize,
    bootable: copy.bootable,
    source: { kind: copy.kind, id: copy.copyId },
    serverId: null,
  };
}

function provision(ctx: EvsContext, body: (files: FileStaging, bag: KeyBag) => DiskRecord): DiskInfo {
  const bag = new KeyBag();
  try {
    return publicDisk(ctx.run((files) => body(files, bag)));
  } finally {
    bag.zeroAll(); // the new disk is detached: no plaintext DK stays anywhere
  }
}

export function createDiskFromSnapshot(ctx: EvsContext, snapshotId: string, req: { name?: string; encrypted?: boolean } = {}): DiskInfo {
  const snapshot = ctx.requireCopy('snapshot', snapshotId);
  const spec = specFrom(ctx, snapshot, req.name);
  return provision(ctx, (files, bag) => provisionFromCopy(ctx, files, bag, snapshot, spec, req.encrypted));
}

export function createDiskFromImage(ctx: EvsContext, imageId: string, req: { name?: string; encrypted?: boolean } = {}): DiskInfo {
  const image = ctx.requireCopy('image', imageId);
  const spec = specFrom(ctx, image, req.name);
  return provision(ctx, (files, bag) => provisionFromCopy(ctx, files, bag, image, spec, req.encrypted));
}

export function createDiskFromBackup(
  ctx: EvsContext,
  backupId: string,
  req: { encrypted: boolean; keyId?: string; name?: string },
): DiskInfo {
  const backup = ctx.requireCopy('backup', backupId);
  const spec = specFrom(ctx, backup, req.name);
  const targetKeyId = chooseKey(ctx, spec, { encrypted: req.encrypted, keyId: req.keyId });
  return provision(ctx, (files, bag) => provisionFromBackup(ctx, files, bag, backup, spec, targetKeyId));
}
