/**
 * The public records of the EVS reference implementation: disks, servers,
 * snapshots, backups and images. Plain data, returned as fresh objects, so a
 * caller can never change stored state through them.
 */

/** Sector sizes a disk may have (dm-crypt supports both; 4096 uses --iv-large-sectors). */
export type DiskSectorSize = 512 | 4096;

export type DiskStatus = 'available' | 'in-use';

/** Where a disk's initial content came from. `server`: a data disk created together with a server. */
export type DiskSourceKind = 'empty' | 'snapshot' | 'backup' | 'image' | 'server';

export interface DiskInfo {
  diskId: string;
  project: string;
  name: string;
  sizeBytes: number;
  sectorSize: DiskSectorSize;
  encrypted: boolean;
  /** The CMK (or evs/default key) that wraps the disk's data key; null for unencrypted disks. */
  keyId: string | null;
  status: DiskStatus;
  serverId: string | null;
  bootable: boolean;
  source: { kind: DiskSourceKind; id: string | null };
}

export interface ServerInfo {
  serverId: string;
  project: string;
  name: string;
  /** The disk attached as the system disk; null when the server has none (created without an image, or detached). */
  systemDiskId: string | null;
  /** Every disk attached to the server (system disk included), in attach order. */
  attachedDiskIds: string[];
}

export interface SnapshotInfo {
  snapshotId: string;
  project: string;
  name: string;
  diskId: string;
  sizeBytes: number;
  sectorSize: DiskSectorSize;
  encrypted: boolean;
  keyId: string | null;
  createdAt: number;
}

export interface BackupInfo {
  backupId: string;
  project: string;
  name: string;
  diskId: string;
  sizeBytes: number;
  sectorSize: DiskSectorSize;
  encrypted: boolean;
  keyId: string | null;
  createdAt: number;
}

export type ImageKind = 'system' | 'data';

export interface ImageInfo {
  imageId: string;
  project: string;
  name: string;
  region: string;
  encrypted: boolean;
  keyId: string | null;
  kind: ImageKind;
  sourceDiskId: string;
  sizeBytes: number;
  sectorSize: DiskSectorSize;
  createdAt: number;
}

/** What `EVS.0404` reports in `data.kind`. */
export type EvsResourceKind = 'disk' | 'server' | 'snapshot' | 'backup' | 'image';

export interface CreateDiskRequest {
  project: string;
  name?: string;
  sizeBytes: number;
  sectorSize?: DiskSectorSize;
  encrypted: boolean;
  /** A key id or alias of the project; omitted for an encrypted disk → the project's `evs/default`. */
  keyId?: string;
}

export interface DataDiskRequest {
  sizeBytes: number;
  encrypted: boolean;
  keyId?: string;
  sectorSize?: DiskSectorSize;
}

export interface CreateServerRequest {
  project: string;
  name?: string;
  imageId?: string;
  dataDisks?: DataDiskRequest[];
}
