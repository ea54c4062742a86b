import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { RootKey } from '../../src/hsm/root-key.ts';
import { WorkbenchError } from '../../src/errors/workbench-error.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';

/** Asserts that `fn` throws a WorkbenchError with this code, and returns it. */
export function expectCode(fn: () => unknown, code: string): WorkbenchError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected ${code}`).toBeInstanceOf(WorkbenchError);
  const err = thrown as WorkbenchError;
  expect(err.code, err.message).toBe(code);
  expect(err.fix.length).toBeGreaterThan(10);
  return err;
}

/**
 * The behaviour every RootKey backend must have. `open(random)` opens a key
 * on the same underlying secret each time (same file, same token label).
 */
export function rootKeyContract(open: (random: SeededRandom) => RootKey): void {
  const aad = Buffer.from('key-1234');

  it('round-trips any material under its AAD, in the version-1 format', () => {
    const key = open(new SeededRandom(1));
    try {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 1, maxLength: 96 }), fc.uint8Array({ maxLength: 40 }), (m, a) => {
          const material = Buffer.from(m);
          const wrapped = key.wrap(material, Buffer.from(a));
          expect(wrapped[0]).toBe(1);
          expect(wrapped.length).toBe(1 + 12 + 16 + material.length);
          if (material.length >= 8) expect(wrapped.includes(material)).toBe(false); // no clear copy inside
          expect(key.unwrap(wrapped, Buffer.from(a))).toEqual(material);
        }),
        { numRuns: 40, seed: 7 },
      );
    } finally {
      key.close();
    }
  });

  it('takes the IV from the injected random source', () => {
    const key = open(new SeededRandom(42));
    try {
      const expectedIv = new SeededRandom(42).bytes(12);
      const wrapped = key.wrap(Buffer.alloc(32, 9), aad);
      expect(wrapped.subarray(1, 13)).toEqual(expectedIv);
      expect(key.wrap(Buffer.alloc(32, 9), aad).subarray(1, 13)).not.toEqual(expectedIv);
    } finally {
      key.close();
    }
  });

  it('refuses another AAD and every tampered byte region with HSM.0002, and still works afterwards', () => {
    const key = open(new SeededRandom(3));
    try {
      const material = Buffer.alloc(32, 0xab);
      const wrapped = key.wrap(material, aad);
      expectCode(() => key.unwrap(wrapped, Buffer.from('key-1235')), 'HSM.0002');
      expectCode(() => key.unwrap(wrapped, Buffer.alloc(0)), 'HSM.0002');
      for (const index of [0, 1, 12, 13, 28, 29, wrapped.length - 1]) {
        const tampered = Buffer.from(wrapped);
        tampered[index] = (tampered[index] ?? 0) ^ 0x01;
        expectCode(() => key.unwrap(tampered, aad), 'HSM.0002');
      }
      expectCode(() => key.unwrap(wrapped.subarray(0, 29), aad), 'HSM.0002');
      expectCode(() => key.unwrap(Buffer.alloc(0), aad), 'HSM.0002');
      expect(key.unwrap(wrapped, aad)).toEqual(material);
    } finally {
      key.close();
    }
  });

  it('unwraps after being closed and reopened; a closed key refuses with HSM.0001', () => {
    const first = open(new SeededRandom(5));
    const material = Buffer.alloc(32, 0x5a);
    const wrapped = first.wrap(material, aad);
    const id = first.id;
    first.close();
    first.close(); // idempotent
    expectCode(() => first.wrap(material, aad), 'HSM.0001');
    expectCode(() => first.unwrap(wrapped, aad), 'HSM.0001');
    const second = open(new SeededRandom(6));
    try {
      expect(second.id).toBe(id);
      expect(second.unwrap(wrapped, aad)).toEqual(material);
    } finally {
      second.close();
    }
  });
}
