import type { Db } from '../store/database.ts';
import type { DiskInfo, DiskSectorSize, DiskSourceKind, DiskStatus, ServerInfo } from './types.ts';

/** A disk as stored: its public info plus the wrapped data key (never the plaintext). */
export interface DiskRecord extends DiskInfo {
  wrappedDk: Buffer | null;
  createdAt: number;
}

export interface ServerRecord {
  serverId: string;
  project: string;
  name: string;
  systemDiskId: string | null;
  createdAt: number;
}

interface DiskRow {
  disk_id: string;
  project: string;
  name: string;
  size_bytes: number;
  sector_size: number;
  encrypted: number;
  key_id: string | null;
  wrapped_dk: Buffer | null;
  status: string;
  server_id: string | null;
  bootable: number;
  source_kind: string;
  source_id: string | null;
  created_at: number;
}

interface ServerRow {
  server_id: string;
  project: string;
  name: string;
  system_disk_id: string | null;
  created_at: number;
}

function toDisk(row: DiskRow): DiskRecord {
  return {
    diskId: row.disk_id,
    project: row.project,
    name: row.name,
    sizeBytes: row.size_bytes,
    sectorSize: row.sector_size as DiskSectorSize,
    encrypted: row.encrypted === 1,
    keyId: row.key_id,
    status: row.status as DiskStatus,
    serverId: row.server_id,
    bootable: row.bootable === 1,
    source: { kind: row.source_kind as DiskSourceKind, id: row.source_id },
    wrappedDk: row.wrapped_dk === null ? null : Buffer.from(row.wrapped_dk),
    createdAt: row.created_at,
  };
}

/** Strips the stored-only fields: what callers of Evs see. */
export function publicDisk(d: DiskRecord): DiskInfo {
  return {
    diskId: d.diskId,
    project: d.project,
    name: d.name,
    sizeBytes: d.sizeBytes,
    sectorSize: d.sectorSize,
    encrypted: d.encrypted,
    keyId: d.keyId,
    status: d.status,
    serverId: d.serverId,
    bootable: d.bootable,
    source: { kind: d.source.kind, id: d.source.id },
  };
}

/** Rows of evs_disks and evs_servers. Callers own the transaction. */
export class DiskStore {
  constructor(private readonly db: Db) {}

  insertDisk(d: DiskRecord): void {
    this.db
      .prepare(
        `INSERT INTO evs_disks (disk_id, project, name, size_bytes, sector_size, encrypted, key_id, wrapped_dk,
           status, server_id, attach_seq, bootable, source_kind, source_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.diskId, d.project, d.name, d.sizeBytes, d.sectorSize, d.encrypted ? 1 : 0, d.keyId, d.wrappedDk,
        d.status, d.serverId, d.serverId === null ? null : this.nextAttachSeq(d.serverId),
        d.bootable ? 1 : 0, d.source.kind, d.source.id, d.createdAt,
      );
  }

  disk(diskId: string): DiskRecord | undefined {
    const row = this.db.prepare('SELECT * FROM evs_disks WHERE disk_id = ?').get(diskId) as DiskRow | undefined;
    return row === undefined ? undefined : toDisk(row);
  }

  disks(project: string): DiskRecord[] {
    const rows = this.db.prepare('SELECT * FROM evs_disks WHERE project = ? ORDER BY created_at, disk_id').all(project) as DiskRow[];
    return rows.map(toDisk);
  }

  allDiskIds(): Set<string> {
    const rows = this.db.prepare('SELECT disk_id FROM evs_disks').all() as Array<{ disk_id: string }>;
    return new Set(rows.map((r) => r.disk_id));
  }

  /** True if a disk or a server has this id. */
  idExists(id: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM evs_disks WHERE disk_id = ? UNION ALL SELECT 1 FROM evs_servers WHERE server_id = ?').get(id, id) !== undefined
    );
  }

  rename(diskId: string, name: string): void {
    this.db.prepare('UPDATE evs_disks SET name = ? WHERE disk_id = ?').run(name, diskId);
  }

  attach(diskId: string, serverId: string): void {
    this.db
      .prepare(`UPDATE evs_disks SET status = 'in-use', server_id = ?, attach_seq = ? WHERE disk_id = ?`)
      .run(serverId, this.nextAttachSeq(serverId), diskId);
  }

  detach(diskId: string): void {
    this.db.prepare(`UPDATE evs_disks SET status = 'available', server_id = NULL, attach_seq = NULL WHERE disk_id = ?`).run(diskId);
    this.db.prepare('UPDATE evs_servers SET system_disk_id = NULL WHERE system_disk_id = ?').run(diskId);
  }

  deleteDisk(diskId: string): void {
    this.db.prepare('DELETE FROM evs_disks WHERE disk_id = ?').run(diskId);
  }

  insertServer(s: ServerRecord): void {
    this.db
      .prepare('INSERT INTO evs_servers (server_id, project, name, system_disk_id, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(s.serverId, s.project, s.name, s.systemDiskId, s.createdAt);
  }

  setSystemDisk(serverId: string, diskId: string | null): void {
    this.db.prepare('UPDATE evs_servers SET system_disk_id = ? WHERE server_id = ?').run(diskId, serverId);
  }

  server(serverId: string): ServerRecord | undefined {
    const row = this.db.prepare('SELECT * FROM evs_servers WHERE server_id = ?').get(serverId) as ServerRow | undefined;
    if (row === undefined) return undefined;
    return { serverId: row.server_id, project: row.project, name: row.name, systemDiskId: row.system_disk_id, createdAt: row.created_at };
  }

  serverInfo(s: ServerRecord): ServerInfo {
    const rows = this.db
      .prepare('SELECT disk_id FROM evs_disks WHERE server_id = ? ORDER BY attach_seq')
      .all(s.serverId) as Array<{ disk_id: string }>;
    return { serverId: s.serverId, project: s.project, name: s.name, systemDiskId: s.systemDiskId, attachedDiskIds: rows.map((r) => r.disk_id) };
  }

  serverIds(project: string): string[] {
    const rows = this.db.prepare('SELECT server_id FROM evs_servers WHERE project = ? ORDER BY created_at, server_id').all(project) as Array<{ server_id: string }>;
    return rows.map((r) => r.server_id);
  }

  private nextAttachSeq(serverId: string): number {
    const row = this.db.prepare('SELECT MAX(attach_seq) AS m FROM evs_disks WHERE server_id = ?').get(serverId) as { m: number | null };
    return (row.m ?? 0) + 1;
  }
}
