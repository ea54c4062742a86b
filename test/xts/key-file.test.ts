import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readXtsKeyFile } from '../../src/xts/key-file.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';

const folder = mkdtempSync(join(tmpdir(), 'xts-key-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const rng = new SeededRandom(64);

function keyFile(name: string, content: Buffer | string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

async function failure(path: string): Promise<{ code: string; message: string; fix: string }> {
  try {
    await readXtsKeyFile(path);
  } catch (e) {
    return e as { code: string; message: string; fix: string };
  }
  throw new Error(`readXtsKeyFile(${path}) did not fail`);
}

describe('readXtsKeyFile', () => {
  it('returns the 64 raw bytes of a key file', async () => {
    const key = rng.bytes(64);
    const read = await readXtsKeyFile(keyFile('good.bin', key));
    expect(read.equals(key)).toBe(true);
  });

  it('says when the file holds the key as 128 hex digits (with or without a newline)', async () => {
    const key = rng.bytes(64);
    for (const [name, text] of [['hex.txt', key.toString('hex')], ['hexnl.txt', `${key.toString('hex')}\n`], ['HEX.txt', key.toString('hex').toUpperCase()]] as const) {
      const e = await failure(keyFile(name, text));
      expect(e.code).toBe('XTS.0001');
      expect(e.message).toMatch(/looks like hex text \(128 hex digits, a 64-byte key/);
      expect(e.fix).toContain('xxd -r -p');
    }
  });

  it('refuses a 64-byte file of hex digits: a 32-byte key written as text', async () => {
    const e = await failure(keyFile('hex32.txt', rng.bytes(32).toString('hex')));
    expect(e.code).toBe('XTS.0001');
    expect(e.message).toContain('32-byte key written as text');
  });

  it('says when the file looks like base64', async () => {
    const e = await failure(keyFile('b64.txt', `${rng.bytes(64).toString('base64')}\n`));
    expect(e.code).toBe('XTS.0001');
    expect(e.message).toContain('base64');
  });

  it('refuses raw keys of the wrong size (XTS.0001), naming the size', async () => {
    for (const n of [0, 32, 63, 65, 5000]) {
      const e = await failure(keyFile(`raw${n}.bin`, rng.bytes(n)));
      expect(e.code).toBe('XTS.0001');
      expect(e.message).toContain(`is ${n} bytes`);
    }
  });

  it('refuses equal halves (XTS.0002) and names the file', async () => {
    const half = rng.bytes(32);
    const path = keyFile('equal.bin', Buffer.concat([half, half]));
    const e = await failure(path);
    expect(e.code).toBe('XTS.0002');
    expect(e.message).toContain(path);
  });

  it('reports a missing file or a folder as unreadable (XTS.0006)', async () => {
    expect((await failure(join(folder, 'nope.bin'))).code).toBe('XTS.0006');
    const sub = join(folder, 'a-folder');
    mkdirSync(sub);
    const e = await failure(sub);
    expect(e.code).toBe('XTS.0006');
    expect(e.fix).toContain('key file path');
  });
});
