import { randomBytes } from 'node:crypto';

/**
 * Randomness is a port. Secrets (data keys, key material, nonces) come from
 * `secureRandom` in production; tests and replayable runs use `SeededRandom`.
 */
export interface RandomSource {
  /** `n` random bytes. */
  bytes(n: number): Buffer;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
}

export const secureRandom: RandomSource = {
  bytes: (n) => randomBytes(n),
  int: (maxExclusive) => {
    if (!Number.isInteger(maxExclusive) || maxExclusive <= 0) throw new RangeError(`int() needs a positive integer bound, got ${maxExclusive}`);
    return randomBytes(4).readUInt32LE(0) % maxExclusive;
  },
};

/**
 * A small, fast, replayable generator (xoshiro128**), seeded from a 32-bit
 * integer through splitmix32. Its state can be saved and restored, so a run
 * can be replayed from any point. Never use it for production secrets.
 */
export class SeededRandom implements RandomSource {
  private s: [number, number, number, number];

  constructor(readonly seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s = [next(), next(), next(), next()];
  }

  private nextU32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.nextU32();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (8 * j)) & 0xff;
    }
    return out;
  }

  int(maxExclusive: number): number {
    if (!Number.isInteger(maxExclusive) || maxExclusive <= 0) throw new RangeError(`int() needs a positive integer bound, got ${maxExclusive}`);
    return this.nextU32() % maxExclusive;
  }

  getState(): readonly [number, number, number, number] {
    return [...this.s];
  }

  setState(state: readonly [number, number, number, number]): void {
    this.s = [state[0], state[1], state[2], state[3]];
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
