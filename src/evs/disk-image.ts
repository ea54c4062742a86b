import { closeSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { decryptSectors, encryptSectors } from '../xts/xts-cipher.ts';
import type { DiskSectorSize } from './types.ts';

/**
 * Sector I/O on a disk's sparse image file. Encrypted disks store dm-crypt
 * `aes-xts-plain64` ciphertext (sector n at byte n * sectorSize, tweak n), so
 * the file plus the data key opens with any standard XTS implementation.
 * Thin provisioning: a stored sector that is all zeros (a hole, never
 * written) reads back as zeros, for encrypted disks too.
 */

const CHUNK_BYTES = 1 << 20;
const ZERO = Buffer.alloc(4096);

function isZeroSector(buf: Buffer, index: number, sectorSize: number): boolean {
  const start = index * sectorSize;
  return buf.compare(ZERO, 0, sectorSize, start, start + sectorSize) === 0;
}

function readFully(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) {
    const n = readSync(fd, buf, done, buf.length - done, position + done);
    if (n === 0) break; // past the end of file: the rest stays zero
    done += n;
  }
}

function writeFully(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, position + done);
}

/** Creates a sparse image of `sizeBytes` (all holes) and makes it durable. */
export function createSparseImage(path: string, sizeBytes: number): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    ftruncateSync(fd, sizeBytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Stored sectors → plaintext. Holes stay zeros; other runs of sectors are decrypted with `dk` (if any). */
export function decodeSectors(raw: Buffer, firstSector: number, sectorSize: DiskSectorSize, dk: Buffer | null): Buffer {
  if (dk === null) return raw;
  const out = Buffer.alloc(raw.length);
  const count = raw.length / sectorSize;
  let i = 0;
  while (i < count) {
    if (isZeroSector(raw, i, sectorSize)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < count && !isZeroSector(raw, j, sectorSize)) j++;
    decryptSectors(dk, raw.subarray(i * sectorSize, j * sectorSize), BigInt(firstSector + i), sectorSize).copy(out, i * sectorSize);
    i = j;
  }
  return out;
}

/** Plaintext sectors → stored bytes (XTS ciphertext with `dk`, or the plaintext itself). */
export function encodeSectors(plain: Buffer, firstSector: number, sectorSize: DiskSectorSize, dk: Buffer | null): Buffer {
  return dk === null ? plain : encryptSectors(dk, plain, BigInt(firstSector), sectorSize);
}

function readSectorRun(fd: number, first: number, count: number, sectorSize: DiskSectorSize, dk: Buffer | null): Buffer {
  const raw = Buffer.alloc(count * sectorSize);
  readFully(fd, raw, first * sectorSize);
  return decodeSectors(raw, first, sectorSize, dk);
}

/** Reads `length` plaintext bytes at any byte `offset` (the range is checked by the caller). */
export function readRange(path: string, sectorSize: DiskSectorSize, dk: Buffer | null, offset: number, length: number): Buffer {
  if (length === 0) return Buffer.alloc(0);
  const first = Math.floor(offset / sectorSize);
  const end = Math.ceil((offset + length) / sectorSize);
  const fd = openSync(path, 'r');
  try {
    const plain = readSectorRun(fd, first, end - first, sectorSize, dk);
    const start = offset - first * sectorSize;
    return Buffer.from(plain.subarray(start, start + length));
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes plaintext at any byte offset: partial first/last sectors are
 * read-modify-written, everything is encrypted per sector, and the file is
 * fsynced before returning.
 */
export function writeRange(path: string, sectorSize: DiskSectorSize, dk: Buffer | null, offset: number, data: Buffer): void {
  if (data.length === 0) return;
  const first = Math.floor(offset / sectorSize);
  const end = Math.ceil((offset + data.length) / sectorSize);
  const plain = Buffer.alloc((end - first) * sectorSize);
  const fd = openSync(path, 'r+');
  try {
    if (offset % sectorSize !== 0) readSectorRun(fd, first, 1, sectorSize, dk).copy(plain, 0);
    const last = end - 1;
    if ((offset + data.length) % sectorSize !== 0 && (last !== first || offset % sectorSize === 0)) {
      readSectorRun(fd, last, 1, sectorSize, dk).copy(plain, (last - first) * sectorSize);
    }
    data.copy(plain, offset - first * sectorSize);
    writeFully(fd, encodeSectors(plain, first, sectorSize, dk), first * sectorSize);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies an image into a new file `dst`, optionally changing its encryption:
 * stored bytes are decoded with `fromDk` and encoded with `toDk` sector by
 * sector (both null: a byte copy). Holes stay holes. The new file is fsynced.
 */
export function transcodeImage(
  src: string,
  dst: string,
  sizeBytes: number,
  sectorSize: DiskSectorSize,
  fromDk: Buffer | null,
  toDk: Buffer | null,
): void {
  const same = fromDk === null && toDk === null;
  const inFd = openSync(src, 'r');
  try {
    const outFd = openSync(dst, 'wx', 0o600);
    try {
      ftruncateSync(outFd, sizeBytes);
      for (let pos = 0; pos < sizeBytes; pos += CHUNK_BYTES) {
        const raw = Buffer.alloc(Math.min(CHUNK_BYTES, sizeBytes - pos));
        readFully(inFd, raw, pos);
        const count = raw.length / sectorSize;
        const firstSector = pos / sectorSize;
        let i = 0;
        while (i < count) {
          if (isZeroSector(raw, i, sectorSize)) {
            i++;
            continue;
          }
          let j = i + 1;
          while (j < count && !isZeroSector(raw, j, sectorSize)) j++;
          const run = raw.subarray(i * sectorSize, j * sectorSize);
          const out = same ? run : encodeSectors(decodeSectors(run, firstSector + i, sectorSize, fromDk), firstSector + i, sectorSize, toDk);
          writeFully(outFd, out, pos + i * sectorSize);
          i = j;
        }
      }
      fsyncSync(outFd);
    } finally {
      closeSync(outFd);
    }
  } finally {
    closeSync(inFd);
  }
}
