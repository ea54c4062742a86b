import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSoftwareRootKey, ROOT_KEY_FILE } from '../../src/hsm/software-root-key.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';
import { expectCode, rootKeyContract } from './root-key-contract.ts';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'evs-rootkey-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('software root key: RootKey contract', () => {
  const dir = freshDir();
  rootKeyContract((random) => openSoftwareRootKey(dir, random));
});

describe('software root key file', () => {
  it('is created on first use: 32 bytes from the injected random source, mode 0600, in a new folder', () => {
    const dir = join(freshDir(), 'workspace', 'nested');
    const key = openSoftwareRootKey(dir, new SeededRandom(11));
    key.close();
    const file = join(dir, ROOT_KEY_FILE);
    expect(readFileSync(file)).toEqual(new SeededRandom(11).bytes(32));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(key.kind).toBe('software');
    expect(key.id).toMatch(/^software:[0-9a-f]{16}$/);
  });

  it('is reused, not overwritten, when it exists', () => {
    const dir = freshDir();
    const a = openSoftwareRootKey(dir, new SeededRandom(1));
    const before = readFileSync(join(dir, ROOT_KEY_FILE));
    const b = openSoftwareRootKey(dir, new SeededRandom(2));
    expect(readFileSync(join(dir, ROOT_KEY_FILE))).toEqual(before);
    expect(b.id).toBe(a.id);
    a.close();
    b.close();
  });

  it('another workspace has another key: its values do not unwrap (HSM.0002) and ids differ', () => {
    const a = openSoftwareRootKey(freshDir(), new SeededRandom(1));
    const b = openSoftwareRootKey(freshDir(), new SeededRandom(2));
    const wrapped = a.wrap(Buffer.alloc(32, 1), Buffer.from('k'));
    expect(b.id).not.toBe(a.id);
    expectCode(() => b.unwrap(wrapped, Buffer.from('k')), 'HSM.0002');
    a.close();
    b.close();
  });

  it('refuses a corrupt key file (HSM.0001) and leaves it in place', () => {
    const dir = freshDir();
    const file = join(dir, ROOT_KEY_FILE);
    writeFileSync(file, Buffer.alloc(31, 1), { mode: 0o600 });
    const err = expectCode(() => openSoftwareRootKey(dir, new SeededRandom(1)), 'HSM.0001');
    expect(err.message).toContain('31 bytes');
    expect(readFileSync(file)).toEqual(Buffer.alloc(31, 1));
  });

  it('refuses a key file readable by other users (HSM.0001, fix says chmod 600)', () => {
    const dir = freshDir();
    openSoftwareRootKey(dir, new SeededRandom(1)).close();
    chmodSync(join(dir, ROOT_KEY_FILE), 0o644);
    const err = expectCode(() => openSoftwareRootKey(dir, new SeededRandom(1)), 'HSM.0001');
    expect(err.fix).toContain('chmod 600');
  });

  it('reports an unusable folder as HSM.0001', () => {
    const file = join(freshDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    expectCode(() => openSoftwareRootKey(file, new SeededRandom(1)), 'HSM.0001');
  });

  it('close() zeroes the key so a closed key cannot be used', () => {
    const key = openSoftwareRootKey(freshDir(), new SeededRandom(1));
    key.close();
    expectCode(() => key.wrap(Buffer.alloc(32), Buffer.alloc(0)), 'HSM.0001');
  });
});
