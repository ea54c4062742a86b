import { describe, expect, it } from 'vitest';
import type { Kms } from '../../src/kms/kms.ts';
import type { KeyInfo, KeyState } from '../../src/kms/kms-types.ts';
import { ADMIN, dumpKms, expectCode, kmsFixture, P, START } from './kms-fixture.ts';

/** A CMK brought into `state` through the public API. */
function keyIn(kms: Kms, state: Exclude<KeyState, 'deleted'>, alias = `k-${state}`): KeyInfo {
  const key = kms.createKey(P, alias);
  if (state === 'disabled') return kms.disableKey(key.keyId);
  if (state === 'pendingDeletion') return kms.scheduleKeyDeletion(key.keyId, 7);
  return key;
}

describe('EVS access (agency) and the default key', () => {
  it('needs the security administrator permission: EVS.1202, nothing created', () => {
    const { kms, db } = kmsFixture();
    const before = dumpKms(db);
    const err = expectCode(() => kms.grantEvsAccess(P, { securityAdministrator: false }), 'EVS.1202');
    expect(err.message).toContain(P);
    expect(dumpKms(db)).toBe(before);
    expect(kms.hasEvsAccess(P)).toBe(false);
    expectCode(() => kms.defaultKey(P), 'EVS.1201');
  });

  it('creates evs/default once: enabled, default, idempotent per project', () => {
    const { kms, clock } = kmsFixture();
    const grant = kms.grantEvsAccess(P, ADMIN);
    expect(grant).toEqual({ project: P, grantedAt: START, defaultKeyId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) });
    clock.advanceDays(1);
    expect(kms.grantEvsAccess(P, ADMIN)).toEqual(grant);
    expect(kms.hasEvsAccess(P)).toBe(true);
    expect(kms.defaultKey(P)).toEqual({ keyId: grant.defaultKeyId, alias: 'evs/default', project: P, state: 'enabled', isDefault: true, createdAt: START, deletionDate: null });
    expect(kms.listKeys(P).map((k) => k.alias)).toEqual(['evs/default']);
    const other = kms.grantEvsAccess('project-b', ADMIN);
    expect(other.defaultKeyId).not.toBe(grant.defaultKeyId);
    expect(kms.hasEvsAccess('project-c')).toBe(false);
  });

  it('a non-admin cannot grant even when access already exists', () => {
    const { kms } = kmsFixture();
    kms.grantEvsAccess(P, ADMIN);
    expectCode(() => kms.grantEvsAccess(P, { securityAdministrator: false }), 'EVS.1202');
  });

  it('the default key can be neither disabled, enabled, scheduled for deletion nor cancelled (KMS.0211), and stays usable', () => {
    const { kms, db } = kmsFixture();
    const { defaultKeyId } = kms.grantEvsAccess(P, ADMIN);
    const before = dumpKms(db);
    expectCode(() => kms.disableKey(defaultKeyId), 'KMS.0211');
    expectCode(() => kms.enableKey(defaultKeyId), 'KMS.0211');
    expectCode(() => kms.scheduleKeyDeletion(defaultKeyId, 7), 'KMS.0211');
    expectCode(() => kms.cancelKeyDeletion(defaultKeyId), 'KMS.0211');
    expect(dumpKms(db)).toBe(before);
    const dk = kms.generateDataKey(defaultKeyId, { diskId: 'd1' });
    expect(kms.decryptDataKey(defaultKeyId, dk.wrapped, { diskId: 'd1' })).toEqual(dk.plaintext);
  });

  it('users cannot create a key with a reserved alias', () => {
    const { kms } = kmsFixture();
    expectCode(() => kms.createKey(P, 'evs/default'), 'KMS.0401');
    expectCode(() => kms.createKey(P, 'ims/default'), 'KMS.0401');
  });
});

