import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquirePkcs11Module, type Pkcs11Lease, type SessionHandle, type SlotHandle } from '../../src/hsm/pkcs11-module.ts';
import { openPkcs11RootKey, type Pkcs11Options } from '../../src/hsm/pkcs11-root-key.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';
import { createSoftHsmToken, type SoftHsmToken } from '../support/softhsm.ts';
import { expectCode, rootKeyContract } from './root-key-contract.ts';

// One token for the whole file: SoftHSM reads SOFTHSM2_CONF when the module is initialised.
let token: SoftHsmToken;
beforeAll(() => {
  token = createSoftHsmToken();
});
afterAll(() => token.cleanup());

function options(over: Partial<Pkcs11Options> = {}): Pkcs11Options {
  return { modulePath: token.modulePath, tokenLabel: token.tokenLabel, pin: token.pin, keyLabel: 'evs-root', ...over };
}

/** A test-side session on the same token, to look at the key the way an attacker with the PIN would. */
function inspect<T>(fn: (lease: Pkcs11Lease, session: SessionHandle) => T): T {
  const lease = acquirePkcs11Module(token.modulePath);
  let slot: SlotHandle | null = null;
  let session: SessionHandle | null = null;
  try {
    slot = lease.findTokenSlot(token.tokenLabel);
    session = lease.openUserSession(slot, token.pin);
    return fn(lease, session);
  } finally {
    if (slot !== null && session !== null) lease.closeSession(slot, session);
    lease.release();
  }
}

function findByLabel(lease: Pkcs11Lease, session: SessionHandle, label: string): Buffer[] {
  lease.module.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_LABEL, value: label }]);
  try {
    return lease.module.C_FindObjects(session, 10);
  } finally {
    lease.module.C_FindObjectsFinal(session);
  }
}

describe('PKCS#11 root key (SoftHSM2): RootKey contract', () => {
  rootKeyContract((random) => openPkcs11RootKey(options(), random));
});

