import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cryptImage, DEFAULT_CHUNK_BYTES, type CryptImageResult } from '../../src/xts/image-crypt.ts';
import { encryptSectors, MAX_SECTOR_NUMBER } from '../../src/xts/xts-cipher.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';

let folder = '';
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'xts-image-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const rng = new SeededRandom(2024);
const key = rng.bytes(64);
const at = (name: string): string => join(folder, name);
const code = (c: string): unknown => expect.objectContaining({ code: c });
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function image(name: string, bytes: number): Buffer {
  const data = rng.bytes(bytes);
  writeFileSync(at(name), data);
  return data;
}

describe('cryptImage streaming', () => {
  it.each([
    [512, 37, 5 * 512 + 100, 8],
    [512, 37, 0, 37],
    [4096, 10, 3 * 4096, 4],
    [4096, 9, 3 * 4096, 3],
  ] as const)('%i-byte sectors, %i sectors, chunkBytes %i: %i chunks, same bytes as encrypting in one piece', async (sectorSize, sectors, chunkBytes, chunks) => {
    const plain = image('in.img', sectorSize * sectors);
    const progress: CryptImageResult[] = [];
    const result = await cryptImage('encrypt', key, at('in.img'), at('out.img'), { sectorSize, firstSector: 1000n, chunkBytes, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ sectors, bytes: sectorSize * sectors });
    expect(readFileSync(at('out.img')).equals(encryptSectors(key, plain, 1000n, sectorSize))).toBe(true);
    expect(progress).toHaveLength(chunks);
    expect(progress.at(-1)).toEqual(result);
    expect(progress.map((p) => p.sectors)).toEqual([...progress.map((p) => p.sectors)].sort((a, b) => a - b));

    await cryptImage('decrypt', key, at('out.img'), at('back.img'), { sectorSize, firstSector: 1000n, chunkBytes: 7 * sectorSize });
    expect(readFileSync(at('back.img')).equals(plain)).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['back.img', 'in.img', 'out.img']);
  });

  it('streams a 12 MiB image in default-size chunks and round-trips it', async () => {
    const plain = image('big.img', 12 * 1024 * 1024);
    let chunks = 0;
    await cryptImage('encrypt', key, at('big.img'), at('big.enc'), { sectorSize: 4096, firstSector: 0n, onProgress: () => void chunks++ });
    expect(chunks).toBe((12 * 1024 * 1024) / DEFAULT_CHUNK_BYTES);
    const result = await cryptImage('decrypt', key, at('big.enc'), at('big.back'), { sectorSize: 4096, firstSector: 0n });
    expect(result.sectors).toBe(3072);
    expect(sha(readFileSync(at('big.back')))).toBe(sha(plain));
  });

  it('handles an empty image and writes an empty OUT', async () => {
    writeFileSync(at('empty.img'), Buffer.alloc(0));
    expect(await cryptImage('encrypt', key, at('empty.img'), at('out.img'), { sectorSize: 512, firstSector: 0n })).toEqual({ sectors: 0, bytes: 0 });
    expect(statSync(at('out.img')).size).toBe(0);
  });

  it('creates OUT readable by its owner only', async () => {
    image('in.img', 1024);
    await cryptImage('decrypt', key, at('in.img'), at('out.img'), { sectorSize: 512, firstSector: 0n });
    expect(statSync(at('out.img')).mode & 0o077).toBe(0);
  });

  it('replaces an existing OUT with the complete result', async () => {
    const plain = image('in.img', 2048);
    writeFileSync(at('out.img'), 'old contents');
    await cryptImage('encrypt', key, at('in.img'), at('out.img'), { sectorSize: 512, firstSector: 5n });
    expect(readFileSync(at('out.img')).equals(encryptSectors(key, plain, 5n, 512))).toBe(true);
  });
});

