import { DAY_MS, type Clock } from '../clock/clock.ts';
import type { RootKey } from '../hsm/root-key.ts';
import type { RandomSource } from '../rng/random-source.ts';
import { applyMigrations, type Db } from '../store/database.ts';
import { openDataKey, sealDataKey } from './data-key-envelope.ts';
import { canonicalContext } from './encryption-context.ts';
import { KeyStore, toInfo, type KeyRecord } from './key-store.ts';
import { assertUsable, checkAlias, checkKeyRef, checkPendingDays, checkProject, nextState, type Transition } from './key-rules.ts';
import {
  ambiguousAlias,
  dataKeyUnwrapRefused,
  duplicateAlias,
  evsAccessNotGranted,
  invalidArgument,
  keyDeleted,
  keyNotFound,
  notSecurityAdministrator,
  rootKeyMismatch,
  type KmsOperation,
} from './kms-errors.ts';
import { KMS_MIGRATIONS } from './kms-schema.ts';
import type { DataKey, EncryptionContext, EvsAccessGrant, GrantActor, KeyInfo, KmsOptions } from './kms-types.ts';
import { CMK_MATERIAL_BYTES, DATA_KEY_BYTES, DEFAULT_KEY_ALIAS } from './kms-types.ts';

/**
 * The KMS of the reference implementation. Key state lives in SQLite, one
 * transaction per operation; each CMK's 32-byte AES-256 material is stored
 * only wrapped under the root key (AAD = key id); data keys are wrapped under
 * the CMK material (see data-key-envelope.ts).
 *
 * Time: a key pending deletion is deleted when `clock.now() >= deletionDate`.
 * Every public operation first applies due deletions in a transaction of its
 * own (committed even if the operation then fails), so no caller can use a key
 * past its deletion date; deletion destroys the wrapped material.
 *
 * Plaintext CMK material is zeroed right after use; plaintext data keys are
 * returned to the caller and never stored or logged.
 */
export class Kms {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly random: RandomSource;
  private readonly rootKey: RootKey;
  private readonly store: KeyStore;

  constructor(opts: KmsOptions) {
    this.db = opts.db;
    this.clock = opts.clock;
    this.random = opts.random;
    this.rootKey = opts.rootKey;
    applyMigrations(this.db, 'kms', KMS_MIGRATIONS);
    // freed pages (old wrapped material included) are overwritten with zeros
    this.db.pragma('secure_delete = ON');
    this.store = new KeyStore(this.db);
  }

  /** Creates the EVS agency and the evs/default key of the project (idempotent). EVS.1202 without the permission. */
  grantEvsAccess(project: string, actor: GrantActor): EvsAccessGrant {
    const p = checkProject(project);
    if (actor?.securityAdministrator !== true) throw notSecurityAdministrator(p);
    this.applyExpiries();
    return this.tx(() => {
      const existing = this.store.agency(p);
      if (existing !== null) return existing;
      const now = this.clock.now();
      const key = this.newKey(p, DEFAULT_KEY_ALIAS, true, now);
      const grant: EvsAccessGrant = { project: p, grantedAt: now, defaultKeyId: key.keyId };
      this.store.insertAgency(grant);
      return grant;
    });
  }

  hasEvsAccess(project: string): boolean {
    const p = checkProject(project);
    this.applyExpiries();
    return this.store.agency(p) !== null;
  }

  /** A customer master key, enabled. KMS.0401 for a bad, reserved or taken alias. */
  createKey(project: string, alias: string): KeyInfo {
    const p = checkProject(project);
    const a = checkAlias(alias);
    this.applyExpiries();
    return this.tx(() => {
      const [taken] = this.store.liveByAlias(a, p);
      if (taken !== undefined) throw duplicateAlias(a, p, taken.keyId);
      return toInfo(this.newKey(p, a, false, this.clock.now()));
    });
  }

