import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/clock/clock.ts';
import type { RootKey } from '../../src/hsm/root-key.ts';
import { openSoftwareRootKey } from '../../src/hsm/software-root-key.ts';
import { Kms } from '../../src/kms/kms.ts';
import { SeededRandom, type RandomSource } from '../../src/rng/random-source.ts';
import { openDatabase } from '../../src/store/database.ts';
import { ADMIN, expectCode, kmsFixture, P } from './kms-fixture.ts';

const CTX = { diskId: 'disk-1' };

describe('data keys (envelope encryption)', () => {
  it('generateDataKey: a 64-byte DK with different halves, wrapped in 93 bytes, decrypted under the same key and context', () => {
    const { kms } = kmsFixture();
    const { keyId } = kms.createKey(P, 'k');
    const dk = kms.generateDataKey(keyId, CTX);
    expect(dk.plaintext.length).toBe(64);
    expect(dk.plaintext.subarray(0, 32).equals(dk.plaintext.subarray(32))).toBe(false);
    expect(dk.wrapped.length).toBe(93);
    expect(dk.wrapped.includes(dk.plaintext.subarray(0, 16))).toBe(false);
    expect(kms.decryptDataKey(keyId, dk.wrapped, { ...CTX })).toEqual(dk.plaintext);
    expect(kms.generateDataKey(keyId, CTX).plaintext).not.toEqual(dk.plaintext);
  });

  it('encryptDataKey re-wraps a DK for a new context (disk from snapshot); both wrappings open under their own context only', () => {
    const { kms } = kmsFixture();
    const source = kms.createKey(P, 'src');
    const target = kms.createKey(P, 'dst');
    const dk = kms.generateDataKey(source.keyId, CTX);
    const rewrapped = kms.encryptDataKey(target.keyId, dk.plaintext, { diskId: 'disk-2' });
    expect(kms.decryptDataKey(target.keyId, rewrapped, { diskId: 'disk-2' })).toEqual(dk.plaintext);
    expect(kms.decryptDataKey(source.keyId, dk.wrapped, CTX)).toEqual(dk.plaintext);
    expectCode(() => kms.decryptDataKey(target.keyId, rewrapped, CTX), 'KMS.0301');
    expectCode(() => kms.encryptDataKey(target.keyId, Buffer.alloc(63, 1), CTX), 'KMS.0401');
    expectCode(() => kms.encryptDataKey(target.keyId, Buffer.alloc(64, 1), CTX), 'KMS.0401'); // equal halves
  });

  it('wrong context, tampered value, truncated value and wrong key are KMS.0301 naming the key', () => {
    const { kms } = kmsFixture();
    const { keyId } = kms.createKey(P, 'k');
    const other = kms.createKey(P, 'other');
    const { wrapped } = kms.generateDataKey(keyId, CTX);
    const err = expectCode(() => kms.decryptDataKey(keyId, wrapped, { diskId: 'disk-2' }), 'KMS.0301');
    expect(err.message).toContain(keyId);
    expectCode(() => kms.decryptDataKey(keyId, wrapped, {}), 'KMS.0301');
    for (const i of [0, 5, 20, 60, 92]) {
      const t = Buffer.from(wrapped);
      t[i] = (t[i] ?? 0) ^ 1;
      expectCode(() => kms.decryptDataKey(keyId, t, CTX), 'KMS.0301');
    }
    expectCode(() => kms.decryptDataKey(keyId, wrapped.subarray(0, 90), CTX), 'KMS.0301');
    expectCode(() => kms.decryptDataKey(other.keyId, wrapped, CTX), 'KMS.0301');
    expectCode(() => kms.decryptDataKey(keyId, wrapped, { diskId: 1 } as unknown as Record<string, string>), 'KMS.0401');
  });

  it('only an enabled key serves data keys: disabled KMS.0209, pending KMS.0210, and back after enable/cancel', () => {
    const { kms } = kmsFixture();
    const { keyId } = kms.createKey(P, 'k');
    const dk = kms.generateDataKey(keyId, CTX);
    kms.disableKey(keyId);
    expectCode(() => kms.generateDataKey(keyId, CTX), 'KMS.0209');
    expectCode(() => kms.encryptDataKey(keyId, dk.plaintext, CTX), 'KMS.0209');
    const err = expectCode(() => kms.decryptDataKey(keyId, dk.wrapped, CTX), 'KMS.0209');
    expect(err.message).toContain(`key ${keyId}`);
    expect(err.fix).toContain('enableKey');
    kms.enableKey(keyId);
    kms.scheduleKeyDeletion(keyId, 7);
    expectCode(() => kms.generateDataKey(keyId, CTX), 'KMS.0210');
    expectCode(() => kms.encryptDataKey(keyId, dk.plaintext, CTX), 'KMS.0210');
    expectCode(() => kms.decryptDataKey(keyId, dk.wrapped, CTX), 'KMS.0210');
    kms.cancelKeyDeletion(keyId);
    kms.enableKey(keyId);
    expect(kms.decryptDataKey(keyId, dk.wrapped, CTX)).toEqual(dk.plaintext);
  });

  it('a DK whose halves come out equal is drawn again; a source that keeps repeating is refused', () => {
    const seeded = new SeededRandom(5);
    let repeats = 1;
    const flaky: RandomSource = {
      bytes: (n) => (n === 64 && repeats-- > 0 ? Buffer.alloc(64, 7) : seeded.bytes(n)),
      int: (m) => seeded.int(m),
    };
    const { kms, keyId } = kmsWith(flaky);
    const dk = kms.generateDataKey(keyId, CTX);
    expect(dk.plaintext.equals(Buffer.alloc(64, 7))).toBe(false);
    repeats = 100;
    expectCode(() => kms.generateDataKey(keyId, CTX), 'KMS.0401');
  });

  it('the KMS is opened with another root key: HSM.0002 naming both root keys', () => {
    const fx = kmsFixture();
    const { keyId } = fx.kms.createKey(P, 'k');
    const otherDir = mkdtempSync(join(tmpdir(), 'evs-other-root-'));
    try {
      const otherRoot = openSoftwareRootKey(otherDir, new SeededRandom(99));
      const again = fx.reopen(otherRoot);
      const err = expectCode(() => again.kms.generateDataKey(keyId, CTX), 'HSM.0002');
      expect(err.message).toContain(fx.rootKey.id);
      expect(err.message).toContain(otherRoot.id);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});

describe('secrets at rest and in memory', () => {
  it('no CMK material or plaintext DK ever reaches the database files, and unwrapped CMK material is zeroed', () => {
    const seeded = new SeededRandom(21);
    const secrets: Buffer[] = []; // copies of every 32- or 64-byte draw: CMK material or a DK
    const handedOut: Buffer[] = []; // the buffers themselves
    const recording: RandomSource = {
      bytes: (n) => {
        const b = seeded.bytes(n);
        if (n >= 32) {
          secrets.push(Buffer.from(b));
          handedOut.push(b);
        }
        return b;
      },
      int: (m) => seeded.int(m),
    };
    const { kms, dbFile, unwrapped } = kmsWith(recording);
    kms.grantEvsAccess(P, ADMIN);
    const { keyId } = kms.createKey(P, 'extra');
    const dk = kms.generateDataKey(keyId, CTX);
    kms.encryptDataKey(kms.defaultKey(P).keyId, dk.plaintext, { diskId: 'disk-9' });
    kms.decryptDataKey(keyId, dk.wrapped, CTX);
    expect(secrets.map((s) => s.length).sort()).toEqual([32, 32, 32, 64]);
    expect(unwrapped.length).toBe(3);
    for (const m of unwrapped) expect(m.every((b) => b === 0)).toBe(true);
    for (const b of handedOut.filter((x) => x.length === 32)) expect(b.every((x) => x === 0)).toBe(true); // fresh material, once wrapped
    expect(handedOut.find((x) => x.length === 64)).toBe(dk.plaintext); // the DK is the caller's
    const files = [dbFile, `${dbFile}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const secret of secrets) for (const file of files) expect(file.includes(secret.subarray(0, 16))).toBe(false);
  });
});

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A Kms with a chosen random source and a root key that remembers what it unwrapped. */
function kmsWith(random: RandomSource): { kms: Kms; keyId: string; dir: string; dbFile: string; unwrapped: Buffer[] } {
  const dir = mkdtempSync(join(tmpdir(), 'evs-kms-spy-'));
  const inner = openSoftwareRootKey(dir, new SeededRandom(77));
  const unwrapped: Buffer[] = [];
  const rootKey: RootKey = {
    kind: inner.kind,
    id: inner.id,
    wrap: (m, a) => inner.wrap(m, a),
    unwrap: (w, a) => {
      const m = inner.unwrap(w, a);
      unwrapped.push(m);
      return m;
    },
    close: () => inner.close(),
  };
  const dbFile = join(dir, 'metadata.db');
  const db = openDatabase(dbFile);
  cleanups.push(() => {
    db.close();
    inner.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const kms = new Kms({ db, clock: new SimulatedClock(), random, rootKey });
  const { keyId } = kms.createKey(P, 'k');
  return { kms, keyId, dir, dbFile, unwrapped };
}
