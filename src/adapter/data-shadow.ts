import type { RandomSource } from '../rng/random-source.ts';

/**
 * What every disk must contain, byte for byte: the adapter writes random data
 * at random places (crossing sector boundaries) and checks that each read
 * returns exactly what was last written there, zeros where nothing was.
 */
export class DataShadow {
  private readonly disks = new Map<string, Buffer>();
  private readonly lastWrite = new Map<string, { offset: number; length: number }>();

  track(disk: string, sizeBytes: number): void {
    this.disks.set(disk, Buffer.alloc(sizeBytes));
  }

  /** A write the adapter will perform: a random range and random bytes (never all zero). */
  planWrite(disk: string, random: RandomSource): { offset: number; data: Buffer } {
    const size = this.size(disk);
    const length = 1 + random.int(Math.min(size, 3 * 4096));
    const offset = random.int(size - length + 1);
    const data = random.bytes(length);
    data[0] = (data[0] ?? 0) | 1;
    return { offset, data };
  }

  /** A read that covers the last write on the disk with a random margin around it (so a misplaced write is seen), else a random range. */
  planRead(disk: string, random: RandomSource): { offset: number; length: number } {
    const size = this.size(disk);
    const last = this.lastWrite.get(disk);
    if (last) {
      const start = Math.max(0, last.offset - random.int(1024));
      const end = Math.min(size, last.offset + last.length + random.int(1024));
      return { offset: start, length: end - start };
    }
    const length = 1 + random.int(Math.min(size, 3 * 4096));
    return { offset: random.int(size - length + 1), length };
  }

  /** Records an acknowledged write. */
  wrote(disk: string, offset: number, data: Buffer): void {
    data.copy(this.expected(disk), offset);
    this.lastWrite.set(disk, { offset, length: data.length });
  }

  /** Null when the read returned exactly the expected bytes, else a sentence saying where it differs. */
  checkRead(disk: string, offset: number, got: Buffer, length: number): string | null {
    const want = this.expected(disk).subarray(offset, offset + length);
    if (got.length !== length) return `read of ${length} bytes at ${offset} on ${disk} returned ${got.length} bytes`;
    const i = want.findIndex((b, k) => got[k] !== b);
    return i < 0 ? null : `read at ${offset}+${length} on ${disk} differs from what was written at byte ${offset + i} (expected 0x${want[i]?.toString(16)}, got 0x${got[i]?.toString(16)})`;
  }

  /** The plaintext last written in a range (for the ciphertext ≠ plaintext check). */
  slice(disk: string, offset: number, length: number): Buffer {
    return this.expected(disk).subarray(offset, offset + length);
  }

  private size(disk: string): number {
    return this.expected(disk).length;
  }

  private expected(disk: string): Buffer {
    const b = this.disks.get(disk);
    if (!b) throw new Error(`the data shadow does not track disk ${disk}`);
    return b;
  }
}
