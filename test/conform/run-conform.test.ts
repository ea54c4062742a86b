import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../src/errors/workbench-error.ts';
import type { Violation } from '../../src/conform/monitor.ts';
import { conformStream } from '../../src/conform/run-conform.ts';
import { attachedDisk, LogBuilder } from './log-builder.ts';

const stream = (text: string): Readable => Readable.from([text]);

/** A log with `n` violations: a detached disk read n times. */
function readsOfDetachedDisk(n: number): LogBuilder {
  const log = attachedDisk().ok('detachDisk', { disk: 'd1' });
  for (let i = 0; i < n; i += 1) log.ok('readDisk', { disk: 'd1' });
  return log;
}

describe('conformStream', () => {
  it('checks a log line by line, across chunk boundaries, with CRLF, a BOM and blank lines', async () => {
    const text = `\uFEFF${attachedDisk().ok('readDisk', { disk: 'd1' }).lines.join('\r\n')}\r\n\r\n`;
    const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
    const r = await conformStream(Readable.from(chunks), 'log');
    expect(r).toEqual({ conformant: true, events: 5, violations: [], violationCount: 0, truncated: false });
  });

  it('keeps the first violations, counts them all, and reports each as it is found', async () => {
    const seen: Violation[] = [];
    const r = await conformStream(stream(readsOfDetachedDisk(5).text()), 'log', { maxViolations: 2, onViolation: (v) => seen.push(v) });
    expect(r.conformant).toBe(false);
    expect(r.violationCount).toBe(5);
    expect(r.truncated).toBe(true);
    expect(r.violations.map((v) => v.seq)).toEqual([6, 7]);
    expect(seen).toEqual(r.violations);
  });

  it('stops at an unreadable line with a CLI error naming the source and the line', async () => {
    const text = `${attachedDisk().text()}{"seq": 9, "time": "2026-01-01T00:00:00Z", "op": "detachDisk", "result": "ok"}\n${readsOfDetachedDisk(1).lines.at(-1)}\n`;
    const input = stream(text);
    const err = await conformStream(input, 'run.jsonl').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbenchError);
    const w = err as WorkbenchError;
    expect(w.code).toBe('CLI.0404');
    expect(w.message).toBe("run.jsonl: line 5: detachDisk: argument 'disk' is missing.");
    expect(w.data).toEqual({ line: 5 });
    expect(input.destroyed).toBe(true);
  });

  it('treats a log whose time goes backwards as unreadable (exit 2), not as a violation', async () => {
    const log = new LogBuilder().ok('createKey', { key: 'k1' }).after(-1).ok('createKey', { key: 'k2' });
    await expect(conformStream(stream(log.text()), 'log')).rejects.toMatchObject({ code: 'CLI.0406', data: { line: 2 } });
  });

  it('accepts an empty log as conformant with zero events', async () => {
    expect(await conformStream(stream(''), 'log')).toMatchObject({ conformant: true, events: 0 });
  });
});
