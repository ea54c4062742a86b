import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESETS, type SystemConfig, type SystemEvent } from '../../models/index.ts';
import { MUTANTS, mutantById, mutatedReferenceFactory, type Mutant, type MutantId } from '../../src/adapter/mutants.ts';
import { referenceSutFactory } from '../../src/adapter/reference/reference-sut.ts';
import { SimulatedClock } from '../../src/clock/clock.ts';
import { isWorkbenchError } from '../../src/errors/workbench-error.ts';
import { SeededRandom } from '../../src/rng/random-source.ts';
import { Cloud } from '../../src/system/cloud.ts';
import { WalkFailure, WalkModel } from '../../src/testgen/random/walk-model.ts';
import type { SutFactory } from '../../src/adapter/system-under-test.ts';

const minimal = PRESETS['minimal'] as SystemConfig;
const must = (id: MutantId): Mutant => {
  const m = mutantById(id);
  if (!m) throw new Error(`no mutant ${id}`);
  return m;
};

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A cloud with k1, the agency, one encrypted disk (512-byte sectors) and one server. */
function cloudWithDisk(seed: number) {
  const dir = mkdtempSync(join(tmpdir(), 'evs-mutants-'));
  dirs.push(dir);
  const cloud = Cloud.open({ dir, clock: new SimulatedClock(), random: new SeededRandom(seed) });
  const key = cloud.kms.createKey('p1', 'k1');
  cloud.kms.grantEvsAccess('p1', { securityAdministrator: true });
  const disk = cloud.evs.createDisk({ project: 'p1', name: 'd1', sizeBytes: 8192, sectorSize: 512, encrypted: true, keyId: key.keyId });
  const server = cloud.evs.createServer({ project: 'p1', name: 's1' });
  return { cloud, keyId: key.keyId, diskId: disk.diskId, serverId: server.serverId };
}

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return isWorkbenchError(e) ? e.code : String(e);
  }
  return 'ok';
};

describe('the mutant catalog', () => {
  it('has unique ids, each found by mutantById, with a description and a symptom', () => {
    const ids = MUTANTS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['kms-ignores-disabled-key', 'host-keeps-dk-after-detach', 'write-ignores-offset-within-sector']));
    for (const m of MUTANTS) {
      expect(mutantById(m.id)).toBe(m);
      expect(m.description.length).toBeGreaterThan(20);
      expect(m.symptom.length).toBeGreaterThan(20);
    }
    expect(mutantById('no-such-mutant')).toBeUndefined();
  });
});

