import type { Db } from '../store/database.ts';
import type { BackupInfo, DiskSectorSize, ImageInfo, ImageKind, SnapshotInfo } from './types.ts';

export type CopyKind = 'snapshot' | 'backup' | 'image';

/**
 * A point-in-time copy of a disk: a snapshot, a backup or an image. All three
 * keep the source disk's on-disk bytes (ciphertext when encrypted) and its
 * wrapped data key, whose KMS encryption context is the source disk id
 * (`wrapDiskId`), so no KMS call is needed to take the copy.
 */
export interface CopyRecord {
  copyId: string;
  kind: CopyKind;
  project: string;
  name: string;
  sourceDiskId: string;
  sizeBytes: number;
  sectorSize: DiskSectorSize;
  encrypted: boolean;
  keyId: string | null;
  wrappedDk: Buffer | null;
  wrapDiskId: string | null;
  bootable: boolean;
  region: string;
  createdAt: number;
}

interface CopyRow {
  copy_id: string;
  kind: string;
  project: string;
  name: string;
  source_disk_id: string;
  size_bytes: number;
  sector_size: number;
  encrypted: number;
  key_id: string | null;
  wrapped_dk: Buffer | null;
  wrap_disk_id: string | null;
  bootable: number;
  region: string;
  created_at: number;
}

function toCopy(row: CopyRow): CopyRecord {
  return {
    copyId: row.copy_id,
    kind: row.kind as CopyKind,
    project: row.project,
    name: row.name,
    sourceDiskId: row.source_disk_id,
    sizeBytes: row.size_bytes,
    sectorSize: row.sector_size as DiskSectorSize,
    encrypted: row.encrypted === 1,
    keyId: row.key_id,
    wrappedDk: row.wrapped_dk === null ? null : Buffer.from(row.wrapped_dk),
    wrapDiskId: row.wrap_disk_id,
    bootable: row.bootable === 1,
    region: row.region,
    createdAt: row.created_at,
  };
}

export function snapshotInfo(c: CopyRecord): SnapshotInfo {
  return {
    snapshotId: c.copyId, project: c.project, name: c.name, diskId: c.sourceDiskId, sizeBytes: c.sizeBytes,
    sectorSize: c.sectorSize, encrypted: c.encrypted, keyId: c.keyId, createdAt: c.createdAt,
  };
}

export function backupInfo(c: CopyRecord): BackupInfo {
  return {
    backupId: c.copyId, project: c.project, name: c.name, diskId: c.sourceDiskId, sizeBytes: c.sizeBytes,
    sectorSize: c.sectorSize, encrypted: c.encrypted, keyId: c.keyId, createdAt: c.createdAt,
  };
}

export function imageInfo(c: CopyRecord): ImageInfo {
  const kind: ImageKind = c.bootable ? 'system' : 'data';
  return {
    imageId: c.copyId, project: c.project, name: c.name, region: c.region, encrypted: c.encrypted, keyId: c.keyId,
    kind, sourceDiskId: c.sourceDiskId, sizeBytes: c.sizeBytes, sectorSize: c.sectorSize, createdAt: c.createdAt,
  };
}

/** Rows of evs_copies. Callers own the transaction. */
export class CopyStore {
  constructor(private readonly db: Db) {}

  insert(c: CopyRecord): void {
    this.db
      .prepare(
        `INSERT INTO evs_copies (copy_id, kind, project, name, source_disk_id, size_bytes, sector_size, encrypted,
           key_id, wrapped_dk, wrap_disk_id, bootable, region, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.copyId, c.kind, c.project, c.name, c.sourceDiskId, c.sizeBytes, c.sectorSize, c.encrypted ? 1 : 0,
        c.keyId, c.wrappedDk, c.wrapDiskId, c.bootable ? 1 : 0, c.region, c.createdAt,
      );
  }

  get(kind: CopyKind, copyId: string): CopyRecord | undefined {
    const row = this.db.prepare('SELECT * FROM evs_copies WHERE kind = ? AND copy_id = ?').get(kind, copyId) as CopyRow | undefined;
    return row === undefined ? undefined : toCopy(row);
  }

  list(kind: CopyKind, project: string): CopyRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM evs_copies WHERE kind = ? AND project = ? ORDER BY created_at, copy_id')
      .all(kind, project) as CopyRow[];
    return rows.map(toCopy);
  }

  idExists(copyId: string): boolean {
    return this.db.prepare('SELECT 1 FROM evs_copies WHERE copy_id = ?').get(copyId) !== undefined;
  }

  rename(copyId: string, name: string): void {
    this.db.prepare('UPDATE evs_copies SET name = ? WHERE copy_id = ?').run(name, copyId);
  }

  allIds(kind: CopyKind): Set<string> {
    const rows = this.db.prepare('SELECT copy_id FROM evs_copies WHERE kind = ?').all(kind) as Array<{ copy_id: string }>;
    return new Set(rows.map((r) => r.copy_id));
  }
}
