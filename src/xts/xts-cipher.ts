/**
 * XTS-AES-256 sector encryption, compatible with dm-crypt's `aes-xts-plain64`.
 *
 * - The key is 64 bytes: key 1 (bytes 0..31) encrypts the data, key 2 (bytes
 *   32..63) encrypts the tweak. The halves must differ (XTS.0002), in both
 *   directions, although OpenSSL only refuses equal halves when encrypting.
 * - Each sector is one XTS data unit: one `createCipheriv('aes-256-xts')` and
 *   one `update()` per sector.
 * - The tweak of a sector is its number as a 64-bit little-endian integer,
 *   zero-padded to 16 bytes (`plain64`). For 4096-byte sectors the number
 *   counts 4096-byte units, as cryptsetup's `--iv-large-sectors` does.
 */
import { createCipheriv, createDecipheriv, timingSafeEqual } from 'node:crypto';
import { WorkbenchError } from '../errors/workbench-error.ts';

export type SectorSize = 512 | 4096;
export const SECTOR_SIZES: readonly SectorSize[] = [512, 4096];
export const XTS_KEY_BYTES = 64;
export const XTS_TWEAK_BYTES = 16;
/** The largest sector number a 64-bit `plain64` IV can carry. */
export const MAX_SECTOR_NUMBER = (1n << 64n) - 1n;

export type XtsDirection = 'encrypt' | 'decrypt';

/** Throws XTS.0001 unless the key is exactly 64 bytes, XTS.0002 if its two halves are equal. */
export function validateXtsKey(key: Buffer): void {
  const length = Buffer.isBuffer(key) ? key.length : -1;
  if (length !== XTS_KEY_BYTES) {
    throw new WorkbenchError({
      code: 'XTS.0001',
      message: length < 0 ? 'The XTS-AES-256 key is not a byte buffer.' : `The XTS-AES-256 key is ${length} bytes; it must be exactly ${XTS_KEY_BYTES} bytes.`,
      fix: 'Use a 512-bit data key: two 32-byte AES-256 keys back to back (the first encrypts the data, the second the tweak).',
      data: { length },
    });
  }
  const half = XTS_KEY_BYTES / 2;
  if (timingSafeEqual(key.subarray(0, half), key.subarray(half))) {
    throw new WorkbenchError({
      code: 'XTS.0002',
      message: 'The two halves of the XTS-AES-256 key are equal; XTS needs two different AES keys.',
      fix: 'Generate a fresh 64-byte data key from a secure random source; never build one by repeating a 32-byte key.',
    });
  }
}

/** Throws XTS.0004 unless the sector size is 512 or 4096 bytes. */
export function validateSectorSize(n: number): asserts n is SectorSize {
  if (n !== 512 && n !== 4096) {
    throw new WorkbenchError({
      code: 'XTS.0004',
      message: `Sector size ${String(n)} is not supported; XTS sectors are 512 or 4096 bytes.`,
      fix: 'Use a sector size of 512 or 4096 bytes.',
      data: { sectorSize: n },
    });
  }
}

/** Throws XTS.0005 unless `sector` fits the 64-bit sector number of a `plain64` IV. */
export function validateSectorNumber(sector: bigint, what = 'sector number'): void {
  if (typeof sector !== 'bigint' || sector < 0n || sector > MAX_SECTOR_NUMBER) {
    throw new WorkbenchError({
      code: 'XTS.0005',
      message: `The ${what} ${String(sector)} is outside 0..2^64-1, the range of a 64-bit plain64 IV.`,
      fix: 'Use a non-negative sector number below 2^64, and make sure the last sector of the range also fits.',
      data: { sector: String(sector) },
    });
  }
}

/** The 16-byte tweak of a sector: its number as a 64-bit little-endian integer, zero-padded (dm-crypt `plain64`). */
export function tweakForSector(sector: bigint): Buffer {
  validateSectorNumber(sector);
  const tweak = Buffer.alloc(XTS_TWEAK_BYTES);
  tweak.writeBigUInt64LE(sector, 0);
  return tweak;
}

/**
 * Encrypts or decrypts whole sectors; sector `i` of `input` is sector number
 * `firstSector + i`. Writes into `output` when given (same length as `input`,
 * may not overlap it) and returns the result.
 */
export function cryptSectors(
  direction: XtsDirection,
  key: Buffer,
  input: Buffer,
  firstSector: bigint,
  sectorSize: SectorSize,
  output?: Buffer,
): Buffer {
  if (direction !== 'encrypt' && direction !== 'decrypt') throw new TypeError(`direction must be 'encrypt' or 'decrypt', got ${String(direction)}`);
  validateXtsKey(key);
  validateSectorSize(sectorSize);
  if (input.length % sectorSize !== 0) {
    throw new WorkbenchError({
      code: 'XTS.0003',
      message: `The input is ${input.length} bytes, not a whole number of ${sectorSize}-byte sectors (${input.length % sectorSize} bytes left over).`,
      fix: `Pass a multiple of ${sectorSize} bytes; a disk image must be a whole number of sectors.`,
      data: { length: input.length, sectorSize },
    });
  }
  const count = input.length / sectorSize;
  validateSectorNumber(firstSector, 'first sector');
  if (count > 0) validateSectorNumber(firstSector + BigInt(count - 1), 'last sector');
  const out = output ?? Buffer.allocUnsafe(input.length);
  if (out.length !== input.length) throw new RangeError(`output is ${out.length} bytes, input ${input.length}`);
  const tweak = Buffer.alloc(XTS_TWEAK_BYTES);
  for (let i = 0; i < count; i++) {
    tweak.writeBigUInt64LE(firstSector + BigInt(i), 0);
    const start = i * sectorSize;
    const cipher = direction === 'encrypt' ? createCipheriv('aes-256-xts', key, tweak) : createDecipheriv('aes-256-xts', key, tweak);
    const done = cipher.update(input.subarray(start, start + sectorSize));
    const tail = cipher.final();
    done.copy(out, start);
    if (tail.length > 0) tail.copy(out, start + done.length);
  }
  return out;
}

/** Encrypts whole sectors as dm-crypt `aes-xts-plain64` does; `plaintext.length` must be a multiple of `sectorSize` (XTS.0003). */
export function encryptSectors(key: Buffer, plaintext: Buffer, firstSector: bigint, sectorSize: SectorSize): Buffer {
  return cryptSectors('encrypt', key, plaintext, firstSector, sectorSize);
}

/** Decrypts whole sectors written by `encryptSectors` or dm-crypt `aes-xts-plain64`. */
export function decryptSectors(key: Buffer, ciphertext: Buffer, firstSector: bigint, sectorSize: SectorSize): Buffer {
  return cryptSectors('decrypt', key, ciphertext, firstSector, sectorSize);
}
