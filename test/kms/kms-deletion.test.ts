import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/clock/clock.ts';
import type { Db } from '../../src/store/database.ts';
import { dumpKms, expectCode, kmsFixture, P, START } from './kms-fixture.ts';

const CTX = { diskId: 'disk-1' };

function row(db: Db, keyId: string): { state: string; wrapped_material: Buffer | null; deletion_date: number | null } {
  return db.prepare('SELECT state, wrapped_material, deletion_date FROM kms_keys WHERE key_id = ?').get(keyId) as {
    state: string;
    wrapped_material: Buffer | null;
    deletion_date: number | null;
  };
}

describe('waiting period of a scheduled deletion', () => {
  it('accepts 7 and 1096 days; the deletion date is now + days', () => {
    const { kms, clock } = kmsFixture();
    clock.advance(123);
    expect(kms.scheduleKeyDeletion(kms.createKey(P, 'a').keyId, 7).deletionDate).toBe(START + 123 + 7 * DAY_MS);
    expect(kms.scheduleKeyDeletion(kms.createKey(P, 'b').keyId, 1096).deletionDate).toBe(START + 123 + 1096 * DAY_MS);
  });

  it('refuses 6, 1097, 7.5 and NaN with KMS.1401 and changes nothing', () => {
    const { kms, db } = kmsFixture();
    const { keyId } = kms.createKey(P, 'a');
    const before = dumpKms(db);
    for (const days of [6, 1097, 7.5, Number.NaN]) {
      const err = expectCode(() => kms.scheduleKeyDeletion(keyId, days), 'KMS.1401');
      expect(err.message).toContain(String(days));
    }
    expect(dumpKms(db)).toBe(before);
    expect(kms.describeKey(keyId).state).toBe('enabled');
  });
});

