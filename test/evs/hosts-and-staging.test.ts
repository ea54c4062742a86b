import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOperation, sweepOrphans } from '../../src/evs/file-staging.ts';
import { Host, HostPool } from '../../src/evs/hosts.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';

describe('Host memory', () => {
  it('zeroes a DK when it is unloaded, and on power off', () => {
    const host = new Host('server-1');
    const a = Buffer.alloc(64, 0xab);
    const b = Buffer.alloc(64, 0xcd);
    host.load('disk-a', a);
    host.load('disk-b', b);
    expect(host.loadedDiskIds()).toEqual(['disk-a', 'disk-b']);
    host.unload('disk-a');
    expect(a.equals(Buffer.alloc(64))).toBe(true);
    expect(host.key('disk-a')).toBeUndefined();
    expect(b[0]).toBe(0xcd);
    const pool = new HostPool();
    const c = Buffer.alloc(64, 1);
    pool.host('s').load('d', c);
    pool.powerOffAll();
    expect(c.equals(Buffer.alloc(64))).toBe(true);
    expect(pool.host('s').loadedDiskIds()).toEqual([]);
  });

  it('loading a disk again zeroes the DK it replaces', () => {
    const host = new Host('s');
    const old = Buffer.alloc(64, 7);
    host.load('d', old);
    host.load('d', Buffer.alloc(64, 8));
    expect(old.equals(Buffer.alloc(64))).toBe(true);
    expect(host.key('d')?.[0]).toBe(8);
  });
});

describe('runOperation: files follow the metadata transaction', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'evs-staging-'));
    db = openDatabase(join(dir, 'm.db'));
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes staged files and removes doomed ones only when the transaction commits', () => {
    writeFileSync(join(dir, 'old.img'), 'old');
    runOperation(db, (files) => {
      writeFileSync(files.stage(join(dir, 'new.img')), 'new');
      files.removeAfterCommit(join(dir, 'old.img'));
      db.prepare('INSERT INTO t VALUES (?)').run('new');
      expect(existsSync(join(dir, 'new.img'))).toBe(false);
    });
    expect(readdirSync(dir).filter((f) => f.endsWith('.img'))).toEqual(['new.img']);
  });

  it('on failure, rolls back the rows, removes new files and keeps doomed ones', () => {
    writeFileSync(join(dir, 'old.img'), 'old');
    expect(() =>
      runOperation(db, (files) => {
        writeFileSync(files.stage(join(dir, 'new.img')), 'new');
        files.removeAfterCommit(join(dir, 'old.img'));
        db.prepare('INSERT INTO t VALUES (?)').run('x');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
    expect(readdirSync(dir).filter((f) => f.includes('.img')).sort()).toEqual(['old.img']);
  });

  it('when the commit itself fails after publishing, the published files are removed', () => {
    db.exec('CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (p TEXT REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    expect(() =>
      runOperation(db, (files) => {
        writeFileSync(files.stage(join(dir, 'late.img')), 'x');
        db.prepare('INSERT INTO child VALUES (?)').run('missing'); // fails only at COMMIT
      }),
    ).toThrow();
    expect(readdirSync(dir).filter((f) => f.includes('.img'))).toEqual([]);
  });

  it('sweepOrphans removes temporary files and images without metadata', () => {
    for (const f of ['disk-1.img', 'disk-2.img', 'disk-3.img.tmp-1-2', 'notes.txt']) writeFileSync(join(dir, f), 'x');
    expect(sweepOrphans(dir, new Set(['disk-1'])).sort()).toEqual(['disk-2.img', 'disk-3.img.tmp-1-2']);
    expect(readdirSync(dir).sort()).toEqual(['disk-1.img', 'm.db', 'm.db-shm', 'm.db-wal', 'notes.txt'].filter((f) => existsSync(join(dir, f))));
  });
});
