import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { DAY_MS, SimulatedClock } from '../../src/clock/clock.ts';
import { WorkbenchError } from '../../src/errors/workbench-error.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';
import { Cloud, METADATA_FILE, type CloudOptions } from '../../src/system/cloud.ts';

/** A Cloud in a fresh temporary folder with a simulated clock and a seeded random source. */
export interface TestCloud {
  cloud: Cloud;
  clock: SimulatedClock;
  random: SeededRandom;
  dir: string;
  /** Closes the cloud and removes the folder. */
  cleanup(): void;
}

export function openTestCloud(opts: { seed?: number; region?: string; rootKey?: CloudOptions['rootKey'] } = {}): TestCloud {
  const dir = mkdtempSync(join(tmpdir(), 'evs-test-'));
  const clock = new SimulatedClock();
  const random = new SeededRandom(opts.seed ?? 42);
  const cloud = Cloud.open({ dir, clock, random, ...(opts.region === undefined ? {} : { region: opts.region }), ...(opts.rootKey === undefined ? {} : { rootKey: opts.rootKey }) });
  return {
    cloud,
    clock,
    random,
    dir,
    cleanup: () => {
      cloud.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Grants the agency in `project` and creates a CMK there; returns its key id. */
export function projectWithCmk(cloud: Cloud, project = 'p1', alias = 'cmk-1'): string {
  if (!cloud.kms.hasEvsAccess(project)) cloud.kms.grantEvsAccess(project, { securityAdministrator: true });
  return cloud.kms.createKey(project, alias).keyId;
}

export type UnusableState = 'disabled' | 'pendingDeletion' | 'deleted';

/** Puts a CMK into `state` through the KMS API (deleted: schedule 7 days, wait them out, sweep). */
export function makeKey(tc: TestCloud, keyId: string, state: UnusableState): void {
  const kms = tc.cloud.kms;
  if (state === 'disabled') kms.disableKey(keyId);
  else {
    kms.scheduleKeyDeletion(keyId, 7);
    if (state === 'deleted') {
      tc.clock.advance(7 * DAY_MS + 1);
      kms.sweepExpiredKeys();
    }
  }
  expect(kms.describeKey(keyId).state).toBe(state);
}

/** Runs `fn`, expects a WorkbenchError with `code`, returns it. */
export function expectCode(fn: () => unknown, code: string): WorkbenchError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(WorkbenchError);
  const error = caught as WorkbenchError;
  expect(error.code, error.message).toBe(code);
  expect(error.fix.length).toBeGreaterThan(0);
  return error;
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    return e.isDirectory() ? filesUnder(join(dir, e.name), rel) : [rel];
  });
}

/** Every regular file under `dir` (recursively), as absolute paths. */
export function allFiles(dir: string): string[] {
  return filesUnder(dir).map((rel) => join(dir, rel));
}

/**
 * What a refused operation must not change: every EVS metadata row and every
 * file of the workspace except the database files themselves (their bytes
 * move with WAL checkpoints), with content hashes.
 */
export function workspaceState(dir: string): string {
  const db = new Database(join(dir, METADATA_FILE));
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'evs_%' ORDER BY name`).all() as Array<{ name: string }>).map((t) => t.name);
    const rows = Object.fromEntries(
      tables.map((t) => [
        t,
        (db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Array<Record<string, unknown>>).map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('hex') : v])),
        ),
      ]),
    );
    const files = filesUnder(dir)
      .filter((f) => !f.startsWith(METADATA_FILE))
      .sort()
      .map((f) => `${f} ${statSync(join(dir, f)).size} ${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')}`);
    return JSON.stringify({ rows, files }, null, 1);
  } finally {
    db.close();
  }
}

/** Expects `fn` to fail with `code` and to leave the workspace exactly as it was. */
export function expectRefusedUnchanged(tc: TestCloud, fn: () => unknown, code: string): WorkbenchError {
  const before = workspaceState(tc.dir);
  const error = expectCode(fn, code);
  expect(workspaceState(tc.dir)).toBe(before);
  return error;
}

/** A wrapped DK as stored for a disk, straight from the database (for tests only). */
export function storedWrappedDk(dir: string, diskId: string): Buffer {
  const db = new Database(join(dir, METADATA_FILE));
  try {
    const row = db.prepare('SELECT wrapped_dk FROM evs_disks WHERE disk_id = ?').get(diskId) as { wrapped_dk: Buffer | null } | undefined;
    if (row?.wrapped_dk == null) throw new Error(`disk ${diskId} has no wrapped DK`);
    return Buffer.from(row.wrapped_dk);
  } finally {
    db.close();
  }
}

export function diskFile(dir: string, diskId: string): Buffer {
  return readFileSync(join(dir, 'disks', `${diskId}.img`));
}

export const KiB = 1024;
