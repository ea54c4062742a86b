import { publicDisk } from './disk-store.ts';
import { KeyBag, type EvsContext } from './evs-context.ts';
import { attachedCannotDelete, attributeImmutable } from './evs-errors.ts';
import { chooseKey, provisionEmpty, type DiskSpec } from './provisioning.ts';
import type { CreateDiskRequest, DiskInfo } from './types.ts';
import { checkDiskSize, checkSectorSize } from './validation.ts';

/** Empty disks (Table 3, "no data source selected"), their description, renaming and deletion. */

export function createDisk(ctx: EvsContext, req: CreateDiskRequest): DiskInfo {
  const sectorSize = checkSectorSize(req.sectorSize);
  const sizeBytes = checkDiskSize(req.sizeBytes, sectorSize);
  const diskId = ctx.newId('disk');
  const spec: DiskSpec = {
    diskId,
    project: req.project,
    name: req.name ?? diskId,
    sizeBytes,
    sectorSize,
    bootable: false,
    source: { kind: 'empty', id: null },
    serverId: null,
  };
  const keyId = chooseKey(ctx, spec, { encrypted: req.encrypted, keyId: req.keyId });
  const bag = new KeyBag();
  try {
    return publicDisk(ctx.run((files) => provisionEmpty(ctx, files, bag, spec, keyId)));
  } finally {
    bag.zeroAll(); // a detached disk keeps no plaintext DK anywhere
  }
}

export function describeDisk(ctx: EvsContext, diskId: string): DiskInfo {
  return publicDisk(ctx.requireDisk(diskId));
}

export function listDisks(ctx: EvsContext, project: string): DiskInfo[] {
  return ctx.disks.disks(project).map(publicDisk);
}

/** Only the name may change; any change of the encryption attribute is EVS.1101 (Table 4). */
export function updateDisk(
  ctx: EvsContext,
  diskId: string,
  change: { name?: string; encrypted?: boolean; keyId?: string | null },
): DiskInfo {
  const disk = ctx.requireDisk(diskId);
  const flagChanges = change.encrypted !== undefined && change.encrypted !== disk.encrypted;
  const keyChanges = change.keyId !== undefined && change.keyId !== disk.keyId;
  if (flagChanges || keyChanges) {
    throw attributeImmutable(`disk ${diskId} cannot be changed ${flagChanges ? `to ${change.encrypted === true ? 'encrypted' : 'unencrypted'}` : `to key ${String(change.keyId)}`}`, {
      diskId,
      encrypted: disk.encrypted,
      keyId: disk.keyId,
      requested: { encrypted: change.encrypted, keyId: change.keyId },
    });
  }
  const name = change.name;
  if (name !== undefined) ctx.run(() => ctx.disks.rename(diskId, name));
  return describeDisk(ctx, diskId);
}

export function deleteDisk(ctx: EvsContext, diskId: string): void {
  const disk = ctx.requireDisk(diskId);
  if (disk.serverId !== null) throw attachedCannotDelete(diskId, disk.serverId);
  ctx.run((files) => {
    ctx.disks.deleteDisk(diskId);
    files.removeAfterCommit(ctx.diskPath(diskId));
  });
}