describe('each mutant changes one behaviour of one cloud, and undo restores it', () => {
  it('kms-ignores-disabled-key: attach succeeds under a disabled key; the key stays disabled', () => {
    const a = cloudWithDisk(1);
    const b = cloudWithDisk(1);
    try {
      a.cloud.kms.disableKey(a.keyId);
      b.cloud.kms.disableKey(b.keyId);
      const undo = must('kms-ignores-disabled-key').apply(a.cloud);
      expect(codeOf(() => a.cloud.evs.attachDisk(a.diskId, a.serverId))).toBe('ok');
      expect(a.cloud.kms.describeKey(a.keyId).state).toBe('disabled');
      expect(codeOf(() => b.cloud.evs.attachDisk(b.diskId, b.serverId))).toBe('EVS.2001'); // the other cloud is untouched
      a.cloud.evs.detachDisk(a.diskId);
      undo();
      expect(codeOf(() => a.cloud.evs.attachDisk(a.diskId, a.serverId))).toBe('EVS.2001');
    } finally {
      a.cloud.close();
      b.cloud.close();
    }
  });

  it('host-keeps-dk-after-detach: the DK stays loaded after detach, only in the mutated cloud', () => {
    const a = cloudWithDisk(2);
    const b = cloudWithDisk(2);
    try {
      const undo = must('host-keeps-dk-after-detach').apply(a.cloud);
      for (const c of [a, b]) {
        c.cloud.evs.attachDisk(c.diskId, c.serverId);
        c.cloud.evs.detachDisk(c.diskId);
      }
      expect(a.cloud.evs.loadedDataKeys(a.serverId)).toEqual([a.diskId]);
      expect(b.cloud.evs.loadedDataKeys(b.serverId)).toEqual([]);
      undo();
      a.cloud.evs.attachDisk(a.diskId, a.serverId);
      a.cloud.evs.detachDisk(a.diskId);
      expect(a.cloud.evs.loadedDataKeys(a.serverId)).toEqual([]);
    } finally {
      a.cloud.close();
      b.cloud.close();
    }
  });

  it('write-ignores-offset-within-sector: an unaligned write lands at the sector start; aligned writes are unaffected', () => {
    const a = cloudWithDisk(3);
    try {
      a.cloud.evs.attachDisk(a.diskId, a.serverId);
      const undo = must('write-ignores-offset-within-sector').apply(a.cloud);
      a.cloud.evs.writeDisk(a.diskId, 1024, Buffer.from('aligned'));
      expect(a.cloud.evs.readDisk(a.diskId, 1024, 7).toString()).toBe('aligned');
      a.cloud.evs.writeDisk(a.diskId, 600, Buffer.from('hello'));
      expect(a.cloud.evs.readDisk(a.diskId, 600, 5)).toEqual(Buffer.alloc(5));
      expect(a.cloud.evs.readDisk(a.diskId, 512, 5).toString()).toBe('hello');
      undo();
      a.cloud.evs.writeDisk(a.diskId, 2100, Buffer.from('world'));
      expect(a.cloud.evs.readDisk(a.diskId, 2100, 5).toString()).toBe('world');
    } finally {
      a.cloud.close();
    }
  });

  it('cancel-deletion-enables-key: cancelling leaves the key enabled', () => {
    const a = cloudWithDisk(4);
    try {
      const undo = must('cancel-deletion-enables-key').apply(a.cloud);
      a.cloud.kms.scheduleKeyDeletion(a.keyId, 7);
      expect(a.cloud.kms.cancelKeyDeletion(a.keyId).state).toBe('enabled');
      undo();
      a.cloud.kms.scheduleKeyDeletion(a.keyId, 7);
      expect(a.cloud.kms.cancelKeyDeletion(a.keyId).state).toBe('disabled');
    } finally {
      a.cloud.close();
    }
  });
});

/** Runs a fixed event sequence against a system under test with the model as oracle; the first failure, or null. */
async function runSequence(factory: SutFactory, events: readonly SystemEvent[]): Promise<WalkFailure | null> {
  const sut = await factory.create(minimal, 1);
  const model = new WalkModel(minimal, false, 1);
  try {
    await model.checkInitial(sut);
    for (const e of events) await model.step(e, sut);
    return null;
  } catch (e) {
    if (e instanceof WalkFailure) return e;
    throw e;
  } finally {
    await sut.close();
  }
}

describe('fixed event sequences catch the mutants through the reference adapter', () => {
  const grant: SystemEvent = { type: 'kms.grantAccess', securityAdmin: true };
  const create: SystemEvent = { type: 'disk.create', disk: 'd1', encrypted: true, key: 'k1' };
  const attach: SystemEvent = { type: 'disk.attach', disk: 'd1', server: 's1' };
  const cases: ReadonlyArray<{ id: MutantId; events: SystemEvent[]; failsAt: number; diff?: string }> = [
    { id: 'kms-ignores-disabled-key', events: [grant, create, { type: 'key.disable', key: 'k1' }, attach], failsAt: 3 },
    { id: 'host-keeps-dk-after-detach', events: [grant, create, attach, { type: 'disk.detach', disk: 'd1' }], failsAt: 3, diff: 'disk d1 dkInMemory: expected false, got true' },
    {
      id: 'cancel-deletion-enables-key',
      events: [{ type: 'key.scheduleDeletion', key: 'k1', pendingDays: 7 }, { type: 'key.cancelDeletion', key: 'k1' }],
      failsAt: 1,
      diff: 'key k1: expected disabled, got enabled',
    },
  ];
  for (const c of cases) {
    it(`${c.id}: the reference passes, the mutant fails at step ${c.failsAt + 1}`, async () => {
      expect(await runSequence(referenceSutFactory(), c.events)).toBeNull();
      const failure = await runSequence(mutatedReferenceFactory(must(c.id)), c.events);
      expect(failure?.detail.stepIndex).toBe(c.failsAt);
      if (c.diff) expect(failure?.detail.observationDiff).toContain(c.diff);
      else expect(failure?.detail.actual).toEqual({ kind: 'ok' });
    });
  }

  it('names the mutant in the factory name', () => {
    expect(mutatedReferenceFactory(must('host-keeps-dk-after-detach')).name).toContain('with mutant host-keeps-dk-after-detach');
  });
});
