/**
 * Benchmarks (`npm run bench`). Speed and memory are measured here, never in
 * unit tests: machines are shared and noisy, so each result is reported with
 * a ratio measured in the same run (a baseline beside it), not as an
 * absolute pass/fail threshold. Prints one JSON document.
 */
import { createCipheriv } from 'node:crypto';
import { Readable } from 'node:stream';
import { PRESETS } from '../models/index.ts';
import { explore } from '../src/explore/explorer.ts';
import { SeededRandom } from '../src/rng/random-source.ts';
import { encryptSectors } from '../src/xts/xts-cipher.ts';
import { conformStream } from '../src/conform/run-conform.ts';

function time<T>(f: () => T): { value: T; ms: number } {
  const t = process.hrtime.bigint();
  const value = f();
  return { value, ms: Number(process.hrtime.bigint() - t) / 1e6 };
}

const random = new SeededRandom(1);
const key = random.bytes(64);
const data = random.bytes(16 * 1024 * 1024);
const results: Record<string, unknown> = {};

// XTS: our per-sector encryption vs one OpenSSL call over the whole buffer (the ceiling per call overhead allows).
{
  const ceiling = time(() => {
    const c = createCipheriv('aes-256-xts', key, Buffer.alloc(16));
    return c.update(data);
  });
  for (const sectorSize of [512, 4096] as const) {
    const ours = time(() => encryptSectors(key, data, 0n, sectorSize));
    results[`xts_${sectorSize}`] = {
      MBps: +(data.length / 1e6 / (ours.ms / 1000)).toFixed(1),
      ceilingMBps: +(data.length / 1e6 / (ceiling.ms / 1000)).toFixed(1),
      ratioToCeiling: +(ceiling.ms / ours.ms).toFixed(3),
    };
  }
}

// Model checking: states per second, and what symmetry reduction saves.
{
  const plain = time(() => explore(PRESETS['default']!, { symmetry: false }));
  const reduced = time(() => explore(PRESETS['default']!, { symmetry: true }));
  results['model_checking_default'] = {
    states: plain.value.stats.states,
    statesWithSymmetry: reduced.value.stats.states,
    reductionRatio: +(plain.value.stats.states / reduced.value.stats.states).toFixed(2),
    statesPerSecond: Math.round(plain.value.stats.states / (plain.ms / 1000)),
    edgesPerSecond: Math.round(plain.value.stats.edges / (plain.ms / 1000)),
    heapMB: Math.round(process.memoryUsage().heapUsed / 1e6),
  };
}

// conform: lines per second on a generated conformant log, and heap growth between 100k and 400k lines.
{
  const lines = (n: number): string[] => {
    const out = [
      '{"seq":1,"time":"2026-01-01T00:00:00Z","op":"grantKmsAccess","project":"p","result":"ok"}',
      '{"seq":2,"time":"2026-01-01T00:00:00Z","op":"createKey","key":"k1","result":"ok"}',
      '{"seq":3,"time":"2026-01-01T00:00:00Z","op":"createDisk","disk":"d1","encrypted":true,"key":"k1","result":"ok"}',
    ];
    const cycle = ['attachDisk","disk":"d1","server":"s1', 'writeDisk","disk":"d1', 'readDisk","disk":"d1', 'detachDisk","disk":"d1'];
    for (let i = out.length; i < n; i++) out.push(`{"seq":${i + 1},"time":"2026-01-01T00:00:00Z","op":"${cycle[(i - 3) % 4]}","result":"ok"}`);
    return out;
  };
  const measure = async (n: number): Promise<{ ms: number; heapMB: number }> => {
    const text = lines(n);
    global.gc?.();
    const t = process.hrtime.bigint();
    const report = await conformStream(Readable.from(text.map((l) => `${l}\n`)), 'bench');
    if (!report.conformant) throw new Error('the benchmark log should be conformant');
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, heapMB: Math.round(process.memoryUsage().heapUsed / 1e6) };
  };
  const small = await measure(100_000);
  const large = await measure(400_000);
  results['conform'] = {
    linesPerSecond: Math.round(400_000 / (large.ms / 1000)),
    scalingRatio400kTo100k: +(large.ms / small.ms).toFixed(2),
  };
}

process.stdout.write(`${JSON.stringify({ node: process.versions.node, openssl: process.versions.openssl, results }, null, 2)}\n`);
