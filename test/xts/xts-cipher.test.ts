import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decryptSectors,
  encryptSectors,
  MAX_SECTOR_NUMBER,
  tweakForSector,
  validateSectorSize,
  validateXtsKey,
  XTS_KEY_BYTES,
  type SectorSize,
} from '../../src/xts/xts-cipher.ts';
import { xtsEncryptUnit } from '../../src/xts/xts-unit.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';
import { ieeeVectors } from './known-answers.ts';

const code = (c: string): unknown => expect.objectContaining({ code: c });
const rng = new SeededRandom(1619);
const key = rng.bytes(64);

describe('IEEE 1619-2007 vectors 10-14 as dm-crypt sectors (512-byte sector = data unit, sector number = sequence number)', () => {
  it.each(ieeeVectors().map((v) => [v.vector, v] as const))('vector %i', (_n, v) => {
    expect(encryptSectors(v.key, v.plaintext, v.sequenceNumber, 512).toString('hex')).toBe(v.ciphertext.toString('hex'));
    expect(decryptSectors(v.key, v.ciphertext, v.sequenceNumber, 512).toString('hex')).toBe(v.plaintext.toString('hex'));
  });

  it('finds the known sector in the middle of a three-sector run (tweaks count up from firstSector)', () => {
    for (const v of ieeeVectors()) {
      const filler = rng.bytes(512);
      const image = Buffer.concat([filler, v.plaintext, filler]);
      const encrypted = encryptSectors(v.key, image, v.sequenceNumber - 1n, 512);
      expect(encrypted.subarray(512, 1024).equals(v.ciphertext)).toBe(true);
      expect(encrypted.subarray(0, 512).equals(encrypted.subarray(1024))).toBe(false);
    }
  });
});

describe('tweakForSector (plain64)', () => {
  it('is the sector number as 64-bit little-endian, zero-padded to 16 bytes', () => {
    expect(tweakForSector(0n).toString('hex')).toBe('00'.repeat(16));
    expect(tweakForSector(0xffn).toString('hex')).toBe('ff' + '00'.repeat(15));
    expect(tweakForSector(0x0102030405060708n).toString('hex')).toBe('0807060504030201' + '00'.repeat(8));
    expect(tweakForSector(MAX_SECTOR_NUMBER).toString('hex')).toBe('ff'.repeat(8) + '00'.repeat(8));
  });

  it('refuses sector numbers outside 0..2^64-1 (XTS.0005)', () => {
    expect(() => tweakForSector(-1n)).toThrow(code('XTS.0005'));
    expect(() => tweakForSector(MAX_SECTOR_NUMBER + 1n)).toThrow(code('XTS.0005'));
  });
});

describe('4096-byte sectors (cryptsetup --iv-large-sectors)', () => {
  it('uses the 4096-byte sector number as the tweak, not the 512-byte one', () => {
    const data = rng.bytes(4096 * 3);
    const encrypted = encryptSectors(key, data, 10n, 4096);
    for (let i = 0; i < 3; i++) {
      const sector = data.subarray(i * 4096, (i + 1) * 4096);
      const expected = xtsEncryptUnit(key, tweakForSector(10n + BigInt(i)), sector);
      const smallUnits = xtsEncryptUnit(key, tweakForSector((10n + BigInt(i)) * 8n), sector);
      expect(encrypted.subarray(i * 4096, (i + 1) * 4096).equals(expected)).toBe(true);
      expect(expected.equals(smallUnits)).toBe(false);
    }
  });
});

