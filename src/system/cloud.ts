import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { systemClock, type Clock } from '../clock/clock.ts';
import { Evs } from '../evs/evs.ts';
import { openPkcs11RootKey, openSoftwareRootKey, type RootKey } from '../hsm/index.ts';
import { Kms } from '../kms/kms.ts';
import { secureRandom, type RandomSource } from '../rng/random-source.ts';
import { openDatabase, type Db } from '../store/database.ts';

export type RootKeyOption =
  | { kind: 'software' }
  | { kind: 'pkcs11'; modulePath: string; tokenLabel: string; pin: string; keyLabel: string };

export interface CloudOptions {
  /** The workspace folder: metadata.db, root-key.bin (software root key) and the image files. */
  dir: string;
  clock?: Clock;
  random?: RandomSource;
  rootKey?: RootKeyOption;
  region?: string;
}

/** The metadata database of a workspace, shared by the KMS and EVS. */
export const METADATA_FILE = 'metadata.db';
export const DEFAULT_REGION = 'region-1';

/**
 * One region of the simulated cloud in a workspace folder: a KMS (root key
 * in software or in a PKCS#11 HSM) and the EVS that uses it, over one
 * metadata database. Defaults: system clock, secure random, software root
 * key in `dir`, region 'region-1'.
 *
 * Reopening the same folder keeps every key, disk, server, snapshot, backup
 * and image, and the disks' data. A new Cloud is a reboot of every host: no
 * data key is in memory. Disks recorded as attached stay attached; each one
 * reloads its DK from the KMS on its first I/O (EVS.2001 if its key is no
 * longer usable, in which case it can still be detached).
 */
export class Cloud {
  private closed = false;

  private constructor(
    readonly dir: string,
    readonly region: string,
    readonly kms: Kms,
    readonly evs: Evs,
    private readonly db: Db,
    private readonly rootKey: RootKey,
  ) {}

  static open(opts: CloudOptions): Cloud {
    const dir = resolve(opts.dir);
    const clock = opts.clock ?? systemClock;
    const random = opts.random ?? secureRandom;
    const region = opts.region ?? DEFAULT_REGION;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const spec = opts.rootKey ?? { kind: 'software' };
    const rootKey =
      spec.kind === 'pkcs11'
        ? openPkcs11RootKey({ modulePath: spec.modulePath, tokenLabel: spec.tokenLabel, pin: spec.pin, keyLabel: spec.keyLabel }, random)
        : openSoftwareRootKey(dir, random);
    let db: Db | null = null;
    try {
      db = openDatabase(join(dir, METADATA_FILE));
      const kms = new Kms({ db, clock, random, rootKey });
      const evs = new Evs({ db, kms, clock, random, dir, region });
      return new Cloud(dir, region, kms, evs, db, rootKey);
    } catch (e) {
      db?.close();
      rootKey.close();
      throw e;
    }
  }

  /** Zeroes every DK in host memory, closes the database and releases the root key. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.evs.close();
    this.db.close();
    this.rootKey.close();
  }
}
