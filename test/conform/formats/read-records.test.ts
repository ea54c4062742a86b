import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CLOUDTRAIL_FORMAT } from '../../../src/conform/formats/cloudtrail.ts';
import { CTS_FORMAT } from '../../../src/conform/formats/cts.ts';
import { TrailReader, type TrailRecord } from '../../../src/conform/formats/read-records.ts';
import type { TrailFormatSpec } from '../../../src/conform/formats/trail-format.ts';

const rec = (second: number, name = `E${second}`) => ({ eventTime: `2026-03-02T09:00:${String(second).padStart(2, '0')}Z`, eventSource: 'ec2.amazonaws.com', eventName: name });

/** A stream that hands over `text` in small chunks, as a file or pipe would. */
function chunked(text: string, size = 5): Readable {
  return Readable.from(text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? []);
}

async function read(text: string, spec: TrailFormatSpec = CLOUDTRAIL_FORMAT, max?: number): Promise<{ records: TrailRecord[]; reader: TrailReader }> {
  const reader = new TrailReader(spec, 'trail.json', max);
  const records: TrailRecord[] = [];
  for await (const r of reader.records(chunked(text))) records.push(r);
  return { records, reader };
}

const names = (records: TrailRecord[]) => records.map((r) => r.record['eventName']);

describe('TrailReader', () => {
  it('streams JSON Lines one record per line, naming records by line and skipping blank lines, CRLF and a BOM', async () => {
    const text = `\uFEFF${JSON.stringify(rec(1))}\r\n\r\n${JSON.stringify(rec(2))}\r\n`;
    const { records, reader } = await read(text);
    expect(names(records)).toEqual(['E1', 'E2']);
    expect(records.map((r) => [r.position, r.where])).toEqual([[1, 'line 1'], [3, 'line 3']]);
    expect(reader.label(3)).toBe('line 3');
  });

  it('keeps JSON Lines in file order (the monitor refuses time going backwards)', async () => {
    const { records } = await read([rec(5), rec(1)].map((r) => JSON.stringify(r)).join('\n'));
    expect(names(records)).toEqual(['E5', 'E1']);
  });

  it('reads a one-line {"Records": [...]} file whole and sorts it by eventTime, stably', async () => {
    const { records, reader } = await read(JSON.stringify({ Records: [rec(3, 'c'), rec(1, 'a'), rec(3, 'd'), rec(2, 'b')] }));
    expect(names(records)).toEqual(['a', 'b', 'c', 'd']);
    expect(records.map((r) => r.where)).toEqual(['Records[1]', 'Records[3]', 'Records[0]', 'Records[2]']);
    expect(reader.label(1)).toBe('Records[0]');
  });

  it('reads a pretty-printed document', async () => {
    const { records } = await read(JSON.stringify({ Records: [rec(2), rec(1)] }, null, 2));
    expect(names(records)).toEqual(['E1', 'E2']);
    expect(records[0]?.where).toBe('Records[1]');
  });

  it('reads lookup-events output ({"Events": [...]} with CloudTrailEvent strings)', async () => {
    const events = [rec(2), rec(1)].map((r) => ({ EventId: 'x', EventName: r.eventName, CloudTrailEvent: JSON.stringify(r) }));
    const { records } = await read(JSON.stringify({ Events: events }, null, 1));
    expect(names(records)).toEqual(['E1', 'E2']);
    expect(records[0]?.where).toBe('Events[1]');
  });

  it('reads CTS traces as a JSON array or {"traces": [...]}, newest first as CTS lists them', async () => {
    const traces = [{ time: 3000, trace_name: 'c' }, { time: 1000, trace_name: 'a' }];
    const array = await read(JSON.stringify(traces, null, 2), CTS_FORMAT);
    expect(array.records.map((r) => r.record['trace_name'])).toEqual(['a', 'c']);
    expect(array.records[0]?.where).toBe('array[1]');
    const api = await read(JSON.stringify({ traces, meta_data: { count: 2 } }), CTS_FORMAT);
    expect(api.records.map((r) => r.where)).toEqual(['traces[1]', 'traces[0]']);
  });

  it('refuses a document over the size limit with CLI.0408 and a fix', async () => {
    const text = JSON.stringify({ Records: Array.from({ length: 50 }, (_, i) => rec(i % 60)) }, null, 2);
    await expect(read(text, CLOUDTRAIL_FORMAT, 1024)).rejects.toMatchObject({
      code: 'CLI.0408',
      message: expect.stringContaining('larger than 1024 bytes, the limit for a document parsed whole') as unknown,
      fix: expect.stringContaining("jq -c '.Records | sort_by(.eventTime) | .[]'") as unknown,
    });
    await expect(read(text, CLOUDTRAIL_FORMAT, 1 << 20)).resolves.toMatchObject({ records: expect.any(Array) as unknown });
  });

  it.each([
    ['a JSON Lines line that is not JSON', `${JSON.stringify(rec(1))}\n{"eventName": \n`, 'trail.json: line 2: not valid JSON'],
    ['a line that is not an object', `${JSON.stringify(rec(1))}\n[1]\n`, 'trail.json: line 2: each AWS CloudTrail record must be a JSON object, got an array.'],
    ['a first line that is not JSON at all', 'eventName,eventTime\n', 'trail.json: line 1: not valid JSON'],
    ['a document that is not JSON', '{"Records": [\n{"eventName": }\n]}', 'trail.json: the document: not valid JSON'],
    ['a document without records', '{\n"Foo": []\n}', 'trail.json: the document: expected {"Records": [...]}, {"Events": [...]} or a JSON array of records.'],
    ['a record that is not an object', '{"Records": [1]}', 'trail.json: Records[0]: each AWS CloudTrail record must be a JSON object, got 1.'],
    ['a lookup event whose CloudTrailEvent is broken', '{"Events": [{"CloudTrailEvent": "{"}]}', 'trail.json: Events[0]: CloudTrailEvent is not valid JSON'],
  ])('names the place of %s (CLI.0402)', async (_name, text, message) => {
    await expect(read(text)).rejects.toMatchObject({ code: 'CLI.0402', message: expect.stringContaining(message) as unknown });
  });

  it('destroys the input when the reader is abandoned mid-stream', async () => {
    const input = chunked(`${JSON.stringify(rec(1))}\n${JSON.stringify(rec(2))}\n`);
    const reader = new TrailReader(CLOUDTRAIL_FORMAT, 'trail.json');
    for await (const r of reader.records(input)) {
      expect(r.position).toBe(1);
      break;
    }
    expect(input.destroyed).toBe(true);
  });
});