  /** The evs/default key of the project; EVS.1201 when access was never granted. */
  defaultKey(project: string): KeyInfo {
    const p = checkProject(project);
    this.applyExpiries();
    return this.tx(() => {
      const grant = this.store.agency(p);
      if (grant === null) throw evsAccessNotGranted(p);
      return toInfo(this.mustGet(grant.defaultKeyId, 'defaultKey'));
    });
  }

  /**
   * By key id, or by alias (live keys first; if none, the most recently
   * deleted key with that alias). A deleted key is returned as a tombstone
   * with state 'deleted'; unknown → KMS.0207.
   */
  describeKey(keyIdOrAlias: string, project?: string): KeyInfo {
    const ref = checkKeyRef(keyIdOrAlias);
    const p = project === undefined ? undefined : checkProject(project);
    this.applyExpiries();
    return this.tx(() => toInfo(this.resolve(ref, p)));
  }

  /** The project's keys that are not deleted, oldest first. */
  listKeys(project: string): KeyInfo[] {
    const p = checkProject(project);
    this.applyExpiries();
    return this.tx(() => this.store.listLive(p).map(toInfo));
  }

  enableKey(keyId: string): KeyInfo {
    return this.transition(keyId, 'enableKey', null);
  }

  disableKey(keyId: string): KeyInfo {
    return this.transition(keyId, 'disableKey', null);
  }

  /** Deletion date = now + pendingDays days; pendingDays is an integer in 7..1096 (KMS.1401). */
  scheduleKeyDeletion(keyId: string, pendingDays: number): KeyInfo {
    return this.transition(keyId, 'scheduleKeyDeletion', checkPendingDays(pendingDays));
  }

  /** Leaves the key disabled, as in the KMS APIs. */
  cancelKeyDeletion(keyId: string): KeyInfo {
    return this.transition(keyId, 'cancelKeyDeletion', null);
  }

  /** A fresh 64-byte DK (halves differ) and its wrapped form, bound to the key and the context. */
  generateDataKey(keyId: string, context: EncryptionContext): DataKey {
    return this.withUsableKey(keyId, context, 'generateDataKey', (key, material, ctx) => {
      const plaintext = this.newDataKey();
      return { plaintext, wrapped: sealDataKey(material, key.keyId, ctx, plaintext, this.random) };
    });
  }

  /** Wraps an existing DK for another context (e.g. a disk created from a snapshot). */
  encryptDataKey(keyId: string, plaintext: Buffer, context: EncryptionContext): Buffer {
    checkDataKey(plaintext);
    return this.withUsableKey(keyId, context, 'encryptDataKey', (key, material, ctx) => sealDataKey(material, key.keyId, ctx, plaintext, this.random));
  }

  /** KMS.0301 when the wrapped DK is tampered, from another key, or bound to another context. */
  decryptDataKey(keyId: string, wrapped: Buffer, context: EncryptionContext): Buffer {
    return this.withUsableKey(keyId, context, 'decryptDataKey', (key, material, ctx) => {
      const opened = openDataKey(material, key.keyId, ctx, wrapped, DATA_KEY_BYTES);
      if (!opened.ok) throw dataKeyUnwrapRefused(toInfo(key), opened.reason);
      return opened.plaintext;
    });
  }

  /** Deletes every key whose waiting period has elapsed; returns their ids. */
  sweepExpiredKeys(): string[] {
    return this.applyExpiries();
  }

  private applyExpiries(): string[] {
    const now = this.clock.now();
    const due = this.tx(() => {
      const ids = this.store.dueForDeletion(now);
      for (const id of ids) this.store.destroy(id, now);
      return ids;
    });
    // move the overwritten pages out of the WAL too (skipped inside a caller's transaction)
    if (due.length > 0 && !this.db.inTransaction) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return due;
  }

  private transition(keyId: string, op: Transition, pendingDays: number | null): KeyInfo {
    const id = checkKeyRef(keyId);
    this.applyExpiries();
    return this.tx(() => {
      const key = this.mustGet(id, op);
      const state = nextState(key, op);
      const deletionDate = state === 'pendingDeletion' ? this.clock.now() + (pendingDays ?? 0) * DAY_MS : null;
      this.store.setState(id, state, deletionDate);
      return toInfo({ ...key, state, deletionDate });
    });
  }