describe('customer master keys', () => {
  it('createKey gives an enabled key with a fresh id; aliases are unique per project', () => {
    const { kms, clock } = kmsFixture();
    clock.advance(5);
    const a = kms.createKey(P, 'finance');
    expect(a).toEqual({ keyId: expect.any(String), alias: 'finance', project: P, state: 'enabled', isDefault: false, createdAt: START + 5, deletionDate: null });
    expect(kms.createKey('project-b', 'finance').keyId).not.toBe(a.keyId);
    const err = expectCode(() => kms.createKey(P, 'finance'), 'KMS.0401');
    expect(err.message).toContain(a.keyId);
    expectCode(() => kms.createKey(P, 'bad alias!'), 'KMS.0401');
    expectCode(() => kms.createKey('', 'x'), 'KMS.0401');
  });

  it('walks every allowed transition: disable, enable, schedule from enabled and disabled, cancel leaves disabled', () => {
    const { kms, clock } = kmsFixture();
    const { keyId } = kms.createKey(P, 'walk');
    expect(kms.disableKey(keyId).state).toBe('disabled');
    expect(kms.enableKey(keyId).state).toBe('enabled');
    const pending = kms.scheduleKeyDeletion(keyId, 30);
    expect(pending).toMatchObject({ state: 'pendingDeletion', deletionDate: START + 30 * 86_400_000 });
    expect(kms.cancelKeyDeletion(keyId)).toMatchObject({ state: 'disabled', deletionDate: null });
    clock.advanceDays(1);
    expect(kms.scheduleKeyDeletion(keyId, 7)).toMatchObject({ state: 'pendingDeletion', deletionDate: START + 8 * 86_400_000 });
    expect(kms.cancelKeyDeletion(keyId).state).toBe('disabled');
    expect(kms.enableKey(keyId).state).toBe('enabled');
    expect(kms.describeKey(keyId).state).toBe('enabled');
  });

  it('refuses the transitions the KMS refuses, with the documented codes, and changes nothing', () => {
    const { kms, db } = kmsFixture();
    const enabled = keyIn(kms, 'enabled');
    const disabled = keyIn(kms, 'disabled');
    const pending = keyIn(kms, 'pendingDeletion');
    const before = dumpKms(db);
    expectCode(() => kms.enableKey(enabled.keyId), 'KMS.1201');
    expectCode(() => kms.disableKey(disabled.keyId), 'KMS.1301');
    expectCode(() => kms.enableKey(pending.keyId), 'KMS.0210');
    expectCode(() => kms.disableKey(pending.keyId), 'KMS.0210');
    expectCode(() => kms.scheduleKeyDeletion(pending.keyId, 7), 'KMS.1402');
    expectCode(() => kms.cancelKeyDeletion(enabled.keyId), 'KMS.1501');
    expectCode(() => kms.cancelKeyDeletion(disabled.keyId), 'KMS.1501');
    expectCode(() => kms.scheduleKeyDeletion(enabled.keyId, 6), 'KMS.1401');
    expectCode(() => kms.generateDataKey(disabled.keyId, {}), 'KMS.0209');
    expectCode(() => kms.generateDataKey(pending.keyId, {}), 'KMS.0210');
    expectCode(() => kms.createKey(P, enabled.alias), 'KMS.0401');
    expect(dumpKms(db)).toBe(before);
  });

  it('unknown keys are KMS.0207 for every operation', () => {
    const { kms } = kmsFixture();
    const id = '00000000-0000-4000-8000-000000000000';
    expectCode(() => kms.describeKey(id), 'KMS.0207');
    expectCode(() => kms.enableKey(id), 'KMS.0207');
    expectCode(() => kms.disableKey(id), 'KMS.0207');
    expectCode(() => kms.scheduleKeyDeletion(id, 7), 'KMS.0207');
    expectCode(() => kms.cancelKeyDeletion(id), 'KMS.0207');
    expectCode(() => kms.generateDataKey(id, {}), 'KMS.0207');
    expectCode(() => kms.encryptDataKey(id, Buffer.concat([Buffer.alloc(32, 1), Buffer.alloc(32, 2)]), {}), 'KMS.0207');
    expectCode(() => kms.decryptDataKey(id, Buffer.alloc(93), {}), 'KMS.0207');
    expectCode(() => kms.enableKey(''), 'KMS.0401');
  });
});

describe('describeKey and listKeys', () => {
  it('finds a key by id or alias, scoped by project when given', () => {
    const { kms } = kmsFixture();
    const a = kms.createKey(P, 'shared');
    const b = kms.createKey('project-b', 'shared');
    const solo = kms.createKey(P, 'solo');
    expect(kms.describeKey(a.keyId)).toEqual(a);
    expect(kms.describeKey('solo')).toEqual(solo);
    expect(kms.describeKey('shared', P)).toEqual(a);
    expect(kms.describeKey('shared', 'project-b')).toEqual(b);
    expectCode(() => kms.describeKey('shared'), 'KMS.0401'); // ambiguous without a project
    expectCode(() => kms.describeKey(a.keyId, 'project-b'), 'KMS.0207'); // no peeking across projects
    expectCode(() => kms.describeKey('nope', P), 'KMS.0207');
  });

  it('lists the project keys in creation order', () => {
    const { kms, clock } = kmsFixture();
    const first = kms.createKey(P, 'first');
    clock.advance(1);
    const second = kms.disableKey(kms.createKey(P, 'second').keyId);
    kms.createKey('project-b', 'elsewhere');
    expect(kms.listKeys(P)).toEqual([first, second]);
    expect(kms.listKeys('project-z')).toEqual([]);
  });
});

describe('restart', () => {
  it('reopening the database with the same root key keeps keys, states, agency and data keys', () => {
    const fx = kmsFixture();
    const { defaultKeyId } = fx.kms.grantEvsAccess(P, ADMIN);
    const disabled = fx.kms.disableKey(fx.kms.createKey(P, 'off').keyId);
    const pending = fx.kms.scheduleKeyDeletion(fx.kms.createKey(P, 'going').keyId, 10);
    const live = fx.kms.createKey(P, 'live');
    const dk = fx.kms.generateDataKey(live.keyId, { diskId: 'd' });
    const defaultInfo = fx.kms.describeKey(defaultKeyId);
    const again = fx.reopen();
    expect(again.kms.listKeys(P)).toEqual([defaultInfo, disabled, pending, live]);
    expect(again.kms.defaultKey(P).keyId).toBe(defaultKeyId);
    expect(again.kms.describeKey(pending.keyId)).toEqual(pending);
    expect(again.kms.decryptDataKey(live.keyId, dk.wrapped, { diskId: 'd' })).toEqual(dk.plaintext);
    expect(again.kms.enableKey(disabled.keyId).state).toBe('enabled');
  });
});
