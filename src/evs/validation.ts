import { WorkbenchError } from '../errors/workbench-error.ts';
import { badRange, badSectorSize, outOfBounds } from './evs-errors.ts';
import type { DiskSectorSize } from './types.ts';

/** 64 TiB, the largest disk EVS accepts. */
export const MAX_DISK_BYTES = 64 * 1024 ** 4;

export function checkSectorSize(value: unknown): DiskSectorSize {
  if (value === undefined) return 512;
  if (value === 512 || value === 4096) return value;
  throw badSectorSize(value);
}

export function checkDiskSize(sizeBytes: unknown, sectorSize: DiskSectorSize): number {
  if (
    typeof sizeBytes !== 'number' ||
    !Number.isSafeInteger(sizeBytes) ||
    sizeBytes <= 0 ||
    sizeBytes % sectorSize !== 0 ||
    sizeBytes > MAX_DISK_BYTES
  ) {
    throw new WorkbenchError({
      code: 'EVS.3004',
      message: `invalid disk size ${String(sizeBytes)}: it must be a positive multiple of the sector size (${sectorSize}) and at most 64 TiB.`,
      fix: `Round the size up to a multiple of ${sectorSize} bytes.`,
      data: { sizeBytes: String(sizeBytes), sectorSize },
    });
  }
  return sizeBytes;
}

/** Checks an I/O range against a disk: EVS.3002 for malformed numbers, EVS.3001 outside the disk. */
export function checkRange(diskId: string, sizeBytes: number, offset: unknown, length: unknown): void {
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) throw badRange('offset', offset);
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) throw badRange('length', length);
  if (offset + length > sizeBytes) throw outOfBounds(diskId, offset, length, sizeBytes);
}
