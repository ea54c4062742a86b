import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { SimulatedClock } from '../../src/clock/clock.ts';
import type { RootKey } from '../../src/hsm/root-key.ts';
import { openSoftwareRootKey } from '../../src/hsm/software-root-key.ts';
import { Kms } from '../../src/kms/kms.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';

export const START = Date.UTC(2026, 0, 1);
export const P = 'project-a';
export const ADMIN = { securityAdministrator: true } as const;

export interface KmsFixture {
  readonly kms: Kms;
  readonly db: Db;
  readonly clock: SimulatedClock;
  readonly rootKey: RootKey;
  readonly dir: string;
  readonly dbFile: string;
  /** Closes this database handle and opens a new Kms on the same file, root key folder and clock. */
  reopen(rootKey?: RootKey): KmsFixture;
}

const open: { db: Db; rootKey: RootKey }[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const { db, rootKey } of open.splice(0)) {
    if (db.open) db.close();
    rootKey.close();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A Kms on a fresh workspace folder (SQLite file + software root key), simulated clock, seeded randomness. */
export function kmsFixture(seed = 1, rootKeyFactory?: (dir: string, random: SeededRandom) => RootKey): KmsFixture {
  const dir = mkdtempSync(join(tmpdir(), 'evs-kms-'));
  dirs.push(dir);
  return build(dir, new SimulatedClock(START), seed, rootKeyFactory ?? ((d, r) => openSoftwareRootKey(d, r)));
}

function build(dir: string, clock: SimulatedClock, seed: number, factory: (dir: string, random: SeededRandom) => RootKey, given?: RootKey): KmsFixture {
  const random = new SeededRandom(seed);
  const rootKey = given ?? factory(dir, random);
  const dbFile = join(dir, 'metadata.db');
  const db = openDatabase(dbFile);
  open.push({ db, rootKey });
  const kms = new Kms({ db, clock, random, rootKey });
  return {
    kms,
    db,
    clock,
    rootKey,
    dir,
    dbFile,
    reopen: (other) => {
      db.close();
      return build(dir, clock, seed + 1000, factory, other);
    },
  };
}

/** Every row of the KMS tables, blobs in hex: equal dumps mean an unchanged database. */
export function dumpKms(db: Db): string {
  const tables = ['kms_keys', 'kms_destroyed_keys', 'kms_evs_agencies'];
  return JSON.stringify(
    tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()),
    (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v),
  );
}

export { expectCode } from '../hsm/root-key-contract.ts';
