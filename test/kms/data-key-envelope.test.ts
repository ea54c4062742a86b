import { createDecipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDataKey, sealDataKey } from '../../src/kms/data-key-envelope.ts';
import { canonicalContext, dataKeyAad } from '../../src/kms/encryption-context.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';
import { expectCode } from './kms-fixture.ts';

const material = Buffer.alloc(32, 0x11);
const dk = Buffer.concat([Buffer.alloc(32, 1), Buffer.alloc(32, 2)]);
const ctx = { diskId: 'disk-1' };

describe('encryption context', () => {
  it('is canonical: the same entries in any order give the same AAD', () => {
    expect(dataKeyAad('k', { b: '2', a: '1' })).toBe(dataKeyAad('k', { a: '1', b: '2' }));
    expect(dataKeyAad('k', { a: '1', b: '2' })).toBe('{"context":{"a":"1","b":"2"},"keyId":"k"}');
  });

  it('refuses non-objects, non-string values, empty keys and oversized contexts (KMS.0401)', () => {
    for (const bad of [null, 'disk-1', ['a'], { a: 1 }, { a: { b: 'c' } }, { '': 'x' }, { a: 'x'.repeat(9000) }, new Map()]) {
      expectCode(() => canonicalContext(bad), 'KMS.0401');
    }
    expect(canonicalContext({})).toEqual({});
  });

  it('keeps every entry, even "__proto__", so different contexts never collide', () => {
    const tricky = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
    expect(dataKeyAad('k', tricky)).not.toBe(dataKeyAad('k', {}));
    expect(dataKeyAad('k', Object.assign(Object.create(null) as object, { a: '1' }))).toBe(dataKeyAad('k', { a: '1' }));
  });
});

describe('data key envelope', () => {
  it('is 0x01 | iv | tag | ciphertext, with the IV from the random source, decryptable by standard AES-256-GCM', () => {
    const wrapped = sealDataKey(material, 'key-1', ctx, dk, new SeededRandom(9));
    expect(wrapped.length).toBe(1 + 12 + 16 + 64);
    expect(wrapped[0]).toBe(1);
    expect(wrapped.subarray(1, 13)).toEqual(new SeededRandom(9).bytes(12));
    // independent decryption with the documented layout and AAD
    const d = createDecipheriv('aes-256-gcm', material, wrapped.subarray(1, 13));
    d.setAAD(Buffer.concat([Buffer.from([1]), Buffer.from('{"context":{"diskId":"disk-1"},"keyId":"key-1"}')]));
    d.setAuthTag(wrapped.subarray(13, 29));
    expect(Buffer.concat([d.update(wrapped.subarray(29)), d.final()])).toEqual(dk);
  });

  it('round-trips any 64-byte key under any context (property)', () => {
    const random = new SeededRandom(3);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 12 }), { maxKeys: 4 }), (bytes, context) => {
        const plain = Buffer.from(bytes);
        const c = canonicalContext({ ...context });
        const opened = openDataKey(material, 'key-1', c, sealDataKey(material, 'key-1', c, plain, random), 64);
        expect(opened.ok && opened.plaintext.equals(plain)).toBe(true);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('refuses another context, another key id, another CMK, and any flipped byte', () => {
    const wrapped = sealDataKey(material, 'key-1', ctx, dk, new SeededRandom(1));
    expect(openDataKey(material, 'key-1', { diskId: 'disk-2' }, wrapped, 64).ok).toBe(false);
    expect(openDataKey(material, 'key-1', { diskId: 'disk-1', extra: 'x' }, wrapped, 64).ok).toBe(false);
    expect(openDataKey(material, 'key-1', {}, wrapped, 64).ok).toBe(false);
    expect(openDataKey(material, 'key-2', ctx, wrapped, 64).ok).toBe(false);
    expect(openDataKey(Buffer.alloc(32, 0x12), 'key-1', ctx, wrapped, 64).ok).toBe(false);
    for (let i = 0; i < wrapped.length; i++) {
      const t = Buffer.from(wrapped);
      t[i] = (t[i] ?? 0) ^ 0x80;
      expect(openDataKey(material, 'key-1', ctx, t, 64).ok, `byte ${i}`).toBe(false);
    }
    expect(openDataKey(material, 'key-1', ctx, wrapped.subarray(0, 92), 64).ok).toBe(false);
    expect(openDataKey(material, 'key-1', ctx, 'not a buffer', 64).ok).toBe(false);
    expect(openDataKey(material, 'key-1', ctx, wrapped, 64)).toEqual({ ok: true, plaintext: dk });
  });
});
