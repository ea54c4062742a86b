import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/rng/random-source.ts';
import { checkStoredFile, compareBytes, readStored } from '../../../src/testgen/provisioning/data-checks.ts';

const dir = mkdtempSync(join(tmpdir(), 'prov-data-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const plaintext = (): Buffer => {
  const p = Buffer.alloc(4096);
  new SeededRandom(5).bytes(700).copy(p, 1003);
  return p;
};

describe('compareBytes', () => {
  it('is null for equal buffers and names the first differing byte otherwise', () => {
    const a = Buffer.from([1, 2, 3, 4]);
    expect(compareBytes('x', a, Buffer.from(a))).toBeNull();
    expect(compareBytes('x', a, Buffer.from([1, 2, 9, 5]))).toBe('x: differs from the plaintext written at byte 2 (expected 0x03, got 0x09; 2 byte(s) differ)');
    expect(compareBytes('x', a, Buffer.from([1, 2]))).toBe('x: expected 4 bytes, got 2');
  });
});

describe('checkStoredFile', () => {
  it('wants the exact plaintext in the file of an unencrypted disk (a short sparse file is zero-padded)', () => {
    const p = plaintext();
    expect(checkStoredFile('d', file('plain', p.subarray(0, 2048)), p, false)).toBeNull();
    const wrong = Buffer.from(p);
    wrong[1500] = (wrong[1500] ?? 0) ^ 0xff;
    expect(checkStoredFile('d', file('wrong', wrong), p, false)).toMatch(/^d \(unencrypted, so the file must be the plaintext\): differs from the plaintext written at byte 1500/);
    expect(readStored(file('short', Buffer.from([7])), 4)).toEqual(Buffer.from([7, 0, 0, 0]));
  });

  it('refuses any 16-byte plaintext block in the file of an encrypted disk, at any aligned place, and an all-zero file', () => {
    const p = plaintext();
    const ciphertext = new SeededRandom(6).bytes(4096);
    expect(checkStoredFile('d', file('cipher', ciphertext), p, true)).toBeNull();
    const leaky = Buffer.from(ciphertext);
    p.copy(leaky, 3008, 1008, 1024); // one block, moved elsewhere
    expect(checkStoredFile('d', file('leaky', leaky), p, true)).toBe('d is encrypted, but its file holds 1 of the 45 plaintext blocks written (the first one written at byte 1008)');
    expect(checkStoredFile('d', file('zeros', Buffer.alloc(4096)), p, true)).toBe('d is encrypted, but its file is all zeros: the data written is not stored');
    expect(checkStoredFile('d', file('plainenc', p), p, true)).toMatch(/holds 45 of the 45 plaintext blocks/);
  });
});
