import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformStream } from '../../src/conform/run-conform.ts';
import { writeConformantLog } from './log-generator.ts';

/**
 * A generated 1,000,000-line conformant log, streamed through the monitor.
 * Memory is measured after a full garbage collection every 100,000 lines:
 * what the run retains must not grow with the number of lines.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const LINES = 1_000_000;
let dir = '';
let file = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-'));
  file = join(dir, 'million.jsonl');
  await writeConformantLog(file, LINES);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('conform on a million lines', () => {
  it('streams them in well under a minute, in constant memory', async () => {
    const size = (await stat(file)).size;
    const retainedMb: number[] = [];
    gc();
    const baseline = process.memoryUsage().heapUsed / 2 ** 20;
    const started = performance.now();
    const report = await conformStream(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 }), file, {
      progressEvery: 100_000,
      onProgress: () => {
        gc();
        retainedMb.push(process.memoryUsage().heapUsed / 2 ** 20);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `conform: ${report.events} lines (${(size / 2 ** 20).toFixed(0)} MiB) in ${seconds.toFixed(1)} s; heap after GC: baseline ${baseline.toFixed(1)} MiB, every 100k lines ${retainedMb.map((m) => m.toFixed(1)).join(' ')} MiB`,
    );
    expect(report).toMatchObject({ conformant: true, events: LINES, violationCount: 0 });
    expect(seconds).toBeLessThan(45);
    expect(retainedMb).toHaveLength(10);
    // flat: the retained heap at 1,000,000 lines is within 2 MiB of the one at 100,000
    const first = retainedMb[0] ?? 0;
    const growth = Math.max(...retainedMb) - first;
    expect(growth).toBeLessThan(2);
  }, 90_000);
});
