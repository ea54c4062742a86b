import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformStream } from '../../src/conform/run-conform.ts';

/** Every sample log in examples/logs, with the verdict it must get. */
const LOGS = resolve(import.meta.dirname, '../../examples/logs');

type Expectation =
  | { readonly conformant: true }
  | { readonly violations: ReadonlyArray<readonly [op: string, kind: string, requirement: string | null]> }
  | { readonly unreadable: string };

const EXPECTED: Record<string, Expectation> = {
  'conformant-lifecycle.jsonl': { conformant: true },
  'violation-success-forbidden.jsonl': { violations: [['attachDisk', 'success-forbidden', 'T1-DISABLED-ATTACHED-IMPACT']] },
  'violation-refusal-not-allowed.jsonl': { violations: [['writeDisk', 'refusal-not-allowed', 'T1-DISABLED-ATTACHED-IMPACT']] },
  'violation-wrong-code.jsonl': { violations: [['attachDisk', 'wrong-code', 'T1-DISABLED-DETACHED-IMPACT']] },
  'violation-table3-inheritance.jsonl': { violations: [['createDiskFromSnapshot', 'success-forbidden', 'T3-SNAPSHOT-ENCRYPTED']] },
  'violation-encrypted-image.jsonl': {
    violations: [
      ['replicateImage', 'success-forbidden', 'T4-IMAGE-NO-REPLICATE'],
      ['exportImage', 'success-forbidden', 'T4-IMAGE-NO-EXPORT'],
    ],
  },
  'violation-key-deleted-early.jsonl': { violations: [['keyDeleted', 'success-forbidden', 'TXT-UNAVAILABLE-CMK-CONSEQUENCE']] },
  'violation-key-used-after-deletion.jsonl': {
    violations: [
      ['cancelKeyDeletion', 'success-forbidden', 'T1-DELETED-DETACHED-RESTORE'],
      ['enableKey', 'success-forbidden', 'T1-DELETED-DETACHED-RESTORE'],
      ['attachDisk', 'success-forbidden', 'T1-DELETED-DETACHED-IMPACT'],
    ],
  },
  'malformed-json.jsonl': { unreadable: 'CLI.0402' },
  'malformed-unknown-op.jsonl': { unreadable: 'CLI.0403' },
  'malformed-missing-argument.jsonl': { unreadable: 'CLI.0404' },
  'malformed-seq.jsonl': { unreadable: 'CLI.0405' },
  'malformed-time-backwards.jsonl': { unreadable: 'CLI.0406' },
};

const files = readdirSync(LOGS).filter((f) => f.endsWith('.jsonl')).sort();

describe('sample logs in examples/logs', () => {
  it('each has an expected verdict here', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it('the conformant lifecycle uses every operation of the log format', () => {
    const ops = new Set(readFileSync(join(LOGS, 'conformant-lifecycle.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { op: string }).op));
    expect([...ops].sort()).toEqual(
      [
        'grantKmsAccess', 'createKey', 'enableKey', 'disableKey', 'scheduleKeyDeletion', 'cancelKeyDeletion', 'keyDeleted',
        'createDisk', 'attachDisk', 'detachDisk', 'readDisk', 'writeDisk', 'deleteDisk', 'changeDiskEncryption',
        'createSnapshot', 'createDiskFromSnapshot', 'createBackup', 'createDiskFromBackup', 'createImage', 'createDiskFromImage',
        'replicateImage', 'exportImage',
      ].sort(),
    );
  });

  it.each(files)('%s gets its verdict', async (file) => {
    const expected = EXPECTED[file];
    if (!expected) throw new Error(`no expectation for ${file}`);
    const run = conformStream(createReadStream(join(LOGS, file), { encoding: 'utf8' }), file);
    if ('unreadable' in expected) {
      await expect(run).rejects.toMatchObject({ code: expected.unreadable });
      return;
    }
    const report = await run;
    if ('conformant' in expected) {
      expect(report.violations).toEqual([]);
      return;
    }
    expect(report.violations.map((v) => [v.op, v.kind, v.requirement])).toEqual(expected.violations);
  });
});
