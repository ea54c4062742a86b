import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { RandomSource } from '../rng/random-source.ts';
import { dataKeyAad } from './encryption-context.ts';
import type { EncryptionContext } from './kms-types.ts';

/**
 * Envelope format of a data key wrapped under a CMK:
 *
 *   0x01 | iv (12) | tag (16) | AES-256-GCM(ciphertext of the DK)
 *
 * AAD = 0x01 || canonical JSON of `{ context, keyId }`, so a wrapped DK only
 * opens under the same CMK, for the same context (e.g. the same disk).
 */
export const ENVELOPE_VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export type OpenResult = { readonly ok: true; readonly plaintext: Buffer } | { readonly ok: false; readonly reason: string };

function aad(keyId: string, context: EncryptionContext): Buffer {
  return Buffer.concat([Buffer.from([ENVELOPE_VERSION]), Buffer.from(dataKeyAad(keyId, context), 'utf8')]);
}

/** Wraps `plaintext` under the CMK `material` (32 bytes); a fresh IV from `random`. */
export function sealDataKey(material: Buffer, keyId: string, context: EncryptionContext, plaintext: Buffer, random: RandomSource): Buffer {
  const iv = random.bytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', material, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(keyId, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([ENVELOPE_VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/**
 * Opens a wrapped DK. Never returns unauthenticated plaintext: on any
 * failure the partial output is zeroed and the reason returned.
 */
export function openDataKey(material: Buffer, keyId: string, context: EncryptionContext, wrapped: unknown, expectedBytes: number): OpenResult {
  if (!Buffer.isBuffer(wrapped)) return { ok: false, reason: 'the wrapped value is not a Buffer' };
  if (wrapped.length !== HEADER_BYTES + expectedBytes) {
    return { ok: false, reason: `it is ${wrapped.length} bytes, a version-${ENVELOPE_VERSION} wrapped data key is ${HEADER_BYTES + expectedBytes}` };
  }
  if (wrapped[0] !== ENVELOPE_VERSION) return { ok: false, reason: `unknown format version ${wrapped[0] ?? '?'}` };
  const decipher = createDecipheriv('aes-256-gcm', material, wrapped.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(keyId, context));
  decipher.setAuthTag(wrapped.subarray(1 + IV_BYTES, HEADER_BYTES));
  const plaintext = decipher.update(wrapped.subarray(HEADER_BYTES));
  try {
    decipher.final();
  } catch {
    plaintext.fill(0);
    return { ok: false, reason: 'authentication failed (tampered, wrapped under another key, or another encryption context)' };
  }
  return { ok: true, plaintext };
}