describe('cryptImage refusals leave OUT untouched and no temporary file behind', () => {
  function expectFolder(files: Record<string, Buffer | string>): void {
    expect(readdirSync(folder).sort()).toEqual(Object.keys(files).sort());
    for (const [name, content] of Object.entries(files)) expect(readFileSync(at(name)).equals(Buffer.from(content))).toBe(true);
  }

  it('refuses input that is not a whole number of sectors (XTS.0003)', async () => {
    const plain = image('in.img', 512 * 4 + 100);
    await expect(cryptImage('encrypt', key, at('in.img'), at('out.img'), { sectorSize: 512, firstSector: 0n })).rejects.toThrow(code('XTS.0003'));
    writeFileSync(at('prev.img'), 'previous');
    const whole = image('in4k.img', 4096 + 512);
    await expect(cryptImage('encrypt', key, at('in4k.img'), at('prev.img'), { sectorSize: 4096, firstSector: 0n })).rejects.toThrow(code('XTS.0003'));
    expectFolder({ 'in.img': plain, 'in4k.img': whole, 'prev.img': 'previous' });
  });

  it('refuses IN == OUT by path, by relative path, through a symlink and through a hard link (XTS.0006)', async () => {
    const plain = image('in.img', 1024);
    symlinkSync(at('in.img'), at('sym.img'));
    linkSync(at('in.img'), at('hard.img'));
    const options = { sectorSize: 512, firstSector: 0n } as const;
    await expect(cryptImage('encrypt', key, at('in.img'), at('in.img'), options)).rejects.toThrow(code('XTS.0006'));
    await expect(cryptImage('encrypt', key, at('in.img'), relative(process.cwd(), at('in.img')), options)).rejects.toThrow(code('XTS.0006'));
    await expect(cryptImage('encrypt', key, at('in.img'), at('sym.img'), options)).rejects.toThrow(code('XTS.0006'));
    await expect(cryptImage('decrypt', key, at('hard.img'), at('in.img'), options)).rejects.toThrow(code('XTS.0006'));
    expect(readFileSync(at('in.img')).equals(plain)).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['hard.img', 'in.img', 'sym.img']);
  });

  it('stops cleanly when a run fails half way: OUT keeps its old contents, the temporary file is removed', async () => {
    const plain = image('in.img', 512 * 20);
    writeFileSync(at('out.img'), 'previous');
    const run = cryptImage('encrypt', key, at('in.img'), at('out.img'), {
      sectorSize: 512,
      firstSector: 0n,
      chunkBytes: 4 * 512,
      onProgress: (p) => {
        expect(readdirSync(folder).some((f) => f.endsWith('.xts-partial'))).toBe(true);
        if (p.sectors >= 8) throw new Error('simulated failure after 8 sectors');
      },
    });
    await expect(run).rejects.toThrow('simulated failure after 8 sectors');
    expectFolder({ 'in.img': plain, 'out.img': 'previous' });
  });

  it('refuses a missing input, a folder as input or output, and a missing output folder (XTS.0006)', async () => {
    const plain = image('in.img', 512);
    mkdirSync(at('dir'));
    const options = { sectorSize: 512, firstSector: 0n } as const;
    await expect(cryptImage('encrypt', key, at('missing.img'), at('out.img'), options)).rejects.toThrow(code('XTS.0006'));
    await expect(cryptImage('encrypt', key, at('dir'), at('out.img'), options)).rejects.toThrow(code('XTS.0006'));
    await expect(cryptImage('encrypt', key, at('in.img'), at('dir'), options)).rejects.toThrow(code('XTS.0006'));
    await expect(cryptImage('encrypt', key, at('in.img'), at('no/such/folder/out.img'), options)).rejects.toThrow(code('XTS.0006'));
    expect(readdirSync(folder).sort()).toEqual(['dir', 'in.img']);
    expect(readdirSync(at('dir'))).toEqual([]);
    expect(readFileSync(at('in.img')).equals(plain)).toBe(true);
  });

  it('checks key, sector size and sector range before touching any file', async () => {
    const plain = image('in.img', 4096);
    const half = rng.bytes(32);
    await expect(cryptImage('encrypt', rng.bytes(32), at('in.img'), at('out.img'), { sectorSize: 512, firstSector: 0n })).rejects.toThrow(code('XTS.0001'));
    await expect(cryptImage('decrypt', Buffer.concat([half, half]), at('in.img'), at('out.img'), { sectorSize: 512, firstSector: 0n })).rejects.toThrow(code('XTS.0002'));
    await expect(cryptImage('encrypt', key, at('in.img'), at('out.img'), { sectorSize: 1024 as 512, firstSector: 0n })).rejects.toThrow(code('XTS.0004'));
    await expect(cryptImage('encrypt', key, at('in.img'), at('out.img'), { sectorSize: 512, firstSector: -1n })).rejects.toThrow(code('XTS.0005'));
    await expect(cryptImage('encrypt', key, at('in.img'), at('out.img'), { sectorSize: 512, firstSector: MAX_SECTOR_NUMBER - 2n })).rejects.toThrow(code('XTS.0005'));
    expectFolder({ 'in.img': plain });
  });
});
