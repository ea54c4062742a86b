import { describe, expect, it } from 'vitest';
import { tweakForSector } from '../../src/xts/xts-cipher.ts';
import { XTS_MAX_UNIT_BYTES, xtsDecryptUnit, xtsEncryptUnit } from '../../src/xts/xts-unit.ts';
import { ciphertextStealingVectors, ieeeVectors, nistVectors, type RspVector } from './known-answers.ts';

function tweakOf(v: RspVector): Buffer {
  if (v.tweak) return v.tweak;
  if (v.sequenceNumber === undefined) throw new Error(`vector ${v.count} has no tweak`);
  // The dm-crypt plain64 form: the sequence number little-endian, zero-padded to 16 bytes.
  return tweakForSector(v.sequenceNumber);
}

describe.each(['tweak128hex', 'dataunitseqno'] as const)('NIST CAVP XTSVS XTSGenAES256.rsp (%s)', (form) => {
  const all = nistVectors(form);
  const whole = all.filter((v) => v.dataUnitBits % 8 === 0);

  it('holds a real subset: ENCRYPT and DECRYPT, 256- and 384-bit units, and skips units that end mid-byte', () => {
    expect(all).toHaveLength(56);
    expect(whole).toHaveLength(48);
    expect(all.filter((v) => v.dataUnitBits % 8 !== 0).map((v) => v.dataUnitBits).sort()).toEqual([140, 140, 140, 140, 250, 250, 250, 250]);
    for (const section of ['ENCRYPT', 'DECRYPT'] as const) {
      for (const bits of [256, 384]) expect(whole.filter((v) => v.section === section && v.dataUnitBits === bits)).toHaveLength(12);
    }
    for (const v of whole) {
      expect(v.key).toHaveLength(64);
      expect(v.plaintext.length * 8).toBe(v.dataUnitBits);
    }
  });

  it.each(whole.map((v) => [`${v.section} COUNT ${v.count} (${v.dataUnitBits} bits)`, v] as const))('%s', (_name, v) => {
    const tweak = tweakOf(v);
    if (v.section === 'ENCRYPT') expect(xtsEncryptUnit(v.key, tweak, v.plaintext).toString('hex')).toBe(v.ciphertext.toString('hex'));
    else expect(xtsDecryptUnit(v.key, tweak, v.ciphertext).toString('hex')).toBe(v.plaintext.toString('hex'));
    // And the other way round: the answer decrypts (encrypts) back.
    expect(xtsDecryptUnit(v.key, tweak, v.ciphertext).equals(v.plaintext)).toBe(true);
    expect(xtsEncryptUnit(v.key, tweak, v.plaintext).equals(v.ciphertext)).toBe(true);
  });
});

describe('IEEE 1619-2007 Annex B vectors 10-14 at the data-unit level', () => {
  it.each(ieeeVectors().map((v) => [v.vector, v] as const))('vector %i', (_n, v) => {
    const tweak = tweakForSector(v.sequenceNumber);
    expect(xtsEncryptUnit(v.key, tweak, v.plaintext).toString('hex')).toBe(v.ciphertext.toString('hex'));
    expect(xtsDecryptUnit(v.key, tweak, v.ciphertext).toString('hex')).toBe(v.plaintext.toString('hex'));
  });
});

describe('ciphertext stealing (data units that are not a multiple of 16 bytes)', () => {
  const vectors = ciphertextStealingVectors();

  it.each(vectors.map((v) => [v.plaintext.length, v] as const))('%i-byte unit matches the known answer both ways', (_n, v) => {
    expect(v.plaintext.length % 16).not.toBe(0);
    expect(xtsEncryptUnit(v.key, v.tweak, v.plaintext).toString('hex')).toBe(v.ciphertext.toString('hex'));
    expect(xtsDecryptUnit(v.key, v.tweak, v.ciphertext).toString('hex')).toBe(v.plaintext.toString('hex'));
  });

  it('changes only the last two blocks when a byte is appended (stealing, not padding)', () => {
    const v = vectors[0];
    if (!v) throw new Error('no vector');
    const longer = xtsEncryptUnit(v.key, v.tweak, Buffer.concat([v.plaintext, Buffer.from([0x5a])]));
    const settled = (Math.floor(v.plaintext.length / 16) - 1) * 16;
    expect(longer).toHaveLength(v.plaintext.length + 1);
    expect(longer.subarray(0, settled).equals(v.ciphertext.subarray(0, settled))).toBe(true);
    expect(longer.subarray(settled, v.plaintext.length).equals(v.ciphertext.subarray(settled))).toBe(false);
  });
});

describe('data-unit refusals', () => {
  const key = Buffer.from(Array.from({ length: 64 }, (_, i) => i));
  const tweak = Buffer.alloc(16);

  it('refuses data units shorter than one block or longer than 2^20 blocks (XTS.0003)', () => {
    for (const n of [0, 1, 15]) {
      expect(() => xtsEncryptUnit(key, tweak, Buffer.alloc(n))).toThrow(expect.objectContaining({ code: 'XTS.0003' }));
      expect(() => xtsDecryptUnit(key, tweak, Buffer.alloc(n))).toThrow(expect.objectContaining({ code: 'XTS.0003' }));
    }
    expect(xtsEncryptUnit(key, tweak, Buffer.alloc(16))).toHaveLength(16);
    expect(() => xtsEncryptUnit(key, tweak, Buffer.alloc(XTS_MAX_UNIT_BYTES + 16))).toThrow(expect.objectContaining({ code: 'XTS.0003' }));
  });

  it('refuses a tweak that is not 16 bytes (XTS.0005)', () => {
    for (const n of [0, 8, 15, 17, 32]) {
      expect(() => xtsEncryptUnit(key, Buffer.alloc(n), Buffer.alloc(32))).toThrow(expect.objectContaining({ code: 'XTS.0005' }));
    }
  });

  it('refuses bad keys in both directions (XTS.0001 length, XTS.0002 equal halves)', () => {
    const equal = Buffer.concat([key.subarray(0, 32), key.subarray(0, 32)]);
    expect(() => xtsEncryptUnit(key.subarray(0, 32), tweak, Buffer.alloc(32))).toThrow(expect.objectContaining({ code: 'XTS.0001' }));
    expect(() => xtsEncryptUnit(equal, tweak, Buffer.alloc(32))).toThrow(expect.objectContaining({ code: 'XTS.0002' }));
    expect(() => xtsDecryptUnit(equal, tweak, Buffer.alloc(32))).toThrow(expect.objectContaining({ code: 'XTS.0002' }));
  });
});
