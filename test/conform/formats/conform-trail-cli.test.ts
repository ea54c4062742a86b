import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConformCommand } from '../../../src/cli/conform/conform-command.ts';
import { EXIT } from '../../../src/cli/io.ts';
import { main } from '../../../src/cli/main.ts';
import { fakeIo } from '../../support/fake-io.ts';

/** The sample trails in examples/trails, through the CLI as a user runs them. */
const TRAILS = resolve(import.meta.dirname, '../../../examples/trails');

async function run(...argv: string[]) {
  const io = fakeIo(TRAILS);
  const code = await main(['conform', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'trails-'));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Runs `conform` through `main` on `text` written to trail.json (as a user would run it). */
async function runText(text: string, ...argv: string[]) {
  const file = join(tmp, 'trail.json');
  await writeFile(file, text);
  const io = { ...fakeIo(TRAILS), cwd: tmp };
  const code = await main(['conform', 'trail.json', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

const SAMPLES: Record<string, { format: string; conformant: boolean; events: number; records: number; skipped: number; violation?: object }> = {
  'cloudtrail-conformant.json': { format: 'cloudtrail', conformant: true, events: 24, records: 29, skipped: 6 },
  'cloudtrail-violation.jsonl': {
    format: 'cloudtrail',
    conformant: false,
    events: 7,
    records: 7,
    skipped: 1,
    violation: { seq: 7, op: 'attachDisk', kind: 'success-forbidden', expected: 'EVS.2001', actual: 'ok', record: 'line 7', requirement: 'T1-DISABLED-ATTACHED-IMPACT' },
  },
  'cts-conformant.json': { format: 'cts', conformant: true, events: 22, records: 23, skipped: 2 },
  'cts-violation.jsonl': {
    format: 'cts',
    conformant: false,
    events: 7,
    records: 6,
    skipped: 0,
    violation: { seq: 7, op: 'attachDisk', kind: 'success-forbidden', expected: 'EVS.2001', actual: 'ok', record: 'line 6' },
  },
};

describe('evs-workbench conform --format cloudtrail|cts', () => {
  it('has an expected verdict here for every sample trail', () => {
    expect(readdirSync(TRAILS).filter((f) => /\.jsonl?$/.test(f)).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(Object.entries(SAMPLES))('%s gets its verdict and exit code', async (file, expected) => {
    const r = await run('--format', expected.format, file, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(expected.conformant ? EXIT.ok : EXIT.failed);
    const json = JSON.parse(r.out) as Record<string, unknown> & { violations: object[] };
    expect(json).toMatchObject({ conformant: expected.conformant, events: expected.events, format: expected.format, records: expected.records, skipped: expected.skipped });
    expect(json.violations).toEqual(expected.violation ? [expect.objectContaining(expected.violation)] : []);
  });

  it('prints violations by record, the verdict and what was skipped and why', async () => {
    const r = await run('cloudtrail-conformant.json', '--format', 'cloudtrail');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toBe(
      'CONFORMANT: 24 events, no violations.\n' +
        'Read 29 AWS CloudTrail records: 23 translated into log lines (plus 1 grantKmsAccess line added at the start), 6 skipped ' +
        '(1 key alias record: used to resolve key names, not judged; 3 not a volume or key lifecycle event; ' +
        '1 refused by access control (IAM), which the model does not cover; 1 dry run: nothing happened).\n',
    );
    const bad = await run('--format', 'cts', 'cts-violation.jsonl');
    expect(bad.out.split('\n')[0]).toMatch(/^seq 7 \(line 6\) {2}attachDisk {2}T1-DISABLED-ATTACHED-IMPACT {2}attachDisk \S+ → \S+ succeeded, but the model refuses it with EVS\.2001/);
  });

  it('names a violation in a {"Records": [...]} document by its index', async () => {
    const doc = JSON.stringify({
      Records: [
        { eventTime: '2026-03-02T09:01:00Z', eventSource: 'ec2.amazonaws.com', eventName: 'DetachVolume', requestParameters: { volumeId: 'vol-9' } },
        { eventTime: '2026-03-02T09:00:00Z', eventSource: 'ec2.amazonaws.com', eventName: 'DescribeVolumes' },
      ],
    });
    const r = await runText(doc, '--format', 'cloudtrail');
    expect(r.code).toBe(EXIT.failed);
    expect(r.out).toMatch(/^seq 2 \(Records\[0\]\) {2}detachDisk /);
  });

  it('counts unknown events as skipped, in the human output and in --json', async () => {
    const text = [
      { eventTime: '2026-03-02T09:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'PutObject' },
      { eventTime: '2026-03-02T09:00:01Z', eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances' },
    ].map((r) => JSON.stringify(r)).join('\n');
    const human = await runText(text, '--format', 'cloudtrail');
    expect(human.code).toBe(EXIT.ok);
    expect(human.out).toContain('CONFORMANT: 0 events, no violations.\nRead 2 AWS CloudTrail records: 0 translated into log lines, 2 skipped (1 not a volume or key lifecycle event; 1 not translated although it changes volumes or keys (see the warning)).');
    expect(human.out).toContain('Warning: skipped records change volumes or keys the model tracks (ec2.amazonaws.com RunInstances)');
    const json = JSON.parse((await runText(text, '--format', 'cloudtrail', '--json')).out) as Record<string, unknown>;
    expect(json).toMatchObject({ skipped: 2, translated: 0, skippedByReason: { 'not-translated': 1, 'changes-state': 1 }, stateChanging: ['ec2.amazonaws.com RunInstances'] });
  });

  it.each([
    ['cloudtrail', '{"eventTime": "2026-03-02T09:00:00Z", "eventSource": "ec2.amazonaws.com", "eventName": "CreateSnapshot", "requestParameters": {"volumeId": "vol-1"}}', '[CLI.0404] trail.json: line 1: CreateSnapshot: responseElements.snapshotId is missing.'],
    ['cloudtrail', '{"Records": [{"eventTime": "2026-03-02T09:00:00Z", "eventSource": "kms.amazonaws.com", "eventName": "DisableKey", "requestParameters": {}}]}', '[CLI.0404] trail.json: Records[0]: DisableKey: requestParameters.keyId or responseElements.keyId is missing.'],
    ['cts', '[{"time": 1772442000000, "service_type": "ECS", "trace_name": "attachVolume", "trace_rating": "normal", "resource_id": "s-1", "request": "{}"}]', '[CLI.0404] trail.json: array[0]: attachVolume: request.volumeAttachment.volumeId is missing.'],
    ['cts', '{"time": 1772442000000, "trace_name": "x"}\nnot json', '[CLI.0403] trail.json: line 1: not a CTS trace'],
    ['cloudtrail', '{"seq": 1, "time": "2026-01-01T00:00:00Z", "op": "createKey", "key": "k1", "result": "ok"}', '[CLI.0403] trail.json: line 1: not a CloudTrail record'],
  ])('exits 2 on a malformed %s record, naming the record and the field', async (format, text, message) => {
    const r = await runText(text, '--format', format);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain(message);
    expect(r.err).toContain('Fix: ');
    expect(r.out).toBe('');
  });

  it('reads a trail from stdin when LOG is -', async () => {
    const text = '{"eventTime": "2026-03-02T09:00:00Z", "eventSource": "ec2.amazonaws.com", "eventName": "DetachVolume", "requestParameters": {"volumeId": "vol-1"}}\n';
    const io = fakeIo(TRAILS);
    const code = await createConformCommand({ stdin: () => Readable.from([text]) }).run(['-', '--format', 'cloudtrail', '--json'], io);
    expect(code).toBe(EXIT.failed);
    expect(JSON.parse(io.out())).toMatchObject({ violations: [{ op: 'detachDisk', expected: 'EVS.0404', record: 'line 1' }] });
  });

  it('exits 2 on a --format it does not know, listing the formats', async () => {
    const r = await run('--format', 'splunk', 'cts-violation.jsonl');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('[CLI.0407] --format "splunk" is not a known input format; the formats are: workbench, cloudtrail, cts.');
  });

  it('keeps the default format: our own log lines, and the same JSON shape', async () => {
    const r = await run('--format', 'workbench', '../logs/conformant-lifecycle.jsonl', '--json');
    expect(r.code).toBe(EXIT.ok);
    expect(Object.keys(JSON.parse(r.out) as object)).toEqual(['conformant', 'events', 'violations', 'violationCount', 'truncated']);
    // a trail given without --format is not our log: exit 2 naming the line
    expect((await run('cts-violation.jsonl')).err).toContain("[CLI.0405] cts-violation.jsonl: line 1: 'seq' must be a non-negative integer");
  });

  it('says in --help that reads and writes are not in the trails', async () => {
    const r = await run('--help');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain('--format F');
    expect(r.out).toContain('data-plane operations that neither trail');
  });
});
