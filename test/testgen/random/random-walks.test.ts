import { describe, expect, it } from 'vitest';
import { PRESETS, initialSystemState, stepSystem, systemAlphabet, type SystemConfig, type SystemEvent } from '../../../models/index.ts';
import { referenceSutFactory } from '../../../src/adapter/reference/reference-sut.ts';
import { isWorkbenchError } from '../../../src/errors/workbench-error.ts';
import { runRandomWalks, type WalkProgress } from '../../../src/testgen/random/random-walks.ts';

const preset = (name: string): SystemConfig => {
  const c = PRESETS[name];
  if (!c) throw new Error(`no preset ${name}`);
  return c;
};
const factory = referenceSutFactory();

async function recordWalks(config: SystemConfig, seed: number, runs: number, maxLength: number, badInput = false) {
  const walks: SystemEvent[][] = [];
  const sutSeeds: number[] = [];
  const onProgress = (p: WalkProgress): void => {
    walks.push([...p.events]);
    sutSeeds.push(p.sutSeed);
  };
  const r = await runRandomWalks({ config, factory, seed, runs, maxLength, badInput, onProgress });
  return { walks, sutSeeds, kind: r.kind, events: r.kind === 'pass' ? r.events : -1 };
}

/** Replays a walk on the model alone: every event must be in the alphabet of the state it was taken in. */
function eventsOutsideAlphabet(config: SystemConfig, events: readonly SystemEvent[], badInput: boolean): string[] {
  let state = initialSystemState(config);
  const out: string[] = [];
  for (const e of events) {
    const offered = systemAlphabet(config, state, { badInput }).map((x) => JSON.stringify(x));
    if (!offered.includes(JSON.stringify(e))) out.push(JSON.stringify(e));
    state = stepSystem(state, e).next;
  }
  return out;
}

describe('runRandomWalks against the reference implementation', () => {
  for (const name of ['minimal', 'default']) {
    it(`passes 30 walks of up to 40 events at the '${name}' preset`, async () => {
      const walks: WalkProgress[] = [];
      const r = await runRandomWalks({ config: preset(name), factory, seed: 20260101, runs: 30, maxLength: 40, onProgress: (p) => void walks.push(p) });
      if (r.kind === 'fail') throw new Error(r.message);
      expect(r).toMatchObject({ kind: 'pass', runs: 30, seed: 20260101 });
      expect(walks).toHaveLength(30);
      expect(walks.every((w) => w.passed && w.phase === 'walk')).toBe(true);
      expect(r.events).toBe(walks.reduce((n, w) => n + w.events.length, 0));
      // the walks are long enough to matter: some reach attached disks and key changes
      expect(Math.max(...walks.map((w) => w.events.length))).toBeGreaterThanOrEqual(15);
      const types = new Set(walks.flatMap((w) => w.events.map((e) => e.type)));
      for (const t of ['kms.grantAccess', 'disk.create', 'disk.attach', 'disk.write', 'disk.read', 'key.disable', 'key.scheduleDeletion']) expect(types).toContain(t);
    }, 20_000);
  }

  it('only takes events the model alphabet offers in the state reached', async () => {
    const config = preset('default');
    const { walks } = await recordWalks(config, 7, 15, 40);
    for (const w of walks) expect(eventsOutsideAlphabet(config, w, false)).toEqual([]);
  }, 20_000);

  it('offers bad-input events only with badInput, and the reference refuses them as the model predicts', async () => {
    const config = preset('minimal');
    const isBad = (e: SystemEvent): boolean =>
      (e.type === 'key.scheduleDeletion' && (e.pendingDays < 7 || e.pendingDays > 1096)) || (e.type === 'kms.grantAccess' && !e.securityAdmin);
    const plain = await recordWalks(config, 11, 15, 40, false);
    expect(plain.walks.flat().some(isBad)).toBe(false);
    const bad = await recordWalks(config, 11, 15, 40, true);
    expect(bad.kind).toBe('pass');
    expect(bad.walks.flat().some(isBad)).toBe(true);
    for (const w of bad.walks) expect(eventsOutsideAlphabet(config, w, true)).toEqual([]);
  }, 20_000);
});

describe('determinism', () => {
  it('gives identical walks (events and implementation seeds) for the same seed, different walks for another seed', async () => {
    const config = preset('default');
    const a = await recordWalks(config, 123, 12, 30);
    const b = await recordWalks(config, 123, 12, 30);
    const c = await recordWalks(config, 124, 12, 30);
    expect(a.walks.length).toBe(12);
    expect(a.kind).toBe('pass');
    expect(b.walks).toEqual(a.walks);
    expect(b.sutSeeds).toEqual(a.sutSeeds);
    expect(b.events).toBe(a.events);
    expect(c.walks).not.toEqual(a.walks);
    expect(c.sutSeeds).not.toEqual(a.sutSeeds);
  }, 20_000);
});

describe('option checks', () => {
  const config = preset('minimal');
  const code = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
    } catch (e) {
      return isWorkbenchError(e) ? e.code : `not a WorkbenchError: ${String(e)}`;
    }
    return 'no error';
  };

  it('refuses bad runs, lengths and seeds with CLI.0603', async () => {
    expect(await code(runRandomWalks({ config, factory, seed: 1, runs: 0, maxLength: 10 }))).toBe('CLI.0603');
    expect(await code(runRandomWalks({ config, factory, seed: 1, runs: 2, maxLength: 1.5 }))).toBe('CLI.0603');
    expect(await code(runRandomWalks({ config, factory, seed: 2 ** 40, runs: 2, maxLength: 10 }))).toBe('CLI.0603');
  });

  it('refuses a malformed replay path with CLI.0601, and one that does not fit the walks with CLI.0602', async () => {
    expect(await code(runRandomWalks({ config, factory, seed: 1, runs: 1, maxLength: 10, path: 'four:one' }))).toBe('CLI.0601');
    // a shrink path without the commands' replay path cannot be rebuilt
    expect(await code(runRandomWalks({ config, factory, seed: 1, runs: 1, maxLength: 40, path: '3:5:2:7' }))).toBe('CLI.0602');
  });
});
