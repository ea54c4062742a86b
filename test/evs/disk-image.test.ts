import { execFileSync } from 'node:child_process';
import { createDecipheriv } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSparseImage, readRange, transcodeImage, writeRange } from '../../src/evs/disk-image.ts';
import type { DiskSectorSize } from '../../src/evs/types.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';
import { decryptSectors } from '../../src/xts/xts-cipher.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'evs-image-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const random = new SeededRandom(7);
const hasPythonCryptography = (() => {
  try {
    execFileSync('python3', ['-c', 'import cryptography.hazmat.primitives.ciphers'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dk = random.bytes(64);

describe.each([512, 4096] as const)('sector I/O with %i-byte sectors', (ss: DiskSectorSize) => {
  const size = ss * 16;

  it('a fresh sparse image reads back as zeros, encrypted or not, and takes no blocks', () => {
    const path = join(dir, 'd.img');
    createSparseImage(path, size);
    expect(statSync(path).size).toBe(size);
    expect(readRange(path, ss, dk, 0, size).equals(Buffer.alloc(size))).toBe(true);
    expect(readRange(path, ss, null, 0, size).equals(Buffer.alloc(size))).toBe(true);
  });

  it('round-trips writes at unaligned offsets that cross sector boundaries', () => {
    const path = join(dir, 'd.img');
    createSparseImage(path, size);
    const model = Buffer.alloc(size);
    const writes: Array<[number, number]> = [
      [ss - 3, 7], // across the first boundary
      [1, 2], // inside one sector
      [3 * ss + 100, 2 * ss + 50], // spans 3 sectors, both ends partial
      [5 * ss, ss], // exactly one aligned sector
      [size - 5, 5], // the very end
    ];
    for (const [offset, length] of writes) {
      const data = random.bytes(length);
      writeRange(path, ss, dk, offset, data);
      data.copy(model, offset);
      expect(readRange(path, ss, dk, offset, length).equals(data)).toBe(true);
    }
    expect(readRange(path, ss, dk, 0, size).equals(model)).toBe(true);
    expect(readRange(path, ss, dk, ss - 10, 20).equals(model.subarray(ss - 10, ss + 10))).toBe(true);
  });

  it('stores aes-xts-plain64 ciphertext: different from the plaintext, decryptable with decryptSectors and the DK', () => {
    const path = join(dir, 'd.img');
    createSparseImage(path, size);
    const data = random.bytes(3 * ss);
    writeRange(path, ss, dk, 2 * ss, data);
    const stored = readFileSync(path);
    const cipher = stored.subarray(2 * ss, 5 * ss);
    expect(cipher.equals(data)).toBe(false);
    expect(stored.includes(data.subarray(0, 32))).toBe(false);
    expect(decryptSectors(dk, cipher, 2n, ss).equals(data)).toBe(true);
    // Independently of the xts module: OpenSSL aes-256-xts, tweak = sector number (LE64, zero padded).
    const tweak = Buffer.alloc(16);
    tweak.writeBigUInt64LE(3n, 0);
    const decipher = createDecipheriv('aes-256-xts', dk, tweak);
    const sector3 = Buffer.concat([decipher.update(stored.subarray(3 * ss, 4 * ss)), decipher.final()]);
    expect(sector3.equals(data.subarray(ss, 2 * ss))).toBe(true);
    // Unwritten sectors stay holes (zeros on disk), written zeros do not.
    expect(stored.subarray(0, 2 * ss).equals(Buffer.alloc(2 * ss))).toBe(true);
  });

  it.skipIf(!hasPythonCryptography)('an independent XTS implementation (Python cryptography) decrypts the image file with the DK', () => {
    const path = join(dir, 'd.img');
    createSparseImage(path, size);
    const data = random.bytes(4 * ss);
    writeRange(path, ss, dk, 7 * ss, data);
    // The DK goes through stdin, never through a file.
    const script = [
      'import sys',
      'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes',
      'key = bytes.fromhex(sys.stdin.readline().strip())',
      'path, ss, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])',
      'raw = open(path, "rb").read()',
      'out = b""',
      'for n in range(first, first + count):',
      '    d = Cipher(algorithms.AES(key), modes.XTS(n.to_bytes(16, "little"))).decryptor()',
      '    out += d.update(raw[n * ss:(n + 1) * ss]) + d.finalize()',
      'sys.stdout.write(out.hex())',
    ].join('\n');
    const hex = execFileSync('python3', ['-c', script, path, String(ss), '7', '4'], { input: `${dk.toString('hex')}\n` }).toString();
    expect(Buffer.from(hex, 'hex').equals(data)).toBe(true);
  });

  it('unencrypted images store the plaintext as is', () => {
    const path = join(dir, 'd.img');
    createSparseImage(path, size);
    const data = random.bytes(ss + 9);
    writeRange(path, ss, null, 11, data);
    expect(readFileSync(path).subarray(11, 11 + data.length).equals(data)).toBe(true);
  });

  it('transcodes between encryptions preserving data and holes', () => {
    const src = join(dir, 'src.img');
    createSparseImage(src, size);
    const data = random.bytes(2 * ss);
    writeRange(src, ss, dk, 4 * ss + 1, data);
    const other = random.bytes(64);
    transcodeImage(src, join(dir, 'plain.img'), size, ss, dk, null);
    transcodeImage(src, join(dir, 'other.img'), size, ss, dk, other);
    transcodeImage(src, join(dir, 'copy.img'), size, ss, null, null);
    expect(readRange(join(dir, 'plain.img'), ss, null, 4 * ss + 1, data.length).equals(data)).toBe(true);
    expect(readRange(join(dir, 'other.img'), ss, other, 4 * ss + 1, data.length).equals(data)).toBe(true);
    expect(readFileSync(join(dir, 'copy.img')).equals(readFileSync(src))).toBe(true);
    const otherBytes = readFileSync(join(dir, 'other.img'));
    expect(otherBytes.subarray(0, 4 * ss).equals(Buffer.alloc(4 * ss))).toBe(true);
    expect(otherBytes.subarray(4 * ss, 7 * ss).equals(readFileSync(src).subarray(4 * ss, 7 * ss))).toBe(false);
  });

  it('agrees with a byte-array model under random writes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(size - 1), fc.nat(2 * ss + 3), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (ops, encrypted) => {
          const path = join(dir, `p-${random.int(1e9)}.img`);
          createSparseImage(path, size);
          const model = Buffer.alloc(size);
          const key = encrypted ? dk : null;
          for (const [offset, rawLength, fill] of ops) {
            const length = Math.min(rawLength, size - offset);
            const data = Buffer.alloc(length, fill);
            writeRange(path, ss, key, offset, data);
            data.copy(model, offset);
          }
          const same = readRange(path, ss, key, 0, size).equals(model);
          rmSync(path, { force: true });
          return same;
        },
      ),
      { numRuns: 25, seed: 1 },
    );
  });
});
