/**
 * Tables of the KMS (component 'kms'). The CHECK constraints restate the
 * key-state invariants so that no bug (and no half-applied operation) can
 * store an impossible key:
 * - a deleted key has no material, every other key has it;
 * - a deletion date exists exactly for pendingDeletion and deleted keys;
 * - a default key is always enabled;
 * - an alias names at most one live (not deleted) key per project.
 * `kms_destroyed_keys` is an append-only ledger of destroyed keys, checked on
 * every use, so restoring a tombstone row by hand does not revive a key.
 */
export const KMS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE kms_keys (
     key_id           TEXT    PRIMARY KEY,
     project          TEXT    NOT NULL,
     alias            TEXT    NOT NULL,
     state            TEXT    NOT NULL CHECK (state IN ('enabled', 'disabled', 'pendingDeletion', 'deleted')),
     is_default       INTEGER NOT NULL CHECK (is_default IN (0, 1)),
     created_at       INTEGER NOT NULL,
     deletion_date    INTEGER,
     wrapped_material BLOB,
     root_key_id      TEXT    NOT NULL,
     CHECK ((state = 'deleted') = (wrapped_material IS NULL)),
     CHECK ((state IN ('pendingDeletion', 'deleted')) = (deletion_date IS NOT NULL)),
     CHECK (is_default = 0 OR state = 'enabled')
   ) STRICT;
   CREATE UNIQUE INDEX kms_keys_live_alias ON kms_keys (project, alias) WHERE state <> 'deleted';
   CREATE INDEX kms_keys_due ON kms_keys (deletion_date) WHERE state = 'pendingDeletion';
   CREATE TABLE kms_destroyed_keys (
     key_id       TEXT    PRIMARY KEY,
     destroyed_at INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE kms_evs_agencies (
     project        TEXT    PRIMARY KEY,
     granted_at     INTEGER NOT NULL,
     default_key_id TEXT    NOT NULL UNIQUE REFERENCES kms_keys (key_id)
   ) STRICT;`,
];
