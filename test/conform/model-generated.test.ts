import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_ID, initialSystemState, stepSystem, type SystemEvent, type SystemState } from '../../models/index.ts';
import { DAY_MS } from '../../src/clock/clock.ts';
import { EMPTY_SYSTEM } from '../../src/conform/monitor-state.ts';
import { conformLines } from '../../src/conform/run-conform.ts';
import { LOG_START_MS } from './log-builder.ts';

/**
 * Logs recorded from the model itself: random system events run through
 * `stepSystem` (the oracle, used directly here, not through conform), each
 * written as a log line with the model's outcome as the result, time passing
 * in whole days with `keyDeleted` lines when waiting periods end. Such a log
 * must conform; flipping one line's result must make that line the first
 * violation.
 */
const KEYS = ['k1', 'k2', DEFAULT_KEY_ID];
const DISKS = ['d1', 'd2', 'd3'];

type Action = { readonly kind: 'event'; readonly event: SystemEvent; readonly changeTo: boolean } | { readonly kind: 'wait'; readonly days: number };

const key = fc.constantFrom(...KEYS);
const disk = fc.constantFrom(...DISKS);
const event: fc.Arbitrary<SystemEvent> = fc.oneof(
  { weight: 1, arbitrary: fc.boolean().map((securityAdmin) => ({ type: 'kms.grantAccess', securityAdmin }) as const) },
  { weight: 1, arbitrary: fc.constantFrom('k1', 'k2').map((k) => ({ type: 'key.create', key: k }) as const) },
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('key.enable', 'key.disable', 'key.cancelDeletion'), key).map(([type, k]) => ({ type, key: k }) as const) },
  { weight: 2, arbitrary: fc.tuple(key, fc.constantFrom(7, 8, 3)).map(([k, pendingDays]) => ({ type: 'key.scheduleDeletion', key: k, pendingDays }) as const) },
  { weight: 1, arbitrary: fc.tuple(disk, fc.option(key, { nil: null })).map(([d, k]) => ({ type: 'disk.create', disk: d, encrypted: k !== null, key: k }) as const) },
  { weight: 6, arbitrary: fc.tuple(disk, fc.constantFrom('s1', 's2')).map(([d, server]) => ({ type: 'disk.attach', disk: d, server }) as const) },
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('disk.detach', 'disk.read', 'disk.write'), disk).map(([type, d]) => ({ type, disk: d }) as const) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('disk.delete', 'disk.changeEncryption'), disk).map(([type, d]) => ({ type, disk: d }) as const) },
);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(event, fc.boolean()).map(([e, changeTo]) => ({ kind: 'event', event: e, changeTo }) as const) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 8 }).map((days) => ({ kind: 'wait', days }) as const) },
);

/** Every log starts from a usable project, so the random part exercises Table 1 rather than missing ids. */
const PREFIX: readonly Action[] = (
  [
    { type: 'kms.grantAccess', securityAdmin: true },
    { type: 'key.create', key: 'k1' },
    { type: 'key.create', key: 'k2' },
    { type: 'disk.create', disk: 'd1', encrypted: true, key: 'k1' },
    { type: 'disk.create', disk: 'd2', encrypted: true, key: 'k2' },
    { type: 'disk.create', disk: 'd3', encrypted: false, key: null },
  ] as const
).map((e) => ({ kind: 'event', event: e, changeTo: false }));

function logFields(e: SystemEvent, changeTo: boolean): Record<string, unknown> {
  switch (e.type) {
    case 'kms.grantAccess':
      return { op: 'grantKmsAccess', project: 'p1', securityAdmin: e.securityAdmin };
    case 'key.create':
      return { op: 'createKey', key: e.key };
    case 'key.enable':
      return { op: 'enableKey', key: e.key };
    case 'key.disable':
      return { op: 'disableKey', key: e.key };
    case 'key.cancelDeletion':
      return { op: 'cancelKeyDeletion', key: e.key };
    case 'key.scheduleDeletion':
      return { op: 'scheduleKeyDeletion', key: e.key, pendingDays: e.pendingDays };
    case 'clock.advance':
      throw new Error('time is written as the time field');
    case 'disk.create':
      // encrypted without a key means evs/default in the log format
      return { op: 'createDisk', disk: e.disk, encrypted: e.encrypted, ...(e.key !== null && e.key !== DEFAULT_KEY_ID ? { key: e.key } : {}) };
    case 'disk.attach':
      return { op: 'attachDisk', disk: e.disk, server: e.server };
    case 'disk.changeEncryption':
      return { op: 'changeDiskEncryption', disk: e.disk, encrypted: changeTo };
    default: {
      const op = ({ 'disk.detach': 'detachDisk', 'disk.read': 'readDisk', 'disk.write': 'writeDisk', 'disk.delete': 'deleteDisk' } as const)[e.type];
      return { op, disk: e.disk };
    }
  }
}