describe('expiry', () => {
  it('one ms before the deadline the key is still pending (and can be cancelled); at the deadline it is deleted', () => {
    const { kms, clock, db } = kmsFixture();
    const { keyId } = kms.createKey(P, 'k');
    const { deletionDate } = kms.scheduleKeyDeletion(keyId, 7);
    clock.set((deletionDate ?? 0) - 1);
    expect(kms.describeKey(keyId).state).toBe('pendingDeletion');
    expect(kms.sweepExpiredKeys()).toEqual([]);
    expect(row(db, keyId).wrapped_material).not.toBeNull();
    clock.set(deletionDate ?? 0);
    expect(kms.describeKey(keyId)).toMatchObject({ keyId, alias: 'k', state: 'deleted', deletionDate });
    expect(row(db, keyId)).toMatchObject({ state: 'deleted', wrapped_material: null, deletion_date: deletionDate });
    expect(kms.listKeys(P)).toEqual([]);
  });

  it('cancelling one ms before the deadline saves the key: disabled, usable again once enabled', () => {
    const { kms, clock } = kmsFixture();
    const { keyId } = kms.createKey(P, 'k');
    const dk = kms.generateDataKey(keyId, CTX);
    const { deletionDate } = kms.scheduleKeyDeletion(keyId, 7);
    clock.set((deletionDate ?? 0) - 1);
    expect(kms.cancelKeyDeletion(keyId)).toMatchObject({ state: 'disabled', deletionDate: null });
    clock.advanceDays(2000);
    expect(kms.describeKey(keyId).state).toBe('disabled');
    expectCode(() => kms.decryptDataKey(keyId, dk.wrapped, CTX), 'KMS.0209');
    kms.enableKey(keyId);
    expect(kms.decryptDataKey(keyId, dk.wrapped, CTX)).toEqual(dk.plaintext);
  });

  it('every operation applies due deletions first, even one about another key', () => {
    const { kms, clock, db } = kmsFixture();
    const doomed = kms.createKey(P, 'doomed');
    kms.scheduleKeyDeletion(doomed.keyId, 7);
    clock.advanceDays(7);
    expect(kms.hasEvsAccess(P)).toBe(false); // unrelated, read-only
    expect(row(db, doomed.keyId)).toMatchObject({ state: 'deleted', wrapped_material: null });
    expect(kms.sweepExpiredKeys()).toEqual([]); // already swept
  });

  it('a deleted key refuses every operation with KMS.0207 naming its deletion; its alias can be reused', () => {
    const { kms, clock } = kmsFixture();
    const { keyId } = kms.createKey(P, 'reused');
    const dk = kms.generateDataKey(keyId, CTX);
    kms.scheduleKeyDeletion(keyId, 7);
    clock.advanceDays(7);
    const err = expectCode(() => kms.decryptDataKey(keyId, dk.wrapped, CTX), 'KMS.0207');
    expect(err.message).toContain('deleted');
    expect(err.fix).toContain('never');
    expectCode(() => kms.generateDataKey(keyId, CTX), 'KMS.0207');
    expectCode(() => kms.encryptDataKey(keyId, dk.plaintext, CTX), 'KMS.0207');
    expectCode(() => kms.enableKey(keyId), 'KMS.0207');
    expectCode(() => kms.disableKey(keyId), 'KMS.0207');
    expectCode(() => kms.scheduleKeyDeletion(keyId, 7), 'KMS.0207');
    expectCode(() => kms.cancelKeyDeletion(keyId), 'KMS.0207');
    expect(kms.describeKey('reused', P).state).toBe('deleted');
    const successor = kms.createKey(P, 'reused');
    expect(kms.describeKey('reused', P)).toEqual(successor);
    expect(kms.describeKey(keyId).state).toBe('deleted');
  });

  it('sweepExpiredKeys deletes exactly the keys whose deadline has come, in deadline order', () => {
    const { kms, clock } = kmsFixture();
    const a = kms.createKey(P, 'a');
    const b = kms.createKey(P, 'b');
    const c = kms.createKey(P, 'c');
    kms.scheduleKeyDeletion(b.keyId, 8);
    kms.scheduleKeyDeletion(a.keyId, 9);
    kms.scheduleKeyDeletion(c.keyId, 30);
    clock.advanceDays(9);
    // describeKey etc. would sweep too; call sweep directly first
    expect(kms.sweepExpiredKeys()).toEqual([b.keyId, a.keyId]);
    expect(kms.listKeys(P).map((k) => k.keyId)).toEqual([c.keyId]);
  });

  it('deletion survives a restart: a key scheduled before closing is deleted after reopening', () => {
    const fx = kmsFixture();
    const { keyId } = fx.kms.createKey(P, 'k');
    fx.kms.scheduleKeyDeletion(keyId, 7);
    const again = fx.reopen();
    fx.clock.advanceDays(7);
    expect(again.kms.describeKey(keyId).state).toBe('deleted');
  });
});

describe('deletion destroys the material', () => {
  it('restoring the old wrapped material into the tombstone row by hand does not revive the key', () => {
    const { kms, clock, db } = kmsFixture();
    const { keyId } = kms.createKey(P, 'k');
    const dk = kms.generateDataKey(keyId, CTX);
    const oldMaterial = row(db, keyId).wrapped_material;
    expect(oldMaterial).toBeInstanceOf(Buffer);
    kms.scheduleKeyDeletion(keyId, 7);
    clock.advanceDays(7);
    kms.sweepExpiredKeys();
    expect(row(db, keyId).wrapped_material).toBeNull();
    // the database refuses the tampering unless its constraints are switched off
    expect(() => db.prepare('UPDATE kms_keys SET wrapped_material = ? WHERE key_id = ?').run(oldMaterial, keyId)).toThrow(/CHECK/);
    db.pragma('ignore_check_constraints = ON');
    db.prepare('UPDATE kms_keys SET wrapped_material = ? WHERE key_id = ?').run(oldMaterial, keyId);
    expectCode(() => kms.decryptDataKey(keyId, dk.wrapped, CTX), 'KMS.0207');
    // even restoring the state as well: the destruction ledger still says deleted
    db.prepare(`UPDATE kms_keys SET state = 'enabled', deletion_date = NULL WHERE key_id = ?`).run(keyId);
    expectCode(() => kms.decryptDataKey(keyId, dk.wrapped, CTX), 'KMS.0207');
    expectCode(() => kms.generateDataKey(keyId, CTX), 'KMS.0207');
    expectCode(() => kms.enableKey(keyId), 'KMS.0207');
    expect(kms.describeKey(keyId).state).toBe('deleted');
  });
});
