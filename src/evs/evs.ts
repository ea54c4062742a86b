import * as attachments from './attachment-ops.ts';
import * as copies from './copy-ops.ts';
import * as disks from './disk-ops.ts';
import { EvsContext, type EvsDeps } from './evs-context.ts';
import { sweepOrphans } from './file-staging.ts';
import * as images from './image-ops.ts';
import * as restores from './restore-ops.ts';
import { migrateEvs } from './schema.ts';
import * as servers from './server-ops.ts';
import type {
  BackupInfo,
  CreateDiskRequest,
  CreateServerRequest,
  DiskInfo,
  ImageInfo,
  ServerInfo,
  SnapshotInfo,
} from './types.ts';

/**
 * The Elastic Volume Service of the reference implementation: disks (plain
 * or XTS-AES-256 encrypted with a KMS data key), servers and their hosts,
 * snapshots, backups and images, following the seed's Tables 1 to 4.
 *
 * Every operation runs in one metadata transaction; new files are published
 * only as it commits. A refused operation changes nothing. A new Evs over an
 * existing workspace starts with rebooted hosts: no DK in memory; disks
 * recorded as attached stay attached and reload their DK from the KMS on
 * their first I/O.
 */
export class Evs {
  private readonly ctx: EvsContext;

  constructor(deps: EvsDeps) {
    migrateEvs(deps.db);
    this.ctx = new EvsContext(deps);
    sweepOrphans(this.ctx.folder('disk'), this.ctx.disks.allDiskIds());
    for (const kind of ['snapshot', 'backup', 'image'] as const) sweepOrphans(this.ctx.folder(kind), this.ctx.copies.allIds(kind));
  }

  get region(): string {
    return this.ctx.region;
  }

  /** An empty disk; encrypted without keyId → the project's evs/default key. */
  createDisk(req: CreateDiskRequest): DiskInfo {
    return disks.createDisk(this.ctx, req);
  }

  describeDisk(diskId: string): DiskInfo {
    return disks.describeDisk(this.ctx, diskId);
  }

  listDisks(project: string): DiskInfo[] {
    return disks.listDisks(this.ctx, project);
  }

  /** Only the name may change; a change of `encrypted` or `keyId` is EVS.1101. */
  updateDisk(diskId: string, change: { name?: string; encrypted?: boolean; keyId?: string | null }): DiskInfo {
    return disks.updateDisk(this.ctx, diskId, change);
  }

  /** EVS.1004 while attached. */
  deleteDisk(diskId: string): void {
    disks.deleteDisk(this.ctx, diskId);
  }

  createServer(req: CreateServerRequest): ServerInfo {
    return servers.createServer(this.ctx, req);
  }

  describeServer(serverId: string): ServerInfo {
    return servers.describeServer(this.ctx, serverId);
  }

  listServers(project: string): ServerInfo[] {
    return servers.listServers(this.ctx, project);
  }

  /** Loads the DK through the KMS into the server's host; EVS.2001 when the key is not usable, EVS.1002 if attached. */
  attachDisk(diskId: string, serverId: string): DiskInfo {
    return attachments.attachDisk(this.ctx, diskId, serverId);
  }

  /** Zeroes and drops the DK from the host's memory; EVS.1001 if not attached. */
  detachDisk(diskId: string): DiskInfo {
    return attachments.detachDisk(this.ctx, diskId);
  }

  readDisk(diskId: string, offset: number, length: number): Buffer {
    return attachments.readDisk(this.ctx, diskId, offset, length);
  }

  /** Durable (fsynced) when it returns. */
  writeDisk(diskId: string, offset: number, data: Buffer): void {
    attachments.writeDisk(this.ctx, diskId, offset, data);
  }

  /** The disk ids whose plaintext DK is in the memory of that server's host (an observation for tests). */
  loadedDataKeys(serverId: string): string[] {
    return attachments.loadedDataKeys(this.ctx, serverId);
  }

  createSnapshot(diskId: string, name?: string): SnapshotInfo {
    return copies.createSnapshot(this.ctx, diskId, name);
  }

  describeSnapshot(snapshotId: string): SnapshotInfo {
    return copies.describeSnapshot(this.ctx, snapshotId);
  }

  listSnapshots(project: string): SnapshotInfo[] {
    return copies.listSnapshots(this.ctx, project);
  }

  /** Inherits encryption and key; a contradicting `encrypted` is EVS.1101; EVS.2002 if the key is not usable. */
  createDiskFromSnapshot(snapshotId: string, req?: { name?: string; encrypted?: boolean }): DiskInfo {
    return restores.createDiskFromSnapshot(this.ctx, snapshotId, req);
  }

  createBackup(diskId: string, name?: string): BackupInfo {
    return copies.createBackup(this.ctx, diskId, name);
  }

  describeBackup(backupId: string): BackupInfo {
    return copies.describeBackup(this.ctx, backupId);
  }

  listBackups(project: string): BackupInfo[] {
    return copies.listBackups(this.ctx, project);
  }

  /** Free choice of encryption and key; data is re-encrypted when the attribute or key differs. */
  createDiskFromBackup(backupId: string, req: { encrypted: boolean; keyId?: string; name?: string }): DiskInfo {
    return restores.createDiskFromBackup(this.ctx, backupId, req);
  }

  createImage(req: { diskId: string; name?: string }): ImageInfo {
    return copies.createImage(this.ctx, req);
  }

  describeImage(imageId: string): ImageInfo {
    return copies.describeImage(this.ctx, imageId);
  }

  listImages(project: string): ImageInfo[] {
    return copies.listImages(this.ctx, project);
  }

  /** Inherits the image's encryption and key; a contradicting `encrypted` is EVS.1101. */
  createDiskFromImage(imageId: string, req?: { name?: string; encrypted?: boolean }): DiskInfo {
    return restores.createDiskFromImage(this.ctx, imageId, req);
  }

  /** A copy of the image in `targetRegion`; EVS.4001 for an encrypted image going to another region (Table 4: "cannot be replicated across regions"). */
  replicateImage(imageId: string, targetRegion: string): ImageInfo {
    return images.replicateImage(this.ctx, imageId, targetRegion);
  }

  /** EVS.4002 for an encrypted image; otherwise writes the raw plaintext image to `destFile`. */
  exportImage(imageId: string, destFile: string): void {
    images.exportImage(this.ctx, imageId, destFile);
  }

  /** encrypted → false on an encrypted image is EVS.4003; the name may change. */
  updateImage(imageId: string, change: { encrypted?: boolean; name?: string }): ImageInfo {
    return images.updateImage(this.ctx, imageId, change);
  }

  /** Zeroes every DK held in host memory (the process is shutting down). */
  close(): void {
    this.ctx.hosts.powerOffAll();
  }
}
