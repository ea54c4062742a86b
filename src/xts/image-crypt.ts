/**
 * Streams a disk image through XTS-AES-256 (dm-crypt `aes-xts-plain64`) in
 * fixed-size chunks, so memory stays constant whatever the image size.
 *
 * Output is all or nothing: the result is written to a temporary file in the
 * output's folder, fsynced, and renamed over OUT only when every sector is
 * done (then the folder is fsynced too). On any failure the temporary file is
 * removed and OUT is left as it was. IN is only ever opened for reading, and
 * IN == OUT (same path, or same file through a link) is refused.
 */
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { WorkbenchError } from '../errors/workbench-error.ts';
import { cryptSectors, validateSectorNumber, validateSectorSize, validateXtsKey, type SectorSize, type XtsDirection } from './xts-cipher.ts';

export interface CryptImageOptions {
  readonly sectorSize: SectorSize;
  /** Sector number of the image's first sector (in `sectorSize` units). */
  readonly firstSector: bigint;
  /** Bytes read per step, rounded down to whole sectors (at least one). Default 4 MiB. */
  readonly chunkBytes?: number;
  /** Called after each chunk is written to the temporary file; if it throws, the run stops and OUT is untouched. */
  readonly onProgress?: (done: CryptImageResult) => void;
}

export interface CryptImageResult {
  readonly sectors: number;
  readonly bytes: number;
}

export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

let tempSequence = 0;

function fileError(message: string, fix: string, data: Record<string, unknown>, cause?: unknown): WorkbenchError {
  return new WorkbenchError({ code: 'XTS.0006', message, fix, data, cause });
}

function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && 'syscall' in e;
}

function partialSectorError(bytes: number, sectorSize: SectorSize, inPath: string): WorkbenchError {
  return new WorkbenchError({
    code: 'XTS.0003',
    message: `The input ${inPath} is ${bytes} bytes, not a whole number of ${sectorSize}-byte sectors (${bytes % sectorSize} bytes left over).`,
    fix: `Use an image whose size is a multiple of ${sectorSize} bytes (pad it, or pick the sector size it was made with).`,
    data: { path: inPath, bytes, sectorSize },
  });
}

/** Refuses an OUT that is IN under another name (symlink or hard link), or a folder. */
async function refuseUnusableOutput(outPath: string, inPath: string, input: Stats): Promise<void> {
  let out: Stats;
  try {
    out = await stat(outPath);
  } catch (e) {
    if (isSystemError(e) && e.code === 'ENOENT') return;
    throw fileError(`Cannot check the output ${outPath}: ${String(e)}.`, 'Check the output path.', { path: outPath }, e);
  }
  if (out.dev === input.dev && out.ino === input.ino) {
    throw fileError(`The output ${outPath} is the same file as the input ${inPath}; the image would be destroyed.`, 'Write the result to a different file, then replace the original yourself once it is checked.', { in: inPath, out: outPath });
  }
  if (out.isDirectory()) {
    throw fileError(`The output ${outPath} is a folder.`, 'Give the path of the file to create, not a folder.', { path: outPath });
  }
}

async function createTemp(outPath: string): Promise<{ handle: FileHandle; path: string }> {
  for (let attempt = 0; ; attempt++) {
    const path = join(dirname(outPath), `.${basename(outPath)}.${process.pid}-${++tempSequence}.xts-partial`);
    try {
      return { handle: await open(path, 'wx', 0o600), path };
    } catch (e) {
      if (isSystemError(e) && e.code === 'EEXIST' && attempt < 100) continue;
      throw fileError(`Cannot create a temporary file next to the output ${outPath}: ${String(e)}.`, 'Make sure the output folder exists and is writable.', { path: outPath }, e);
    }
  }
}

async function readFull(handle: FileHandle, buffer: Buffer, position: number): Promise<number> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

