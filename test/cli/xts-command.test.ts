import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { EXIT } from '../../src/cli/io.ts';
import { encryptSectors } from '../../src/xts/xts-cipher.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';
import { fakeIo } from '../support/fake-io.ts';

let folder = '';
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'xts-cli-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const rng = new SeededRandom(512);

function setup(bytes: number): { key: Buffer; plain: Buffer } {
  const key = rng.bytes(64);
  const plain = rng.bytes(bytes);
  writeFileSync(join(folder, 'key.bin'), key);
  writeFileSync(join(folder, 'disk.img'), plain);
  return { key, plain };
}

describe('evs-workbench xts', () => {
  it('encrypts with 512-byte sectors by default, prints one line, exits 0; decrypt restores the image', async () => {
    const { key, plain } = setup(512 * 6);
    const io = fakeIo(folder);
    expect(await main(['xts', 'encrypt', '--key-file', 'key.bin', 'disk.img', 'disk.enc'], io)).toBe(EXIT.ok);
    expect(readFileSync(join(folder, 'disk.enc')).equals(encryptSectors(key, plain, 0n, 512))).toBe(true);
    expect(io.out()).toBe(`encrypted 6 sectors (3072 bytes; 512-byte sectors from sector 0): ${join(folder, 'disk.img')} -> ${join(folder, 'disk.enc')}\n`);
    expect(io.err()).toBe('');

    const back = fakeIo(folder);
    expect(await main(['xts', 'decrypt', '--key-file', 'key.bin', 'disk.enc', 'disk.back'], back)).toBe(EXIT.ok);
    expect(readFileSync(join(folder, 'disk.back')).equals(plain)).toBe(true);
    expect(back.out()).toMatch(/^decrypted 6 sectors \(3072 bytes; /);
  });

  it('honours --sector-size 4096 and --first-sector (counted in 4096-byte units)', async () => {
    const { key, plain } = setup(4096 * 3);
    const io = fakeIo(folder);
    expect(await main(['xts', 'encrypt', '--key-file', 'key.bin', '--sector-size', '4096', '--first-sector', '18446744073709551613', 'disk.img', 'disk.enc'], io)).toBe(EXIT.ok);
    expect(readFileSync(join(folder, 'disk.enc')).equals(encryptSectors(key, plain, 18446744073709551613n, 4096))).toBe(true);
    expect(io.out()).toContain('3 sectors (12288 bytes; 4096-byte sectors from sector 18446744073709551613)');
  });

  it.each([
    [['xts'], 'CLI.0201'],
    [['xts', 'scramble', '--key-file', 'key.bin', 'disk.img', 'out.img'], 'CLI.0201'],
    [['xts', 'encrypt', '--key-file', 'key.bin', 'disk.img'], 'CLI.0202'],
    [['xts', 'encrypt', '--key-file', 'key.bin', 'disk.img', 'out.img', 'extra'], 'CLI.0202'],
    [['xts', 'encrypt', 'disk.img', 'out.img'], 'CLI.0203'],
    [['xts', 'encrypt', '--key-file', 'key.bin', '--sector-size', '1024', 'disk.img', 'out.img'], 'CLI.0204'],
    [['xts', 'encrypt', '--key-file', 'key.bin', '--sector-size', 'big', 'disk.img', 'out.img'], 'CLI.0204'],
    [['xts', 'encrypt', '--key-file', 'key.bin', '--first-sector=-1', 'disk.img', 'out.img'], 'CLI.0205'],
    [['xts', 'encrypt', '--key-file', 'key.bin', '--first-sector', '1.5', 'disk.img', 'out.img'], 'CLI.0205'],
    [['xts', 'encrypt', '--key-file', 'key.bin', '--first-sector', '0x10', 'disk.img', 'out.img'], 'CLI.0205'],
    [['xts', 'encrypt', '--key-file', 'key.bin', '--first-sector', '18446744073709551616', 'disk.img', 'out.img'], 'CLI.0205'],
  ])('usage error %j -> %s, exit 2, nothing written', async (argv, expected) => {
    setup(1024);
    const io = fakeIo(folder);
    expect(await main(argv, io)).toBe(EXIT.usage);
    expect(io.err()).toContain(`[${expected}]`);
    expect(io.err()).toContain('Usage: evs-workbench xts encrypt|decrypt');
    expect(io.out()).toBe('');
    expect(readdirSync(folder).sort()).toEqual(['disk.img', 'key.bin']);
  });

  it('treats an unknown option or a dash-leading value as a usage error (exit 2)', async () => {
    setup(1024);
    for (const argv of [['xts', 'encrypt', '--key', 'key.bin', 'disk.img', 'out.img'], ['xts', 'encrypt', '--key-file', 'key.bin', '--first-sector', '-1', 'disk.img', 'out.img']]) {
      const io = fakeIo(folder);
      expect(await main(argv, io)).toBe(EXIT.usage);
      expect(io.err()).not.toBe('');
    }
  });

  it('fails with exit 1 and the XTS code for a hex key file, a partial-sector image and IN == OUT', async () => {
    const { key } = setup(1000);
    writeFileSync(join(folder, 'key.hex'), key.toString('hex'));
    const cases: [string[], string][] = [
      [['xts', 'encrypt', '--key-file', 'key.hex', 'disk.img', 'out.img'], 'XTS.0001'],
      [['xts', 'encrypt', '--key-file', 'key.bin', 'disk.img', 'out.img'], 'XTS.0003'],
      [['xts', 'encrypt', '--key-file', 'key.bin', 'disk.img', './disk.img'], 'XTS.0006'],
      [['xts', 'encrypt', '--key-file', 'missing.bin', 'disk.img', 'out.img'], 'XTS.0006'],
    ];
    for (const [argv, expected] of cases) {
      const io = fakeIo(folder);
      expect(await main(argv, io)).toBe(EXIT.failed);
      expect(io.err()).toContain(`[${expected}]`);
    }
    expect(readdirSync(folder).sort()).toEqual(['disk.img', 'key.bin', 'key.hex']);
  });

  it('is listed in the help and answers --help with its usage', async () => {
    const help = fakeIo(folder);
    await main(['--help'], help);
    expect(help.out()).toMatch(/\n {2}xts +Encrypt or decrypt a disk image/);
    const usage = fakeIo(folder);
    expect(await main(['xts', '--help'], usage)).toBe(EXIT.ok);
    expect(usage.out()).toContain('--key-file FILE [--sector-size 512|4096] [--first-sector N] IN OUT');
  });
});
