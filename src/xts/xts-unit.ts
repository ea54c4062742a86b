/**
 * XTS-AES-256 on one data unit of any length from 16 bytes to 2^20 blocks,
 * with ciphertext stealing when the length is not a multiple of 16. This is
 * the level the standards' known-answer tests (IEEE 1619, NIST XTSVS) work
 * at; disks use `encryptSectors`/`decryptSectors`, one data unit per sector.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { WorkbenchError } from '../errors/workbench-error.ts';
import { validateXtsKey, XTS_TWEAK_BYTES, type XtsDirection } from './xts-cipher.ts';

/** The shortest data unit XTS can process: one AES block. */
export const XTS_MIN_UNIT_BYTES = 16;
/** The longest: 2^20 AES blocks (IEEE 1619-2018 and NIST SP 800-38E). */
export const XTS_MAX_UNIT_BYTES = 16 * 2 ** 20;

function validateUnit(tweak: Buffer, data: Buffer): void {
  if (!Buffer.isBuffer(tweak) || tweak.length !== XTS_TWEAK_BYTES) {
    throw new WorkbenchError({
      code: 'XTS.0005',
      message: `The XTS tweak is ${Buffer.isBuffer(tweak) ? `${tweak.length} bytes` : 'not a byte buffer'}; it must be exactly ${XTS_TWEAK_BYTES} bytes.`,
      fix: 'Pass a 16-byte tweak, for example tweakForSector(n) for sector n.',
      data: { length: Buffer.isBuffer(tweak) ? tweak.length : -1 },
    });
  }
  if (data.length < XTS_MIN_UNIT_BYTES || data.length > XTS_MAX_UNIT_BYTES) {
    throw new WorkbenchError({
      code: 'XTS.0003',
      message: `An XTS data unit of ${data.length} bytes cannot be processed; it must be ${XTS_MIN_UNIT_BYTES} bytes to 16 MiB.`,
      fix: 'Encrypt at least one 16-byte block per data unit and at most 2^20 blocks; split longer data into sectors.',
      data: { length: data.length },
    });
  }
}

function cryptUnit(direction: XtsDirection, key: Buffer, tweak: Buffer, data: Buffer): Buffer {
  validateXtsKey(key);
  validateUnit(tweak, data);
  const cipher = direction === 'encrypt' ? createCipheriv('aes-256-xts', key, tweak) : createDecipheriv('aes-256-xts', key, tweak);
  const done = cipher.update(data);
  const tail = cipher.final();
  return tail.length === 0 ? done : Buffer.concat([done, tail]);
}

/** Encrypts one data unit (16 bytes to 16 MiB) under a 16-byte tweak. */
export function xtsEncryptUnit(key: Buffer, tweak: Buffer, data: Buffer): Buffer {
  return cryptUnit('encrypt', key, tweak, data);
}

/** Decrypts one data unit (16 bytes to 16 MiB) under a 16-byte tweak. */
export function xtsDecryptUnit(key: Buffer, tweak: Buffer, data: Buffer): Buffer {
  return cryptUnit('decrypt', key, tweak, data);
}
