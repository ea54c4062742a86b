import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_FILE, SHARED_SEED_FILE } from './seed-text.ts';

describe('the seed copy in the repository', () => {
  it('is the shared seed, byte for byte', () => {
    const copy = readFileSync(SEED_FILE);
    expect(copy.length).toBeGreaterThan(10_000);
    if (existsSync(SHARED_SEED_FILE)) expect(copy.equals(readFileSync(SHARED_SEED_FILE))).toBe(true);
  });
});
