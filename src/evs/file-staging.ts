import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '../store/database.ts';

/**
 * Files of one EVS operation. New files are written under temporary names
 * and renamed to their final names as the last step of the metadata
 * transaction; if anything fails (including the commit) they are removed.
 * Files to delete are removed only after the commit. A crash in between
 * leaves at most stray files, which `sweepOrphans` removes at the next open.
 */
export class FileStaging {
  private static counter = 0;
  private readonly staged: Array<{ tmp: string; final: string; published: boolean }> = [];
  private readonly doomed: string[] = [];

  /** A temporary path for a new file that becomes `finalPath` if the operation commits. */
  stage(finalPath: string): string {
    FileStaging.counter += 1;
    const tmp = `${finalPath}.tmp-${process.pid}-${FileStaging.counter}`;
    this.staged.push({ tmp, final: finalPath, published: false });
    return tmp;
  }

  /** A file to delete once the operation has committed. */
  removeAfterCommit(path: string): void {
    this.doomed.push(path);
  }

  publish(): void {
    for (const f of this.staged) {
      renameSync(f.tmp, f.final);
      f.published = true;
    }
    for (const dir of new Set(this.staged.map((f) => dirname(f.final)))) fsyncDir(dir);
  }

  afterCommit(): void {
    for (const path of this.doomed) removeQuietly(path);
  }

  rollback(): void {
    for (const f of this.staged) {
      removeQuietly(f.tmp);
      if (f.published) removeQuietly(f.final);
    }
  }
}

/**
 * Runs one operation: `body` inside a metadata transaction, its staged files
 * published just before the commit, removed on any failure.
 */
export function runOperation<T>(db: Db, body: (files: FileStaging) => T): T {
  const files = new FileStaging();
  let result: T;
  try {
    result = db.transaction(() => {
      const value = body(files);
      files.publish();
      return value;
    })();
  } catch (e) {
    files.rollback();
    throw e;
  }
  files.afterCommit();
  return result;
}

export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes temporary files and `<id>.img` files whose id has no metadata row (left by a crash). */
export function sweepOrphans(dir: string, known: ReadonlySet<string>): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const orphan = name.includes('.tmp-') || (name.endsWith('.img') && !known.has(name.slice(0, -'.img'.length)));
    if (orphan) {
      removeQuietly(join(dir, name));
      removed.push(name);
    }
  }
  return removed;
}
