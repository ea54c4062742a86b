import { WorkbenchError } from '../errors/workbench-error.ts';

/**
 * The root key of the KMS: an AES-256 key that never leaves its protection
 * boundary (a key file for the software backend, a PKCS#11 token for the HSM
 * backend). It only wraps and unwraps small secrets (CMK material).
 */
export interface RootKey {
  readonly kind: 'software' | 'pkcs11';
  /** Non-secret identifier (a fingerprint for the software key, a PKCS#11 URI for the token key). */
  readonly id: string;
  /** AES-256-GCM under the root key; output is self-describing (see {@link encodeWrapped}). */
  wrap(material: Buffer, aad: Buffer): Buffer;
  /** Inverse of wrap; HSM.0002 when authentication fails (tampered, other key, other AAD). */
  unwrap(wrapped: Buffer, aad: Buffer): Buffer;
  /** Releases the key (zeroes it, or closes the token session). Idempotent. */
  close(): void;
}

/** Version byte of the wrapped format: `0x01 | iv (12) | tag (16) | ciphertext`. */
export const WRAP_VERSION = 0x01;
export const WRAP_IV_BYTES = 12;
export const WRAP_TAG_BYTES = 16;
const HEADER_BYTES = 1 + WRAP_IV_BYTES + WRAP_TAG_BYTES;

export interface WrappedParts {
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

export function encodeWrapped(parts: WrappedParts): Buffer {
  return Buffer.concat([Buffer.from([WRAP_VERSION]), parts.iv, parts.tag, parts.ciphertext]);
}

/** Splits a wrapped value; HSM.0002 when it is not in the version-1 format. */
export function decodeWrapped(wrapped: Buffer, rootKeyId: string): WrappedParts {
  if (!Buffer.isBuffer(wrapped) || wrapped.length <= HEADER_BYTES || wrapped[0] !== WRAP_VERSION) {
    throw new WorkbenchError({
      code: 'HSM.0002',
      message: `the value to unwrap under root key ${rootKeyId} is not a version-${WRAP_VERSION} wrapped key (${Buffer.isBuffer(wrapped) ? `${wrapped.length} bytes, version byte ${wrapped[0] ?? 'missing'}` : 'not a Buffer'}).`,
      fix: 'Pass the exact bytes returned by wrap(); the stored value is truncated or corrupt, so restore it from a backup.',
      data: { rootKeyId },
    });
  }
  return {
    iv: wrapped.subarray(1, 1 + WRAP_IV_BYTES),
    tag: wrapped.subarray(1 + WRAP_IV_BYTES, HEADER_BYTES),
    ciphertext: wrapped.subarray(HEADER_BYTES),
  };
}

/**
 * The AAD actually authenticated: the version byte, then the caller's AAD.
 * Binding the version means a value cannot be replayed under another format.
 */
export function effectiveAad(aad: Buffer): Buffer {
  return Buffer.concat([Buffer.from([WRAP_VERSION]), aad]);
}

export function unwrapFailed(rootKeyId: string, cause?: unknown): WorkbenchError {
  return new WorkbenchError({
    code: 'HSM.0002',
    message: `unwrapping under root key ${rootKeyId} failed authentication: the wrapped value was tampered with, was wrapped under another root key, or is bound to another AAD.`,
    fix: 'Open the KMS with the root key that wrapped this value (same root-key.bin or same HSM token and key label) and pass the same AAD (the key id).',
    data: { rootKeyId },
    cause,
  });
}

export function rootKeyClosed(rootKeyId: string): WorkbenchError {
  return new WorkbenchError({
    code: 'HSM.0001',
    message: `root key ${rootKeyId} is closed.`,
    fix: 'Open the root key again (openSoftwareRootKey or openPkcs11RootKey) before using it.',
    data: { rootKeyId },
  });
}
