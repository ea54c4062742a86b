import Database from 'better-sqlite3';
import { WorkbenchError } from '../errors/workbench-error.ts';

export type Db = Database.Database;

/**
 * Opens (or creates) the metadata database of a workspace. WAL journal and
 * `synchronous = FULL`, so an acknowledged transaction survives a crash and a
 * crash never leaves half an operation behind.
 */
export function openDatabase(file: string): Db {
  let db: Db;
  try {
    db = new Database(file);
  } catch (cause) {
    throw new WorkbenchError({
      code: 'STORE.0001',
      message: `cannot open the metadata database at ${file}.`,
      fix: 'Check that the workspace folder exists and is writable, and that the file is a SQLite database created by evs-workbench.',
      data: { file },
      cause,
    });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      component TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (component, version))`);
  } catch (cause) {
    db.close();
    throw new WorkbenchError({
      code: 'STORE.0002',
      message: `the file ${file} is not a usable SQLite database.`,
      fix: 'Point the workspace at a fresh folder, or restore the database from a backup; evs-workbench never overwrites an unreadable database.',
      data: { file },
      cause,
    });
  }
  return db;
}

/**
 * Applies the not-yet-applied migrations of one component (e.g. 'kms', 'evs'),
 * in order, each in its own transaction. Version N is `migrations[N - 1]`.
 */
export function applyMigrations(db: Db, component: string, migrations: readonly string[]): void {
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations WHERE component = ?')
      .all(component)
      .map((row) => (row as { version: number }).version),
  );
  migrations.forEach((sql, index) => {
    const version = index + 1;
    if (applied.has(version)) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (component, version) VALUES (?, ?)').run(component, version);
    })();
  });
}