async function writeFull(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(data, written, data.length - written, position + written);
    written += bytesWritten;
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Best effort: makes the rename durable; some file systems refuse fsync on a folder.
  const handle = await open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

async function pump(direction: XtsDirection, key: Buffer, input: FileHandle, output: FileHandle, inPath: string, options: CryptImageOptions): Promise<CryptImageResult> {
  const { sectorSize } = options;
  const chunk = Math.max(1, Math.floor((options.chunkBytes ?? DEFAULT_CHUNK_BYTES) / sectorSize)) * sectorSize;
  const inBuf = Buffer.alloc(chunk);
  const outBuf = Buffer.alloc(chunk);
  let position = 0;
  try {
    for (;;) {
      const filled = await readFull(input, inBuf, position);
      if (filled % sectorSize !== 0) throw partialSectorError(position + filled, sectorSize, inPath);
      if (filled > 0) {
        const sector = options.firstSector + BigInt(position / sectorSize);
        cryptSectors(direction, key, inBuf.subarray(0, filled), sector, sectorSize, outBuf.subarray(0, filled));
        await writeFull(output, outBuf.subarray(0, filled), position);
        position += filled;
        options.onProgress?.({ sectors: position / sectorSize, bytes: position });
      }
      if (filled < chunk) return { sectors: position / sectorSize, bytes: position };
    }
  } finally {
    inBuf.fill(0);
    outBuf.fill(0);
  }
}

/**
 * Encrypts or decrypts the image IN into OUT, sector by sector, as dm-crypt
 * `aes-xts-plain64` would. Throws XTS.0001/0002 (key), XTS.0003 (IN is not a
 * whole number of sectors), XTS.0004 (sector size), XTS.0005 (sector range),
 * XTS.0006 (IN == OUT, unreadable IN, unwritable output folder, I/O failure).
 */
export async function cryptImage(
  direction: XtsDirection,
  key: Buffer,
  inFile: string,
  outFile: string,
  options: CryptImageOptions,
): Promise<CryptImageResult> {
  validateXtsKey(key);
  validateSectorSize(options.sectorSize);
  validateSectorNumber(options.firstSector, 'first sector');
  const inPath = resolve(inFile);
  const outPath = resolve(outFile);
  if (inPath === outPath) {
    throw fileError(`The input and the output are the same file (${inPath}); the image would be destroyed.`, 'Write the result to a different file, then replace the original yourself once it is checked.', { in: inPath, out: outPath });
  }
  let input: FileHandle;
  try {
    input = await open(inPath, 'r');
  } catch (e) {
    throw fileError(`Cannot open the input ${inPath}: ${String(e)}.`, 'Check the input path and that the file is readable.', { path: inPath }, e);
  }
  try {
    const info = await input.stat();
    if (!info.isFile()) throw fileError(`The input ${inPath} is not a regular file.`, 'Give the path of a disk image file.', { path: inPath });
    if (info.size % options.sectorSize !== 0) throw partialSectorError(info.size, options.sectorSize, inPath);
    const sectors = info.size / options.sectorSize;
    if (sectors > 0) validateSectorNumber(options.firstSector + BigInt(sectors - 1), 'last sector');
    await refuseUnusableOutput(outPath, inPath, info);
    const temp = await createTemp(outPath);
    let tempOpen = true;
    try {
      const result = await pump(direction, key, input, temp.handle, inPath, options);
      await temp.handle.sync();
      tempOpen = false;
      await temp.handle.close();
      await rename(temp.path, outPath);
      await syncFolder(dirname(outPath));
      return result;
    } catch (e) {
      if (tempOpen) await temp.handle.close().catch(() => undefined);
      await unlink(temp.path).catch(() => undefined);
      if (isSystemError(e)) {
        throw fileError(`Could not ${direction} ${inPath} into ${outPath}: ${e.message}.`, 'Check free space and permissions in the output folder; the output was left untouched.', { in: inPath, out: outPath }, e);
      }
      throw e;
    }
  } finally {
    await input.close();
  }
}
