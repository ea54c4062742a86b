/**
 * Cross-check against an independent implementation: Python's `cryptography`
 * (Debian python3-cryptography, installed by scripts/install.sh). The Python
 * side computes the dm-crypt plain64 tweak itself (test/fixtures/xts/dmcrypt_reference.py).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cryptImage } from '../../src/xts/image-crypt.ts';
import { decryptSectors, encryptSectors, tweakForSector, type SectorSize } from '../../src/xts/xts-cipher.ts';
import { xtsDecryptUnit, xtsEncryptUnit } from '../../src/xts/xts-unit.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';
import { pythonReference } from './known-answers.ts';

const folder = mkdtempSync(join(tmpdir(), 'xts-python-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Job {
  readonly direction: 'encrypt' | 'decrypt';
  readonly key: Buffer;
  readonly sectorSize: SectorSize;
  readonly first: bigint;
  readonly data: Buffer;
}

let fileNumber = 0;
/** Runs all jobs in one Python process (its start-up dominates) and returns each job's output. */
function python(jobs: readonly Job[]): Buffer[] {
  const files = jobs.map((job) => {
    const n = ++fileNumber;
    writeFileSync(join(folder, `in-${n}`), job.data);
    return { in: join(folder, `in-${n}`), out: join(folder, `out-${n}`) };
  });
  const input = JSON.stringify(
    jobs.map((job, i) => ({ direction: job.direction, key: job.key.toString('hex'), sectorSize: job.sectorSize, firstSector: String(job.first), ...files[i] })),
  );
  execFileSync('python3', [pythonReference()], { input, stdio: ['pipe', 'pipe', 'pipe'] });
  return files.map((f) => readFileSync(f.out));
}

const cases: readonly { sectorSize: SectorSize; sectors: number; first: bigint; seed: number }[] = [
  { sectorSize: 512, sectors: 24, first: 0n, seed: 1 },
  { sectorSize: 512, sectors: 17, first: 123_456_789n, seed: 2 },
  { sectorSize: 512, sectors: 9, first: (1n << 64n) - 9n, seed: 3 },
  { sectorSize: 4096, sectors: 6, first: 3n, seed: 4 },
  { sectorSize: 4096, sectors: 5, first: (1n << 40n) + 5n, seed: 5 },
];

describe('XTS-AES-256 sectors agree with Python cryptography (dm-crypt aes-xts-plain64 computed independently)', () => {
  const runs = cases.map((c) => {
    const rng = new SeededRandom(c.seed);
    const key = rng.bytes(64);
    const plaintext = rng.bytes(c.sectorSize * c.sectors);
    return { ...c, key, plaintext, ours: encryptSectors(key, plaintext, c.first, c.sectorSize) };
  });
  const answers = python(
    runs.flatMap((r): Job[] => [
      { direction: 'encrypt', key: r.key, sectorSize: r.sectorSize, first: r.first, data: r.plaintext },
      { direction: 'decrypt', key: r.key, sectorSize: r.sectorSize, first: r.first, data: r.ours },
    ]),
  );

  it.each(runs.map((r, i) => [`${r.sectors} x ${r.sectorSize} B from sector ${r.first}`, r, i] as const))('%s', (_name, r, i) => {
    const theirs = answers[2 * i] ?? Buffer.alloc(0);
    const theirDecryption = answers[2 * i + 1] ?? Buffer.alloc(0);
    expect(r.ours.toString('hex')).toBe(theirs.toString('hex'));
    expect(theirDecryption.equals(r.plaintext)).toBe(true);
    expect(decryptSectors(r.key, theirs, r.first, r.sectorSize).equals(r.plaintext)).toBe(true);
  });

  it('agrees on a whole image streamed through cryptImage in chunks that do not divide it', async () => {
    const rng = new SeededRandom(6);
    const key = rng.bytes(64);
    const plaintext = rng.bytes(4096 * 11);
    const src = join(folder, 'image.raw');
    const dst = join(folder, 'image.enc');
    writeFileSync(src, plaintext);
    const result = await cryptImage('encrypt', key, src, dst, { sectorSize: 4096, firstSector: 77n, chunkBytes: 3 * 4096 });
    expect(result).toEqual({ sectors: 11, bytes: 4096 * 11 });
    expect(readFileSync(dst).equals(python([{ direction: 'encrypt', key, sectorSize: 4096, first: 77n, data: plaintext }])[0] ?? Buffer.alloc(0))).toBe(true);
  });
});

describe('data units of every length 16..80 bytes (ciphertext stealing) agree with Python cryptography', () => {
  it('encrypts and decrypts alike', () => {
    const rng = new SeededRandom(7);
    const cases = Array.from({ length: 65 }, (_, i) => ({ key: rng.bytes(64), tweak: tweakForSector(BigInt(rng.int(1 << 30))), data: rng.bytes(16 + i) }));
    const script = [
      'import json, sys',
      'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes',
      'out = []',
      'for c in json.load(sys.stdin):',
      '    e = Cipher(algorithms.AES(bytes.fromhex(c["key"])), modes.XTS(bytes.fromhex(c["tweak"]))).encryptor()',
      '    out.append((e.update(bytes.fromhex(c["data"])) + e.finalize()).hex())',
      'print(json.dumps(out))',
    ].join('\n');
    const input = JSON.stringify(cases.map((c) => ({ key: c.key.toString('hex'), tweak: c.tweak.toString('hex'), data: c.data.toString('hex') })));
    const theirs = JSON.parse(execFileSync('python3', ['-c', script], { input, encoding: 'utf8' })) as string[];
    expect(theirs).toHaveLength(cases.length);
    cases.forEach((c, i) => {
      const expected = theirs[i] ?? '';
      expect(xtsEncryptUnit(c.key, c.tweak, c.data).toString('hex')).toBe(expected);
      expect(xtsDecryptUnit(c.key, c.tweak, Buffer.from(expected, 'hex')).equals(c.data)).toBe(true);
    });
  });
});
