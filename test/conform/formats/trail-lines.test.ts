import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CLOUDTRAIL_FORMAT } from '../../../src/conform/formats/cloudtrail.ts';
import { conformTrail } from '../../../src/conform/formats/conform-trail.ts';
import type { TrailRecord } from '../../../src/conform/formats/read-records.ts';
import { TrailTranslation } from '../../../src/conform/formats/trail-lines.ts';
import type { LogLine } from '../../../src/conform/log-line.ts';

const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00Z`;
const kms = (minute: number, name: string, rest: Record<string, unknown> = {}) => ({
  eventTime: at(minute), eventSource: 'kms.amazonaws.com', eventName: name, recipientAccountId: '111122223333', requestParameters: { keyId: KEY }, ...rest,
});
const createKey = (minute: number) => kms(minute, 'CreateKey', { requestParameters: {}, responseElements: { keyMetadata: { keyId: KEY } } });
const describe_ = (minute: number) => ({ eventTime: at(minute), eventSource: 'ec2.amazonaws.com', eventName: 'DescribeVolumes', readOnly: true });

async function* records(...list: Array<Record<string, unknown>>): AsyncGenerator<TrailRecord> {
  let i = 0;
  for (const record of list) {
    i += 1;
    yield { record, position: i, where: `line ${i}` };
  }
}

async function collect(t: TrailTranslation, source: AsyncIterable<TrailRecord>): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for await (const line of t.lines(source)) out.push(line);
  return out;
}

const jsonl = (...list: Array<Record<string, unknown>>) => Readable.from([list.map((r) => JSON.stringify(r)).join('\n')]);

describe('TrailTranslation', () => {
  it('numbers the lines, adds one grantKmsAccess before the first translated line, and counts what it skipped', async () => {
    const t = new TrailTranslation(CLOUDTRAIL_FORMAT, 'trail');
    const lines = await collect(t, records(describe_(0), createKey(1), describe_(2), kms(3, 'DisableKey'), kms(4, 'DisableKey', { errorCode: 'AccessDenied' })));
    expect(lines.map((l) => [l.seq, l.op, l.lineNumber, l.time])).toEqual([
      [1, 'grantKmsAccess', 2, at(1)],
      [2, 'createKey', 2, at(1)],
      [3, 'disableKey', 4, at(3)],
    ]);
    expect(lines[0]).toMatchObject({ project: '111122223333', securityAdmin: true, result: 'ok' });
    expect(t.stats()).toEqual({
      records: 5,
      translated: 2,
      skipped: 3,
      skippedByReason: { 'not-translated': 2, 'not-authorized': 1 },
      stateChanging: [],
      synthetic: 1,
    });
  });

  it('adds no grant to a trail with nothing to translate', async () => {
    const t = new TrailTranslation(CLOUDTRAIL_FORMAT, 'trail');
    expect(await collect(t, records(describe_(0)))).toEqual([]);
    expect(t.stats()).toMatchObject({ records: 1, translated: 0, skipped: 1, synthetic: 0 });
  });

  it('lists the skipped events that change state, once each', async () => {
    const t = new TrailTranslation(CLOUDTRAIL_FORMAT, 'trail');
    const run = (minute: number) => ({ eventTime: at(minute), eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances' });
    await collect(t, records(run(0), run(1), kms(2, 'DeleteImportedKeyMaterial')));
    expect(t.stats().stateChanging).toEqual(['ec2.amazonaws.com RunInstances', 'kms.amazonaws.com DeleteImportedKeyMaterial']);
  });

  it('stops at a malformed record of a translated event, naming the record and the field', async () => {
    const t = new TrailTranslation(CLOUDTRAIL_FORMAT, 'trail.jsonl');
    const bad = { eventTime: at(2), eventSource: 'ec2.amazonaws.com', eventName: 'AttachVolume', requestParameters: { volumeId: 'vol-1' } };
    await expect(collect(t, records(createKey(1), bad))).rejects.toMatchObject({
      code: 'CLI.0404',
      message: 'trail.jsonl: line 2: AttachVolume: requestParameters.instanceId is missing.',
      data: { record: 'line 2', line: 2 },
    });
  });
});

describe('conformTrail', () => {
  it('judges the translated lines with the monitor and names the record of each violation', async () => {
    const attach = (minute: number) => ({ eventTime: at(minute), eventSource: 'ec2.amazonaws.com', eventName: 'AttachVolume', requestParameters: { volumeId: 'vol-1', instanceId: 'i-1' } });
    const seen: string[] = [];
    const report = await conformTrail('cloudtrail', jsonl(attach(1)), 'trail', { onViolation: (v, where) => seen.push(`${v.op} ${where}`) });
    expect(report).toMatchObject({ conformant: false, events: 2, violationCount: 1, format: 'cloudtrail', where: ['line 1'] });
    expect(report.violations[0]).toMatchObject({ op: 'attachDisk', expected: 'EVS.0404', actual: 'ok' });
    expect(seen).toEqual(['attachDisk line 1']);
  });

  it('refuses JSON Lines whose time goes backwards, naming the line (CLI.0406)', async () => {
    await expect(conformTrail('cloudtrail', jsonl(createKey(5), kms(1, 'DisableKey')), 'trail')).rejects.toMatchObject({ code: 'CLI.0406', data: { line: 2 } });
  });

  it('streams JSON Lines without the document size limit', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => (i === 0 ? createKey(0) : describe_(1)));
    const report = await conformTrail('cloudtrail', jsonl(...many), 'trail', { maxDocumentBytes: 1024 });
    expect(report).toMatchObject({ conformant: true, events: 2, stats: { records: 3000, skipped: 2999 } });
  });
});
