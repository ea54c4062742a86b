import { applyMigrations, type Db } from '../store/database.ts';

/**
 * The EVS metadata schema (component 'evs'). Only wrapped data keys are ever
 * stored; the CHECK constraints keep a row from claiming encryption without a
 * key, or an attachment without a server.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE evs_servers (
     server_id      TEXT PRIMARY KEY,
     project        TEXT NOT NULL,
     name           TEXT NOT NULL,
     system_disk_id TEXT,
     created_at     INTEGER NOT NULL
   );
   CREATE TABLE evs_disks (
     disk_id     TEXT PRIMARY KEY,
     project     TEXT NOT NULL,
     name        TEXT NOT NULL,
     size_bytes  INTEGER NOT NULL CHECK (size_bytes > 0),
     sector_size INTEGER NOT NULL CHECK (sector_size IN (512, 4096)),
     encrypted   INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
     key_id      TEXT,
     wrapped_dk  BLOB,
     status      TEXT NOT NULL CHECK (status IN ('available', 'in-use')),
     server_id   TEXT REFERENCES evs_servers(server_id),
     attach_seq  INTEGER,
     bootable    INTEGER NOT NULL CHECK (bootable IN (0, 1)),
     source_kind TEXT NOT NULL CHECK (source_kind IN ('empty', 'snapshot', 'backup', 'image', 'server')),
     source_id   TEXT,
     created_at  INTEGER NOT NULL,
     CHECK ((encrypted = 1) = (key_id IS NOT NULL AND wrapped_dk IS NOT NULL)),
     CHECK ((status = 'in-use') = (server_id IS NOT NULL))
   );
   CREATE INDEX evs_disks_project ON evs_disks(project);
   CREATE INDEX evs_disks_server ON evs_disks(server_id);
   CREATE TABLE evs_copies (
     copy_id        TEXT PRIMARY KEY,
     kind           TEXT NOT NULL CHECK (kind IN ('snapshot', 'backup', 'image')),
     project        TEXT NOT NULL,
     name           TEXT NOT NULL,
     source_disk_id TEXT NOT NULL,
     size_bytes     INTEGER NOT NULL CHECK (size_bytes > 0),
     sector_size    INTEGER NOT NULL CHECK (sector_size IN (512, 4096)),
     encrypted      INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
     key_id         TEXT,
     wrapped_dk     BLOB,
     wrap_disk_id   TEXT,
     bootable       INTEGER NOT NULL CHECK (bootable IN (0, 1)),
     region         TEXT NOT NULL,
     created_at     INTEGER NOT NULL,
     CHECK ((encrypted = 1) = (key_id IS NOT NULL AND wrapped_dk IS NOT NULL AND wrap_disk_id IS NOT NULL))
   );
   CREATE INDEX evs_copies_project ON evs_copies(kind, project);`,
];

export function migrateEvs(db: Db): void {
  applyMigrations(db, 'evs', MIGRATIONS);
}