/** Runs the actions through the model and records the log it would produce. */
function record(actions: readonly Action[]): string[] {
  let state: SystemState = initialSystemState(EMPTY_SYSTEM);
  let day = 0;
  const lines: string[] = [];
  const write = (fields: Record<string, unknown>) => {
    lines.push(JSON.stringify({ seq: lines.length + 1, time: new Date(LOG_START_MS + day * DAY_MS).toISOString(), ...fields }));
  };
  for (const a of actions) {
    if (a.kind === 'wait') {
      const r = stepSystem(state, { type: 'clock.advance', days: a.days });
      day += a.days;
      for (const [id, k] of Object.entries(r.next.keys)) if (state.keys[id]?.value === 'pendingDeletion' && k.value === 'deleted') write({ op: 'keyDeleted', key: id, result: 'ok' });
      state = r.next;
      continue;
    }
    const r = stepSystem(state, a.event);
    if (r.outcome.kind === 'refused' && r.outcome.code === 'MODEL.0001') continue; // the model does not decide it: no system answer to record
    write({ ...logFields(a.event, a.changeTo), ...(r.outcome.kind === 'ok' ? { result: 'ok' } : { result: 'error', error: r.outcome.code }) });
    state = r.next;
  }
  return lines;
}

const logs = fc.array(action, { minLength: 10, maxLength: 80, size: 'max' }).map((actions) => record([...PREFIX, ...actions]));

describe('logs recorded from the model', () => {
  it('always conform', () => {
    fc.assert(
      fc.property(logs, (lines) => {
        const r = conformLines(lines);
        expect(r.violations).toEqual([]);
        expect(r.events).toBe(lines.length);
      }),
      { seed: 20260101, numRuns: 300 },
    );
  });

  it('stop conforming at the line whose result is flipped', () => {
    fc.assert(
      fc.property(logs, fc.nat(), fc.boolean(), (lines, pick, withCode) => {
        const candidates = lines.map((l, i) => [JSON.parse(l) as Record<string, unknown>, i] as const).filter(([o]) => o['op'] !== 'keyDeleted');
        fc.pre(candidates.length > 0);
        const [line, index] = candidates[pick % candidates.length]!;
        const wasOk = line['result'] === 'ok';
        const { error: _code, ...rest } = line;
        const flipped = wasOk ? { ...rest, result: 'error', ...(withCode ? { error: 'EVS.9999' } : {}) } : { ...rest, result: 'ok' };
        const mutated = lines.map((l, i) => (i === index ? JSON.stringify(flipped) : l));
        const r = conformLines(mutated);
        expect(r.conformant).toBe(false);
        expect(r.violations[0]).toMatchObject({ seq: index + 1, kind: wasOk ? 'refusal-not-allowed' : 'success-forbidden' });
      }),
      { seed: 20260102, numRuns: 300 },
    );
  });

  it('stop conforming when a refusal carries another code', () => {
    fc.assert(
      fc.property(logs, fc.nat(), (lines, pick) => {
        const refusals = lines.map((l, i) => [JSON.parse(l) as Record<string, unknown>, i] as const).filter(([o]) => o['result'] === 'error');
        fc.pre(refusals.length > 0);
        const [line, index] = refusals[pick % refusals.length]!;
        const r = conformLines(lines.map((l, i) => (i === index ? JSON.stringify({ ...line, error: 'EVS.9999' }) : l)));
        expect(r.violations[0]).toMatchObject({ seq: index + 1, kind: 'wrong-code', actual: 'EVS.9999', expected: line['error'] });
      }),
      { seed: 20260103, numRuns: 200 },
    );
  });
});
