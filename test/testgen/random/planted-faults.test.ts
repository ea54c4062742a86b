import { describe, expect, it } from 'vitest';
import { PRESETS, type SystemConfig, type SystemEvent } from '../../../models/index.ts';
import { mutantById, mutatedReferenceFactory, type MutantId } from '../../../src/adapter/mutants.ts';
import { referenceSutFactory } from '../../../src/adapter/reference/reference-sut.ts';
import { runRandomWalks, type RandomWalkResult } from '../../../src/testgen/random/random-walks.ts';

/**
 * The random walks must catch realistic planted faults and shrink each one
 * to a short counterexample that names the cause, and the printed replay
 * token must rerun exactly that counterexample.
 */
const minimal = PRESETS['minimal'] as SystemConfig;
const defaults = PRESETS['default'] as SystemConfig;

function factoryFor(id: MutantId) {
  const mutant = mutantById(id);
  if (!mutant) throw new Error(`no mutant ${id}`);
  return mutatedReferenceFactory(mutant);
}

type Failed = Extract<RandomWalkResult, { kind: 'fail' }>;

async function hunt(id: MutantId, config: SystemConfig, seed: number): Promise<{ result: Failed; firstFailure: readonly SystemEvent[] }> {
  let firstFailure: readonly SystemEvent[] | null = null;
  const result = await runRandomWalks({
    config,
    factory: factoryFor(id),
    seed,
    runs: 30,
    maxLength: 40,
    onProgress: (p) => {
      if (!p.passed && firstFailure === null) firstFailure = p.events;
    },
  });
  if (result.kind !== 'fail') throw new Error(`mutant ${id} survived ${config.name} seed ${seed}`);
  if (firstFailure === null) throw new Error('no failing walk was reported');
  return { result, firstFailure };
}

const types = (events: readonly SystemEvent[]): string[] => events.map((e) => e.type);

describe('planted faults are caught and shrunk', () => {
  it("'kms-ignores-disabled-key': a short walk that disables the key, then attaches, which must be refused with EVS.2001", async () => {
    for (const [config, seed] of [[minimal, 42], [defaults, 42]] as const) {
      const { result } = await hunt('kms-ignores-disabled-key', config, seed);
      expect(result.counterexample.length).toBeLessThanOrEqual(5);
      expect(types(result.counterexample)).toContain('key.disable');
      expect(result.counterexample.at(-1)?.type).toBe('disk.attach');
      expect(result.failure.expected).toEqual({ kind: 'refused', code: 'EVS.2001' });
      expect(result.failure.actual).toEqual({ kind: 'ok' });
      expect(result.failure.stepIndex).toBe(result.counterexample.length - 1);
      expect(result.message).toMatch(/✗\s+\d+\. disk\.attach d1 → s1\s+expected EVS\.2001\s+actual ok/);
    }
  }, 20_000);

  it("'host-keeps-dk-after-detach': shrinks to grant, create, attach, detach with a dkInMemory difference", async () => {
    const { result, firstFailure } = await hunt('host-keeps-dk-after-detach', minimal, 42);
    expect(firstFailure.length).toBeGreaterThan(result.counterexample.length); // shrinking did work
    expect(result.shrinks).toBeGreaterThan(0);
    expect(types(result.counterexample)).toEqual(['kms.grantAccess', 'disk.create', 'disk.attach', 'disk.detach']);
    expect(result.failure.actual).toEqual({ kind: 'ok' });
    expect(result.failure.observationDiff).toEqual(['disk d1 dkInMemory: expected false, got true']);
    expect(result.message).toContain('disk d1 dkInMemory: expected false, got true');
  }, 20_000);

  it("'write-ignores-offset-within-sector': a later read returns other bytes than were written", async () => {
    const { result } = await hunt('write-ignores-offset-within-sector', minimal, 42);
    expect(result.failure.actual?.kind).toBe('broken');
    expect(result.counterexample.at(-1)?.type).toBe('disk.read');
    expect(types(result.counterexample)).toContain('disk.write');
    expect(result.counterexample.length).toBeLessThanOrEqual(10);
  }, 20_000);

  it("'cancel-deletion-enables-key': schedule then cancel leaves the key enabled instead of disabled", async () => {
    const { result } = await hunt('cancel-deletion-enables-key', minimal, 42);
    expect(types(result.counterexample)).toEqual(['key.scheduleDeletion', 'key.cancelDeletion']);
    expect(result.failure.observationDiff).toContain('key k1: expected disabled, got enabled');
  }, 20_000);
});

describe('replay', () => {
  it('prints one replay line with the seed and the token, and the token reruns exactly the counterexample', async () => {
    const { result } = await hunt('host-keeps-dk-after-detach', defaults, 7);
    expect(result.replay).not.toContain('\n');
    expect(result.replay).toBe(`npx evs-workbench verify --config default --strategies random:1x40 --seed 7 --no-bad-input --replay-path "${result.path}"`);
    expect(result.replayApi).toContain(`seed: 7`);
    expect(result.replayApi).toContain(JSON.stringify(result.path));
    expect(result.message).toContain(result.replay);

    const phases: string[] = [];
    const again = await runRandomWalks({ config: defaults, factory: factoryFor('host-keeps-dk-after-detach'), seed: 7, runs: 30, maxLength: 40, path: result.path, onProgress: (p) => void phases.push(p.phase) });
    expect(phases).toEqual(['replay']); // one walk, no search, no shrinking
    expect(again.kind).toBe('fail');
    if (again.kind !== 'fail') return;
    expect(again.counterexample).toEqual(result.counterexample);
    expect(again.sutSeed).toBe(result.sutSeed);
    expect(again.failure).toEqual(result.failure);
    expect(again.path).toBe(result.path);

    // with the fault fixed, the same replay passes
    const fixed = await runRandomWalks({ config: defaults, factory: referenceSutFactory(), seed: 7, runs: 30, maxLength: 40, path: result.path });
    expect(fixed).toMatchObject({ kind: 'pass', runs: 1, events: result.counterexample.length });
  }, 20_000);

  it('replays an unshrunk failure from its run index alone', async () => {
    const { result } = await hunt('kms-ignores-disabled-key', minimal, 42);
    expect(result.path).toMatch(/^\d+$/);
    const phases: string[] = [];
    const again = await runRandomWalks({ config: minimal, factory: factoryFor('kms-ignores-disabled-key'), seed: 42, runs: 30, maxLength: 40, path: result.path, onProgress: (p) => void phases.push(p.phase) });
    expect(phases).toEqual(['replay']);
    expect(again.kind === 'fail' ? again.counterexample : []).toEqual(result.counterexample);
  }, 20_000);

  it('finds the same counterexample, path and message for the same seed', async () => {
    const a = await hunt('kms-ignores-disabled-key', defaults, 42);
    const b = await hunt('kms-ignores-disabled-key', defaults, 42);
    expect(b.result.counterexample).toEqual(a.result.counterexample);
    expect(b.result.path).toBe(a.result.path);
    expect(b.result.message).toBe(a.result.message);
  }, 20_000);
});
