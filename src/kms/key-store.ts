import { WorkbenchError } from '../errors/workbench-error.ts';
import type { Db } from '../store/database.ts';
import type { EvsAccessGrant, KeyInfo, KeyState } from './kms-types.ts';
import { KEY_STATES } from './kms-types.ts';

/** A key as stored: its public description plus the material wrapped under the root key. */
export interface KeyRecord extends KeyInfo {
  /** Null once the key is deleted (material destroyed). */
  wrappedMaterial: Buffer | null;
  rootKeyId: string;
}

interface KeyRow {
  key_id: string;
  project: string;
  alias: string;
  state: string;
  is_default: number;
  created_at: number;
  deletion_date: number | null;
  wrapped_material: Buffer | null;
  root_key_id: string;
  destroyed_at: number | null;
}

const SELECT_KEY = `SELECT k.*, d.destroyed_at FROM kms_keys k LEFT JOIN kms_destroyed_keys d ON d.key_id = k.key_id`;

/**
 * SQL access for the KMS tables. No rules live here; the Kms decides and
 * calls these inside its transactions.
 */
export class KeyStore {
  constructor(private readonly db: Db) {}

  get(keyId: string): KeyRecord | null {
    const row = this.db.prepare(`${SELECT_KEY} WHERE k.key_id = ?`).get(keyId) as KeyRow | undefined;
    return row === undefined ? null : toRecord(row);
  }

  /** Live (not deleted) keys with this alias, in one project or in all. */
  liveByAlias(alias: string, project: string | undefined): KeyRecord[] {
    return this.byAlias(alias, project).filter((k) => k.state !== 'deleted');
  }

  /** Deleted keys with this alias, newest first. */
  deletedByAlias(alias: string, project: string | undefined): KeyRecord[] {
    return this.byAlias(alias, project)
      .filter((k) => k.state === 'deleted')
      .sort((a, b) => (b.deletionDate ?? 0) - (a.deletionDate ?? 0));
  }

  listLive(project: string): KeyRecord[] {
    const rows = this.db.prepare(`${SELECT_KEY} WHERE k.project = ? ORDER BY k.created_at, k.rowid`).all(project) as KeyRow[];
    return rows.map(toRecord).filter((k) => k.state !== 'deleted');
  }

  /** True when this id was ever used (live, tombstone, or in the destruction ledger). */
  idTaken(keyId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM kms_keys WHERE key_id = ? UNION SELECT 1 FROM kms_destroyed_keys WHERE key_id = ?`).get(keyId, keyId) !== undefined;
  }

  insert(key: KeyRecord): void {
    this.db
      .prepare(
        `INSERT INTO kms_keys (key_id, project, alias, state, is_default, created_at, deletion_date, wrapped_material, root_key_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(key.keyId, key.project, key.alias, key.state, key.isDefault ? 1 : 0, key.createdAt, key.deletionDate, key.wrappedMaterial, key.rootKeyId);
  }

  setState(keyId: string, state: Exclude<KeyState, 'deleted'>, deletionDate: number | null): void {
    this.db.prepare(`UPDATE kms_keys SET state = ?, deletion_date = ? WHERE key_id = ?`).run(state, deletionDate, keyId);
  }

  /** Ids of keys pending deletion whose deletion date has come (`deletion_date <= now`). */
  dueForDeletion(now: number): string[] {
    const rows = this.db
      .prepare(`SELECT key_id FROM kms_keys WHERE state = 'pendingDeletion' AND deletion_date <= ? ORDER BY deletion_date, key_id`)
      .all(now) as { key_id: string }[];
    return rows.map((r) => r.key_id);
  }

  /**
   * Destroys the key material: overwrites the stored bytes with zeros, then
   * clears them, marks the row deleted and records the key in the ledger.
   * The deletion date stays: it is when the key was deleted.
   */
  destroy(keyId: string, destroyedAt: number): void {
    this.db.prepare(`UPDATE kms_keys SET wrapped_material = zeroblob(length(wrapped_material)) WHERE key_id = ?`).run(keyId);
    this.db.prepare(`UPDATE kms_keys SET state = 'deleted', wrapped_material = NULL WHERE key_id = ?`).run(keyId);
    this.db.prepare(`INSERT OR IGNORE INTO kms_destroyed_keys (key_id, destroyed_at) VALUES (?, ?)`).run(keyId, destroyedAt);
  }

  agency(project: string): EvsAccessGrant | null {
    const row = this.db.prepare(`SELECT project, granted_at, default_key_id FROM kms_evs_agencies WHERE project = ?`).get(project) as
      | { project: string; granted_at: number; default_key_id: string }
      | undefined;
    return row === undefined ? null : { project: row.project, grantedAt: row.granted_at, defaultKeyId: row.default_key_id };
  }

  insertAgency(grant: EvsAccessGrant): void {
    this.db.prepare(`INSERT INTO kms_evs_agencies (project, granted_at, default_key_id) VALUES (?, ?, ?)`).run(grant.project, grant.grantedAt, grant.defaultKeyId);
  }

  private byAlias(alias: string, project: string | undefined): KeyRecord[] {
    const rows = (
      project === undefined
        ? this.db.prepare(`${SELECT_KEY} WHERE k.alias = ? ORDER BY k.created_at, k.rowid`).all(alias)
        : this.db.prepare(`${SELECT_KEY} WHERE k.alias = ? AND k.project = ? ORDER BY k.created_at, k.rowid`).all(alias, project)
    ) as KeyRow[];
    return rows.map(toRecord);
  }
}

/** Narrows a row; a key in the destruction ledger is deleted whatever its row says. */
function toRecord(row: KeyRow): KeyRecord {
  if (!(KEY_STATES as readonly string[]).includes(row.state)) {
    throw new WorkbenchError({
      code: 'STORE.0002',
      message: `key ${row.key_id} has the unknown state "${row.state}" in the metadata database.`,
      fix: 'Restore the database from a backup; it was changed outside evs-workbench.',
      data: { keyId: row.key_id, state: row.state },
    });
  }
  const destroyed = row.destroyed_at !== null;
  return {
    keyId: row.key_id,
    project: row.project,
    alias: row.alias,
    state: destroyed ? 'deleted' : (row.state as KeyState),
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    deletionDate: destroyed ? (row.deletion_date ?? row.destroyed_at) : row.deletion_date,
    wrappedMaterial: destroyed ? null : row.wrapped_material,
    rootKeyId: row.root_key_id,
  };
}

export function toInfo(key: KeyRecord): KeyInfo {
  return {
    keyId: key.keyId,
    alias: key.alias,
    project: key.project,
    state: key.state,
    isDefault: key.isDefault,
    createdAt: key.createdAt,
    deletionDate: key.deletionDate,
  };
}
