import { backupInfo, imageInfo, snapshotInfo, type CopyKind, type CopyRecord } from './copy-store.ts';
import { transcodeImage } from './disk-image.ts';
import type { EvsContext } from './evs-context.ts';
import type { BackupInfo, ImageInfo, SnapshotInfo } from './types.ts';

/**
 * Taking snapshots, backups and images of a disk. The copy keeps the disk's
 * stored bytes (ciphertext for an encrypted disk) and its wrapped DK, so it
 * inherits the encryption attribute and key and needs no KMS call: it works
 * whether the disk is attached or not, and whatever state its key is in.
 */

const ID_PREFIX: Readonly<Record<CopyKind, string>> = { snapshot: 'snap', backup: 'backup', image: 'image' };

export function takeCopy(ctx: EvsContext, kind: CopyKind, diskId: string, name: string | undefined): CopyRecord {
  const disk = ctx.requireDisk(diskId);
  const copyId = ctx.newId(ID_PREFIX[kind]);
  const record: CopyRecord = {
    copyId,
    kind,
    project: disk.project,
    name: name ?? copyId,
    sourceDiskId: diskId,
    sizeBytes: disk.sizeBytes,
    sectorSize: disk.sectorSize,
    encrypted: disk.encrypted,
    keyId: disk.keyId,
    wrappedDk: disk.wrappedDk,
    wrapDiskId: disk.encrypted ? diskId : null,
    bootable: disk.bootable,
    region: ctx.region,
    createdAt: ctx.clock.now(),
  };
  ctx.run((files) => {
    transcodeImage(ctx.diskPath(diskId), files.stage(ctx.copyPath(kind, copyId)), disk.sizeBytes, disk.sectorSize, null, null);
    ctx.copies.insert(record);
  });
  return record;
}

export function createSnapshot(ctx: EvsContext, diskId: string, name?: string): SnapshotInfo {
  return snapshotInfo(takeCopy(ctx, 'snapshot', diskId, name));
}

export function createBackup(ctx: EvsContext, diskId: string, name?: string): BackupInfo {
  return backupInfo(takeCopy(ctx, 'backup', diskId, name));
}

/** A private image of the disk: 'system' when the disk is bootable (a server's system disk), else 'data'. */
export function createImage(ctx: EvsContext, req: { diskId: string; name?: string }): ImageInfo {
  return imageInfo(takeCopy(ctx, 'image', req.diskId, req.name));
}

export function describeSnapshot(ctx: EvsContext, snapshotId: string): SnapshotInfo {
  return snapshotInfo(ctx.requireCopy('snapshot', snapshotId));
}

export function describeBackup(ctx: EvsContext, backupId: string): BackupInfo {
  return backupInfo(ctx.requireCopy('backup', backupId));
}

export function describeImage(ctx: EvsContext, imageId: string): ImageInfo {
  return imageInfo(ctx.requireCopy('image', imageId));
}

export function listSnapshots(ctx: EvsContext, project: string): SnapshotInfo[] {
  return ctx.copies.list('snapshot', project).map(snapshotInfo);
}

export function listBackups(ctx: EvsContext, project: string): BackupInfo[] {
  return ctx.copies.list('backup', project).map(backupInfo);
}

export function listImages(ctx: EvsContext, project: string): ImageInfo[] {
  return ctx.copies.list('image', project).map(imageInfo);
}
