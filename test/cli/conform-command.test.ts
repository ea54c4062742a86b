import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConformCommand } from '../../src/cli/conform/conform-command.ts';
import { EXIT } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { fakeIo } from '../support/fake-io.ts';

const LOGS = resolve(import.meta.dirname, '../../examples/logs');

async function run(...argv: string[]) {
  const io = fakeIo(LOGS);
  const code = await main(['conform', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('evs-workbench conform', () => {
  it('exits 0 on a conformant log and prints the verdict', async () => {
    const r = await run('conformant-lifecycle.jsonl');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toMatch(/^CONFORMANT: \d+ events, no violations\.\n$/);
    expect(r.err).toBe('');
  });

  it('exits 1 with one line per violation (seq, op, requirement, message) and a verdict', async () => {
    const r = await run('violation-encrypted-image.jsonl');
    expect(r.code).toBe(EXIT.failed);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^seq 6 \(line 6\) {2}replicateImage {2}T4-IMAGE-NO-REPLICATE {2}replicateImage img1 to eu-west-0 succeeded, but the model refuses it with EVS\.4001/);
    expect(lines[1]).toMatch(/^seq 7 \(line 7\) {2}exportImage {2}T4-IMAGE-NO-EXPORT {2}/);
    expect(lines[2]).toBe('NOT CONFORMANT: 2 violations in 7 events. First: seq 6 replicateImage (T4-IMAGE-NO-REPLICATE).');
  });

  it('prints exactly the JSON report shape with --json', async () => {
    const r = await run('violation-success-forbidden.jsonl', '--json');
    expect(r.code).toBe(EXIT.failed);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['conformant', 'events', 'violations', 'violationCount', 'truncated']);
    expect(json).toMatchObject({ conformant: false, events: 8, violationCount: 1, truncated: false });
    const violations = json['violations'] as Array<Record<string, unknown>>;
    expect(Object.keys(violations[0] ?? {}).slice(0, 4)).toEqual(['seq', 'op', 'requirement', 'message']);
    expect(violations[0]).toMatchObject({ seq: 7, op: 'attachDisk', requirement: 'T1-DISABLED-ATTACHED-IMPACT', kind: 'success-forbidden', expected: 'EVS.2001', actual: 'ok' });
    const ok = JSON.parse((await run('conformant-lifecycle.jsonl', '--json')).out) as Record<string, unknown>;
    expect(ok).toMatchObject({ conformant: true, violations: [] });
  });

  it('lists at most --max-violations violations but counts them all', async () => {
    const r = await run('violation-key-used-after-deletion.jsonl', '--max-violations', '1');
    expect(r.code).toBe(EXIT.failed);
    expect(r.out.trimEnd().split('\n')).toHaveLength(2);
    expect(r.out).toContain('NOT CONFORMANT: 3 violations in 9 events (1 listed; use --max-violations to list more).');
  });

  it.each([
    ['malformed-json.jsonl', 'CLI.0402', 'line 2: not valid JSON'],
    ['malformed-unknown-op.jsonl', 'CLI.0403', 'line 2: unknown operation "rotateKey"'],
    ['malformed-missing-argument.jsonl', 'CLI.0404', "line 3: attachDisk: argument 'server' is missing"],
    ['malformed-seq.jsonl', 'CLI.0405', 'line 2: seq 1 does not increase'],
    ['malformed-time-backwards.jsonl', 'CLI.0406', 'line 2: time 2026-01-01T23:59:59Z goes backwards'],
  ])('exits 2 on %s, naming the line and the fix', async (file, code, message) => {
    const r = await run(file);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain(`[${code}] ${file}: ${message}`);
    expect(r.err).toContain('Fix: ');
  });

  it('exits 2 on bad arguments and missing files', async () => {
    expect((await run()).code).toBe(EXIT.usage);
    expect((await run('a.jsonl', 'b.jsonl')).err).toContain('conform checks one log; got 2');
    expect((await run('conformant-lifecycle.jsonl', '--max-violations', '0')).err).toContain('[CLI.0407]');
    expect((await run('conformant-lifecycle.jsonl', '--verbose')).code).toBe(EXIT.usage);
    const missing = await run('no-such.jsonl');
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.err).toContain('[CLI.0401] cannot read the log no-such.jsonl');
    expect((await run('.')).err).toContain('is not a file');
  });

  it('reads the log from stdin when LOG is -', async () => {
    const line = (seq: number, rest: string) => `{"seq": ${seq}, "time": "2026-01-01T00:00:0${seq}Z", ${rest}}`;
    const text = [line(1, '"op": "createKey", "key": "k1", "result": "ok"'), line(2, '"op": "enableKey", "key": "k1", "result": "ok"')].join('\n');
    const command = createConformCommand({ stdin: () => Readable.from([text]) });
    const io = fakeIo(LOGS);
    const code = await command.run(['-', '--json'], io);
    expect(code).toBe(EXIT.failed);
    const json = JSON.parse(io.out()) as { violations: Array<{ seq: number; op: string; requirement: string | null }> };
    expect(json.violations).toEqual([expect.objectContaining({ seq: 2, op: 'enableKey', requirement: null })]);
  });

  it('resolves LOG against the working directory', async () => {
    const io = { ...fakeIo(LOGS), cwd: join(LOGS, '..') };
    expect(await main(['conform', 'logs/conformant-lifecycle.jsonl'], io)).toBe(EXIT.ok);
  });
});
