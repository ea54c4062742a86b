import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPkcs11RootKey } from '../../src/hsm/pkcs11-root-key.ts';
import { createSoftHsmToken, type SoftHsmToken } from '../support/softhsm.ts';
import { ADMIN, expectCode, kmsFixture, P } from './kms-fixture.ts';

// One SoftHSM2 token for the file; every test's root keys are closed by the fixture after each test.
let token: SoftHsmToken;
beforeAll(() => {
  token = createSoftHsmToken();
});
afterAll(() => token.cleanup());

function hsmFixture(keyLabel = 'kms-root') {
  return kmsFixture(1, (_dir, random) => openPkcs11RootKey({ modulePath: token.modulePath, tokenLabel: token.tokenLabel, pin: token.pin, keyLabel }, random));
}

describe('KMS with its root key in SoftHSM2', () => {
  it('runs the envelope end to end: CMK material wrapped in the token, DKs under the CMK', () => {
    const { kms, db, rootKey } = hsmFixture();
    expect(rootKey.kind).toBe('pkcs11');
    const { defaultKeyId } = kms.grantEvsAccess(P, ADMIN);
    const dk = kms.generateDataKey(defaultKeyId, { diskId: 'd1' });
    expect(kms.decryptDataKey(defaultKeyId, dk.wrapped, { diskId: 'd1' })).toEqual(dk.plaintext);
    expectCode(() => kms.decryptDataKey(defaultKeyId, dk.wrapped, { diskId: 'd2' }), 'KMS.0301');
    const stored = db.prepare('SELECT root_key_id, length(wrapped_material) AS n FROM kms_keys WHERE key_id = ?').get(defaultKeyId);
    expect(stored).toEqual({ root_key_id: `pkcs11:token=${token.tokenLabel};object=kms-root`, n: 1 + 12 + 16 + 32 });
  });

  it('keeps working across a restart that reopens the token', () => {
    const fx = hsmFixture();
    const { keyId } = fx.kms.createKey(P, 'cmk');
    const dk = fx.kms.generateDataKey(keyId, { diskId: 'd1' });
    fx.rootKey.close();
    const again = fx.reopen(); // opens the token again and finds the same key by label
    expect(again.kms.decryptDataKey(keyId, dk.wrapped, { diskId: 'd1' })).toEqual(dk.plaintext);
  });

  it('another key in the token cannot unwrap the CMK material (HSM.0002)', () => {
    const fx = hsmFixture('root-one');
    const { keyId } = fx.kms.createKey(P, 'cmk');
    const other = openPkcs11RootKey({ modulePath: token.modulePath, tokenLabel: token.tokenLabel, pin: token.pin, keyLabel: 'root-two' }, { bytes: (n) => Buffer.alloc(n, 1), int: () => 0 });
    const again = fx.reopen(other);
    expectCode(() => again.kms.generateDataKey(keyId, {}), 'HSM.0002');
  });
});