describe('PKCS#11 root key (SoftHSM2)', () => {
  it('generates exactly one AES-256 key inside the token: a sensitive, non-extractable token object', () => {
    const key = openPkcs11RootKey(options({ keyLabel: 'fresh-root' }), new SeededRandom(1));
    try {
      expect(key.kind).toBe('pkcs11');
      expect(key.id).toBe(`pkcs11:token=${token.tokenLabel};object=fresh-root`);
      inspect((lease, session) => {
        const found = findByLabel(lease, session, 'fresh-root');
        expect(found).toHaveLength(1);
        const handle = found[0] as Buffer;
        const [extractable, sensitive, onToken, length] = lease.module.C_GetAttributeValue(session, handle, [
          { type: pkcs11js.CKA_EXTRACTABLE },
          { type: pkcs11js.CKA_SENSITIVE },
          { type: pkcs11js.CKA_TOKEN },
          { type: pkcs11js.CKA_VALUE_LEN },
        ]).map((a) => a.value);
        expect(extractable?.[0]).toBe(0);
        expect(sensitive?.[0]).toBe(1);
        expect(onToken?.[0]).toBe(1);
        expect(length?.[0]).toBe(32);
        // the key value can never be read out of the token
        expect(() => lease.module.C_GetAttributeValue(session, handle, [{ type: pkcs11js.CKA_VALUE }])).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
      });
    } finally {
      key.close();
    }
    // reopening finds the key instead of generating a second one
    openPkcs11RootKey(options({ keyLabel: 'fresh-root' }), new SeededRandom(2)).close();
    inspect((lease, session) => expect(findByLabel(lease, session, 'fresh-root')).toHaveLength(1));
  });

  it('two root keys open on the same token at once both work, and closing one leaves the other usable', () => {
    const a = openPkcs11RootKey(options(), new SeededRandom(1));
    const b = openPkcs11RootKey(options(), new SeededRandom(2));
    const wrapped = a.wrap(Buffer.alloc(32, 7), Buffer.from('k'));
    a.close();
    expect(b.unwrap(wrapped, Buffer.from('k'))).toEqual(Buffer.alloc(32, 7));
    b.close();
  });

  it('another key label is another root key: its values do not unwrap (HSM.0002)', () => {
    const a = openPkcs11RootKey(options({ keyLabel: 'root-a' }), new SeededRandom(1));
    const b = openPkcs11RootKey(options({ keyLabel: 'root-b' }), new SeededRandom(2));
    try {
      expectCode(() => b.unwrap(a.wrap(Buffer.alloc(32, 1), Buffer.from('k')), Buffer.from('k')), 'HSM.0002');
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses an existing key with that label that could be extracted (HSM.0001)', () => {
    inspect((lease, session) => {
      lease.module.C_GenerateKey(session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        { type: pkcs11js.CKA_LABEL, value: 'leaky-root' },
        { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_SENSITIVE, value: false },
        { type: pkcs11js.CKA_EXTRACTABLE, value: true },
        { type: pkcs11js.CKA_ENCRYPT, value: true },
        { type: pkcs11js.CKA_DECRYPT, value: true },
      ]);
    });
    const err = expectCode(() => openPkcs11RootKey(options({ keyLabel: 'leaky-root' }), new SeededRandom(1)), 'HSM.0001');
    expect(err.message).toContain('CKA_EXTRACTABLE is true');
    expect(err.message).toContain('CKA_SENSITIVE is false');
  });

  it('a wrong PIN is HSM.0001, also while another root key of this process is logged in', () => {
    const err = expectCode(() => openPkcs11RootKey(options({ pin: '000000' }), new SeededRandom(1)), 'HSM.0001');
    expect(err.fix).toContain('softhsm2-util --init-token');
    const open = openPkcs11RootKey(options(), new SeededRandom(1));
    try {
      expectCode(() => openPkcs11RootKey(options({ pin: '000000' }), new SeededRandom(1)), 'HSM.0001');
    } finally {
      open.close();
    }
  });

  it('an unknown token label is HSM.0001 naming the tokens it found and how to create one', () => {
    const err = expectCode(() => openPkcs11RootKey(options({ tokenLabel: 'no-such-token' }), new SeededRandom(1)), 'HSM.0001');
    expect(err.message).toContain(`"${token.tokenLabel}"`);
    expect(err.fix).toContain('softhsm2-util --init-token');
    expect(err.fix).toContain('SOFTHSM2_CONF');
  });

  it('a missing module is HSM.0001 with the install command', () => {
    const err = expectCode(() => openPkcs11RootKey(options({ modulePath: '/nonexistent/libsofthsm2.so' }), new SeededRandom(1)), 'HSM.0001');
    expect(err.fix).toContain('apt-get install softhsm2');
    expect(err.fix).toContain('SOFTHSM2_CONF');
  });

  it('finalises the module when the last root key closes, so a token made afterwards (new SOFTHSM2_CONF) is found', () => {
    openPkcs11RootKey(options(), new SeededRandom(1)).close();
    const second = createSoftHsmToken();
    try {
      const key = openPkcs11RootKey({ modulePath: second.modulePath, tokenLabel: second.tokenLabel, pin: second.pin, keyLabel: 'r' }, new SeededRandom(1));
      // while it is open the module stays initialised on the second configuration
      expectCode(() => openPkcs11RootKey(options(), new SeededRandom(1)), 'HSM.0001');
      key.close();
    } finally {
      second.cleanup();
    }
    openPkcs11RootKey(options(), new SeededRandom(1)).close();
  });

  it('a library that is not a PKCS#11 module, or empty options, are HSM.0001', () => {
    expectCode(() => openPkcs11RootKey(options({ modulePath: '/etc/hostname' }), new SeededRandom(1)), 'HSM.0001');
    expectCode(() => openPkcs11RootKey(options({ keyLabel: '' }), new SeededRandom(1)), 'HSM.0001');
  });
});