  private withUsableKey<T>(keyId: string, context: EncryptionContext, op: KmsOperation, fn: (key: KeyRecord, material: Buffer, ctx: EncryptionContext) => T): T {
    const id = checkKeyRef(keyId);
    const ctx = canonicalContext(context);
    this.applyExpiries();
    return this.tx(() => {
      const key = this.mustGet(id, op);
      assertUsable(key, op);
      if (key.wrappedMaterial === null) throw keyDeleted(toInfo(key), op);
      if (key.rootKeyId !== this.rootKey.id) throw rootKeyMismatch(toInfo(key), key.rootKeyId, this.rootKey.id);
      const material = this.rootKey.unwrap(key.wrappedMaterial, Buffer.from(key.keyId, 'utf8'));
      try {
        return fn(key, material, ctx);
      } finally {
        material.fill(0);
      }
    });
  }

  private newKey(project: string, alias: string, isDefault: boolean, now: number): KeyRecord {
    const keyId = this.newKeyId();
    const material = this.random.bytes(CMK_MATERIAL_BYTES);
    let wrappedMaterial: Buffer;
    try {
      wrappedMaterial = this.rootKey.wrap(material, Buffer.from(keyId, 'utf8'));
    } finally {
      material.fill(0);
    }
    const key: KeyRecord = { keyId, project, alias, state: 'enabled', isDefault, createdAt: now, deletionDate: null, wrappedMaterial, rootKeyId: this.rootKey.id };
    this.store.insert(key);
    return key;
  }

  /** A random (version 4 layout) UUID, lowercase, never used before in this database. */
  private newKeyId(): string {
    for (;;) {
      const b = this.random.bytes(16);
      b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
      b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
      const h = b.toString('hex');
      const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      if (!this.store.idTaken(id)) return id;
    }
  }

  /** 64 random bytes whose halves differ (XTS refuses equal halves); a source that keeps repeating is refused. */
  private newDataKey(): Buffer {
    for (let attempt = 0; attempt < 8; attempt++) {
      const dk = this.random.bytes(DATA_KEY_BYTES);
      if (!dk.subarray(0, 32).equals(dk.subarray(32))) return dk;
      dk.fill(0);
    }
    throw invalidArgument(
      'the random source returned data keys with equal halves 8 times in a row; it is not random.',
      'Construct the Kms with secureRandom (or a SeededRandom in tests).',
      {},
    );
  }

  private mustGet(keyId: string, op: string): KeyRecord {
    const key = this.store.get(keyId);
    if (key === null) throw keyNotFound(keyId, undefined, op);
    return key;
  }

  private resolve(ref: string, project: string | undefined): KeyRecord {
    const byId = this.store.get(ref);
    if (byId !== null && (project === undefined || byId.project === project)) return byId;
    const live = this.store.liveByAlias(ref, project);
    const [only, second] = live;
    if (only !== undefined && second === undefined) return only;
    if (only !== undefined) throw ambiguousAlias(ref, live.map((k) => k.project));
    const [latestDeleted] = this.store.deletedByAlias(ref, project);
    if (latestDeleted !== undefined) return latestDeleted;
    throw keyNotFound(ref, project, 'describeKey');
  }

  private tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

function checkDataKey(plaintext: unknown): void {
  if (!Buffer.isBuffer(plaintext) || plaintext.length !== DATA_KEY_BYTES || plaintext.subarray(0, 32).equals(plaintext.subarray(32))) {
    throw invalidArgument(
      `a data key must be a ${DATA_KEY_BYTES}-byte Buffer with two different 32-byte halves (XTS-AES-256); got ${Buffer.isBuffer(plaintext) ? `${plaintext.length} bytes` : typeof plaintext}.`,
      'Pass the plaintext returned by generateDataKey or decryptDataKey.',
      { bytes: Buffer.isBuffer(plaintext) ? plaintext.length : null },
    );
  }
}
