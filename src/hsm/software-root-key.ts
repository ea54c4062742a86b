import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../errors/workbench-error.ts';
import type { RandomSource } from '../rng/random-source.ts';
import {
  decodeWrapped,
  effectiveAad,
  encodeWrapped,
  rootKeyClosed,
  unwrapFailed,
  WRAP_IV_BYTES,
  WRAP_TAG_BYTES,
  type RootKey,
} from './root-key.ts';

export const ROOT_KEY_FILE = 'root-key.bin';
const KEY_BYTES = 32;

/**
 * A root key kept in `<dir>/root-key.bin` (32 bytes, mode 0600), created on
 * first use from the injected random source. For development and CI only:
 * the key is in the file system, not in an HSM.
 */
export function openSoftwareRootKey(dir: string, random: RandomSource): RootKey {
  const file = join(dir, ROOT_KEY_FILE);
  const key = loadOrCreateKeyFile(dir, file, random);
  const id = `software:${createHash('sha256').update('evs-workbench/root-key-id/v1').update(key).digest('hex').slice(0, 16)}`;
  return new SoftwareRootKey(key, id, random);
}

class SoftwareRootKey implements RootKey {
  readonly kind = 'software';
  private closed = false;

  constructor(
    private readonly key: Buffer,
    readonly id: string,
    private readonly random: RandomSource,
  ) {}

  wrap(material: Buffer, aad: Buffer): Buffer {
    this.ensureOpen();
    const iv = this.random.bytes(WRAP_IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: WRAP_TAG_BYTES });
    cipher.setAAD(effectiveAad(aad));
    const ciphertext = Buffer.concat([cipher.update(material), cipher.final()]);
    return encodeWrapped({ iv, tag: cipher.getAuthTag(), ciphertext });
  }

  unwrap(wrapped: Buffer, aad: Buffer): Buffer {
    this.ensureOpen();
    const { iv, tag, ciphertext } = decodeWrapped(wrapped, this.id);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: WRAP_TAG_BYTES });
    decipher.setAAD(effectiveAad(aad));
    decipher.setAuthTag(tag);
    const plaintext = decipher.update(ciphertext);
    try {
      decipher.final();
    } catch (cause) {
      plaintext.fill(0); // never hand out (or leave around) unauthenticated plaintext
      throw unwrapFailed(this.id, cause);
    }
    return plaintext;
  }

  close(): void {
    this.key.fill(0);
    this.closed = true;
  }

  private ensureOpen(): void {
    if (this.closed) throw rootKeyClosed(this.id);
  }
}

function loadOrCreateKeyFile(dir: string, file: string, random: RandomSource): Buffer {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const existing = readIfExists(file);
    if (existing !== null) return checkKeyFile(file, existing);
    const key = random.bytes(KEY_BYTES);
    try {
      writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      key.fill(0);
      if (isErrno(e, 'EEXIST')) return checkKeyFile(file, readFileSync(file)); // created concurrently
      throw e;
    }
    chmodSync(file, 0o600);
    return key;
  } catch (cause) {
    if (cause instanceof WorkbenchError) throw cause;
    throw new WorkbenchError({
      code: 'HSM.0001',
      message: `cannot read or create the software root key ${file}: ${cause instanceof Error ? cause.message : String(cause)}.`,
      fix: 'Check that the workspace folder exists and is writable by this user; the root key file is created there on first use.',
      data: { file },
      cause,
    });
  }
}

function checkKeyFile(file: string, key: Buffer): Buffer {
  if (key.length !== KEY_BYTES) {
    key.fill(0);
    throw new WorkbenchError({
      code: 'HSM.0001',
      message: `the software root key ${file} has ${key.length} bytes instead of ${KEY_BYTES}; it is corrupt.`,
      fix: 'Restore root-key.bin from a backup. Do not delete it: every CMK of this workspace is wrapped under it and would be lost.',
      data: { file, bytes: key.length },
    });
  }
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    key.fill(0);
    throw new WorkbenchError({
      code: 'HSM.0001',
      message: `the software root key ${file} is accessible to other users (mode ${mode.toString(8)}).`,
      fix: `Restrict it to its owner: chmod 600 ${file}`,
      data: { file, mode },
    });
  }
  return key;
}

function readIfExists(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return null;
    throw e;
  }
}

function isErrno(e: unknown, code: string): boolean {
  return e instanceof Error && (e as NodeJS.ErrnoException).code === code;
}
