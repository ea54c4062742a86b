import { describe, expect, it } from 'vitest';
import { CONFORM_INPUT_CODES } from '../../src/conform/log-line.ts';
import { OP_SIGNATURES, parseLogLine } from '../../src/conform/parse-line.ts';

const HEAD = { seq: 1, time: '2026-01-01T00:00:00Z', result: 'ok' };
const parse = (fields: Record<string, unknown>, lineNumber = 7) => parseLogLine(JSON.stringify({ ...HEAD, ...fields }), lineNumber);

function problemOf(r: ReturnType<typeof parseLogLine>) {
  if (r.ok) throw new Error(`expected a problem, got ${JSON.stringify(r.line)}`);
  return r.problem;
}

describe('parseLogLine', () => {
  it('reads every operation of the log format into a typed line', () => {
    const samples: Record<string, Record<string, unknown>> = {
      grantKmsAccess: { project: 'p1' },
      createKey: { key: 'k1' },
      enableKey: { key: 'k1' },
      disableKey: { key: 'k1' },
      scheduleKeyDeletion: { key: 'k1', pendingDays: 7 },
      cancelKeyDeletion: { key: 'k1' },
      keyDeleted: { key: 'k1' },
      createDisk: { disk: 'd1', encrypted: true, key: 'k1' },
      attachDisk: { disk: 'd1', server: 's1' },
      detachDisk: { disk: 'd1' },
      readDisk: { disk: 'd1' },
      writeDisk: { disk: 'd1' },
      deleteDisk: { disk: 'd1' },
      changeDiskEncryption: { disk: 'd1', encrypted: false },
      createSnapshot: { snapshot: 's1', disk: 'd1' },
      createDiskFromSnapshot: { disk: 'd2', snapshot: 's1' },
      createBackup: { backup: 'b1', disk: 'd1' },
      createDiskFromBackup: { disk: 'd3', backup: 'b1', encrypted: false },
      createImage: { image: 'i1', disk: 'd1' },
      createDiskFromImage: { disk: 'd4', image: 'i1' },
      replicateImage: { image: 'i1', region: 'r2' },
      exportImage: { image: 'i1' },
    };
    expect(Object.keys(samples).sort()).toEqual(Object.keys(OP_SIGNATURES).sort());
    for (const [op, fields] of Object.entries(samples)) {
      const r = parse({ op, ...fields });
      expect(r.ok, op).toBe(true);
      if (r.ok) expect(r.line).toMatchObject({ op, seq: 1, lineNumber: 7, timeMs: Date.UTC(2026, 0, 1), result: 'ok', error: null, ...fields });
    }
  });

  it('applies the defaults of optional arguments', () => {
    const grant = parse({ op: 'grantKmsAccess', project: 'p1' });
    expect(grant.ok && grant.line).toMatchObject({ securityAdmin: true });
    const disk = parse({ op: 'createDisk', disk: 'd1', encrypted: true });
    expect(disk.ok && disk.line).toMatchObject({ key: null });
    const fromSnapshot = parse({ op: 'createDiskFromSnapshot', disk: 'd2', snapshot: 's1' });
    expect(fromSnapshot.ok && fromSnapshot.line).toMatchObject({ encrypted: null });
  });

  it('keeps the error code of a refused line and ignores unknown extra fields', () => {
    const r = parse({ op: 'attachDisk', disk: 'd1', server: 's1', result: 'error', error: 'EVS.2001', requestId: 'abc' });
    expect(r.ok && r.line).toMatchObject({ result: 'error', error: 'EVS.2001' });
    const noCode = parse({ op: 'attachDisk', disk: 'd1', server: 's1', result: 'error' });
    expect(noCode.ok && noCode.line).toMatchObject({ result: 'error', error: null });
  });

  it('names the line and the fix for malformed JSON', () => {
    const p = problemOf(parseLogLine('{"seq": 1, "op": "createKey"', 12));
    expect(p.code).toBe(CONFORM_INPUT_CODES.malformedJson);
    expect(p.lineNumber).toBe(12);
    expect(p.message).toMatch(/^line 12: not valid JSON/);
    expect(p.fix).toMatch(/one JSON object per line/);
    expect(problemOf(parseLogLine('[1, 2]', 3)).code).toBe(CONFORM_INPUT_CODES.malformedJson);
  });

  it('rejects an unknown operation and lists the known ones', () => {
    const p = problemOf(parse({ op: 'rotateKey', key: 'k1' }));
    expect(p.code).toBe(CONFORM_INPUT_CODES.unknownOp);
    expect(p.message).toContain('"rotateKey"');
    expect(p.fix).toContain('scheduleKeyDeletion');
  });

  it('rejects missing and mistyped arguments, naming the operation and the argument', () => {
    const missing = problemOf(parse({ op: 'attachDisk', disk: 'd1' }));
    expect(missing.code).toBe(CONFORM_INPUT_CODES.badArgument);
    expect(missing.message).toBe("line 7: attachDisk: argument 'server' is missing.");
    expect(missing.fix).toContain('{disk, server}');
    expect(problemOf(parse({ op: 'createDisk', disk: 'd1', encrypted: 'yes' })).message).toContain("argument 'encrypted' must be true or false");
    expect(problemOf(parse({ op: 'scheduleKeyDeletion', key: 'k1', pendingDays: '7' })).message).toContain("'pendingDays' must be a number");
    expect(problemOf(parse({ op: 'createKey', key: '' })).message).toContain('non-empty string');
    expect(problemOf(parse({ op: 'createKey', key: 5 })).message).toContain('non-empty string');
  });

  it('rejects a key for an unencrypted disk', () => {
    const p = problemOf(parse({ op: 'createDisk', disk: 'd1', encrypted: false, key: 'k1' }));
    expect(p.message).toContain("key 'k1' is given");
    expect(p.fix).toContain('Remove "key"');
  });

  it('checks the header: seq, time, result, error', () => {
    expect(problemOf(parse({ op: 'createKey', key: 'k1', seq: -1 })).code).toBe(CONFORM_INPUT_CODES.badSeq);
    expect(problemOf(parse({ op: 'createKey', key: 'k1', seq: 1.5 })).code).toBe(CONFORM_INPUT_CODES.badSeq);
    expect(problemOf(parse({ op: 'createKey', key: 'k1', time: 'yesterday' })).code).toBe(CONFORM_INPUT_CODES.badTime);
    expect(problemOf(parse({ op: 'createKey', key: 'k1', time: '2026-02-30T00:00:00Z' })).code).toBe(CONFORM_INPUT_CODES.badTime);
    expect(problemOf(parse({ op: 'createKey', key: 'k1', result: 'failed' })).message).toContain('"ok" or "error"');
    expect(problemOf(parse({ op: 'createKey', key: 'k1', error: 'KMS.0207' })).message).toContain('"result" is "ok"');
    expect(problemOf(parse({ op: 'createKey', key: 'k1', result: 'error', error: 42 })).message).toContain('error code string');
  });

  it('refuses an error form of keyDeleted, which only records that time passed', () => {
    const p = problemOf(parse({ op: 'keyDeleted', key: 'k1', result: 'error', error: 'KMS.0207' }));
    expect(p.message).toContain('keyDeleted');
  });
});
