import { readFileSync } from 'node:fs';

/**
 * Byte-level checks on what the implementation stores and returns: a read
 * must equal the plaintext written; the file of an unencrypted disk or copy
 * must be that plaintext; the file of an encrypted one must not contain any
 * 16-byte block of it (an XTS block that equals its plaintext by chance has
 * probability 2^-128).
 */
const BLOCK = 16;

/** Null when equal, else where the first difference is. */
export function compareBytes(what: string, expected: Buffer, got: Buffer): string | null {
  if (got.length !== expected.length) return `${what}: expected ${expected.length} bytes, got ${got.length}`;
  const i = expected.findIndex((b, k) => got[k] !== b);
  if (i < 0) return null;
  let differing = 0;
  for (let k = i; k < expected.length; k++) if (got[k] !== expected[k]) differing++;
  return `${what}: differs from the plaintext written at byte ${i} (expected 0x${hex(expected[i])}, got 0x${hex(got[i])}; ${differing} byte(s) differ)`;
}

function hex(b: number | undefined): string {
  return (b ?? 0).toString(16).padStart(2, '0');
}

/** The file's bytes, zero-padded (a sparse image may be shorter than the disk) to `sizeBytes`. */
export function readStored(path: string, sizeBytes: number): Buffer {
  const raw = readFileSync(path);
  if (raw.length >= sizeBytes) return raw;
  const out = Buffer.alloc(sizeBytes);
  raw.copy(out);
  return out;
}

/** The aligned 16-byte blocks of `plaintext` that are not all zero (holes are zeros on any disk). */
function dataBlocks(plaintext: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let o = 0; o + BLOCK <= plaintext.length; o += BLOCK) {
    const b = plaintext.subarray(o, o + BLOCK);
    if (b.some((x) => x !== 0)) out.push(b);
  }
  return out;
}

/**
 * Null when the stored file fits the attribute: the exact plaintext for an
 * unencrypted disk or copy; for an encrypted one, no 16-byte block of the
 * plaintext anywhere in the file (at any 16-byte alignment) and not all
 * zeros where data was written.
 */
export function checkStoredFile(what: string, path: string, plaintext: Buffer, encrypted: boolean): string | null {
  const stored = readStored(path, plaintext.length);
  if (!encrypted) return compareBytes(`${what} (unencrypted, so the file must be the plaintext)`, plaintext, stored.subarray(0, plaintext.length));
  const blocks = dataBlocks(plaintext);
  if (blocks.length === 0) return null;
  const seen = new Set<string>();
  for (let o = 0; o + BLOCK <= stored.length; o += BLOCK) seen.add(stored.subarray(o, o + BLOCK).toString('hex'));
  const leaked = blocks.filter((b) => seen.has(b.toString('hex')));
  if (leaked.length > 0) {
    const at = plaintext.indexOf(leaked[0] ?? Buffer.alloc(0));
    return `${what} is encrypted, but its file holds ${leaked.length} of the ${blocks.length} plaintext blocks written (the first one written at byte ${at})`;
  }
  const nonZero = stored.some((x) => x !== 0);
  if (!nonZero) return `${what} is encrypted, but its file is all zeros: the data written is not stored`;
  return null;
}