describe('validation', () => {
  it('accepts only 512 and 4096 as sector sizes (XTS.0004)', () => {
    expect(() => validateSectorSize(512)).not.toThrow();
    expect(() => validateSectorSize(4096)).not.toThrow();
    for (const n of [0, 1, 511, 513, 1024, 2048, 8192, Number.NaN]) expect(() => validateSectorSize(n)).toThrow(code('XTS.0004'));
    expect(() => encryptSectors(key, Buffer.alloc(1024), 0n, 1024 as SectorSize)).toThrow(code('XTS.0004'));
  });

  it('refuses keys that are not 64 bytes (XTS.0001) without echoing key bytes', () => {
    for (const n of [0, 16, 32, 48, 63, 65, 128]) {
      const bad = rng.bytes(n);
      expect(() => validateXtsKey(bad)).toThrow(code('XTS.0001'));
      expect(() => encryptSectors(bad, Buffer.alloc(512), 0n, 512)).toThrow(code('XTS.0001'));
      expect(() => decryptSectors(bad, Buffer.alloc(512), 0n, 512)).toThrow(code('XTS.0001'));
    }
    expect(XTS_KEY_BYTES).toBe(64);
  });

  it('refuses equal key halves for encryption and decryption alike (XTS.0002), though OpenSSL would decrypt', () => {
    const half = rng.bytes(32);
    const equal = Buffer.concat([half, half]);
    expect(() => validateXtsKey(equal)).toThrow(code('XTS.0002'));
    expect(() => encryptSectors(equal, Buffer.alloc(512), 0n, 512)).toThrow(code('XTS.0002'));
    expect(() => decryptSectors(equal, Buffer.alloc(512), 0n, 512)).toThrow(code('XTS.0002'));
    try {
      validateXtsKey(equal);
    } catch (e) {
      expect(JSON.stringify(e)).not.toContain(half.toString('hex'));
    }
    const differsInLastByte = Buffer.from(equal);
    differsInLastByte[63] = (differsInLastByte[63] ?? 0) ^ 1;
    expect(() => validateXtsKey(differsInLastByte)).not.toThrow();
  });

  it('refuses input that is not a whole number of sectors (XTS.0003)', () => {
    for (const [n, size] of [[1, 512], [511, 512], [513, 512], [4095, 4096], [512, 4096], [4097, 4096]] as const) {
      expect(() => encryptSectors(key, Buffer.alloc(n), 0n, size)).toThrow(code('XTS.0003'));
      expect(() => decryptSectors(key, Buffer.alloc(n), 0n, size)).toThrow(code('XTS.0003'));
    }
    expect(encryptSectors(key, Buffer.alloc(0), 0n, 512)).toHaveLength(0);
  });

  it('refuses a run whose first or last sector number does not fit 64 bits (XTS.0005)', () => {
    expect(() => encryptSectors(key, Buffer.alloc(512), -1n, 512)).toThrow(code('XTS.0005'));
    expect(encryptSectors(key, Buffer.alloc(512), MAX_SECTOR_NUMBER, 512)).toHaveLength(512);
    expect(() => encryptSectors(key, Buffer.alloc(1024), MAX_SECTOR_NUMBER, 512)).toThrow(code('XTS.0005'));
  });
});

describe('properties', () => {
  const distinctHalvesKey = fc.uint8Array({ minLength: 64, maxLength: 64 }).filter((k) => !Buffer.from(k.subarray(0, 32)).equals(Buffer.from(k.subarray(32)))).map((k) => Buffer.from(k));
  const sectorSize = fc.constantFrom<SectorSize>(512, 4096);
  const run = fc
    .record({ key: distinctHalvesKey, size: sectorSize, count: fc.integer({ min: 0, max: 6 }), seed: fc.integer(), first: fc.bigInt({ min: 0n, max: MAX_SECTOR_NUMBER - 8n }) })
    .map(({ key, size, count, seed, first }) => ({ key, size, first, data: new SeededRandom(seed).bytes(size * count) }));

  it('decrypt(encrypt(x)) = x, length kept, every sector changed', () => {
    fc.assert(
      fc.property(run, ({ key, size, first, data }) => {
        const encrypted = encryptSectors(key, data, first, size);
        expect(encrypted).toHaveLength(data.length);
        expect(decryptSectors(key, encrypted, first, size).equals(data)).toBe(true);
        for (let o = 0; o < data.length; o += size) expect(encrypted.subarray(o, o + size).equals(data.subarray(o, o + size))).toBe(false);
      }),
      { seed: 20070419, numRuns: 60 },
    );
  });

  it('a run of sectors is each sector encrypted alone under its own number (sectors are independent)', () => {
    fc.assert(
      fc.property(run, ({ key, size, first, data }) => {
        const whole = encryptSectors(key, data, first, size);
        for (let i = 0; i * size < data.length; i++) {
          const alone = encryptSectors(key, data.subarray(i * size, (i + 1) * size), first + BigInt(i), size);
          expect(whole.subarray(i * size, (i + 1) * size).equals(alone)).toBe(true);
        }
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('the same plaintext sector encrypts differently at different sector numbers, and decrypts wrongly at the wrong one', () => {
    fc.assert(
      fc.property(distinctHalvesKey, sectorSize, fc.bigInt({ min: 0n, max: MAX_SECTOR_NUMBER - 1n }), fc.bigInt({ min: 1n, max: 1n << 40n }), (k, size, a, delta) => {
        const b = a + delta > MAX_SECTOR_NUMBER ? a - delta : a + delta;
        fc.pre(b >= 0n && b !== a);
        const sector = Buffer.alloc(size, 0x42);
        const atA = encryptSectors(k, sector, a, size);
        expect(atA.equals(encryptSectors(k, sector, b, size))).toBe(false);
        expect(decryptSectors(k, atA, b, size).equals(sector)).toBe(false);
      }),
      { seed: 7, numRuns: 40 },
    );
  });
});
