import { describe, expect, it } from 'vitest';
import { PRESETS, type SystemConfig, type SystemEvent } from '../../../models/index.ts';
import type { Observation, SutResult, SystemUnderTest } from '../../../src/adapter/system-under-test.ts';
import { WalkFailure, WalkModel, agrees } from '../../../src/testgen/random/walk-model.ts';

const minimal = PRESETS['minimal'] as SystemConfig;
const initial: Observation = { agency: false, keys: { k1: 'enabled' }, disks: {} };

function fakeSut(answer: (e: SystemEvent) => SutResult | Error, observation: () => Observation = () => initial): SystemUnderTest {
  return {
    name: 'fake',
    execute: async (e) => {
      const a = answer(e);
      if (a instanceof Error) throw a;
      return a;
    },
    observe: async () => observation(),
    close: async () => undefined,
  };
}

async function failureOf(p: Promise<void>): Promise<WalkFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WalkFailure) return e;
    throw e;
  }
  throw new Error('the step did not fail');
}

const createD1: SystemEvent = { type: 'disk.create', disk: 'd1', encrypted: true, key: 'k1' };

describe('agrees', () => {
  it('ok needs ok; a refusal needs the same code; broken never agrees', () => {
    expect(agrees({ kind: 'ok' }, { kind: 'ok' })).toBe(true);
    expect(agrees({ kind: 'ok' }, { kind: 'refused', code: 'EVS.1201', message: '' })).toBe(false);
    expect(agrees({ kind: 'refused', code: 'EVS.1201' }, { kind: 'refused', code: 'EVS.1201', message: '' })).toBe(true);
    expect(agrees({ kind: 'refused', code: 'EVS.1201' }, { kind: 'refused', code: 'EVS.2002', message: '' })).toBe(false);
    expect(agrees({ kind: 'refused', code: 'EVS.1201' }, { kind: 'ok' })).toBe(false);
    expect(agrees({ kind: 'ok' }, { kind: 'broken', message: 'x' })).toBe(false);
  });
});

describe('WalkModel.step', () => {
  it('accepts the predicted refusal and leaves the model where it was', async () => {
    const model = new WalkModel(minimal, false, 5);
    const before = model.state;
    await model.step(createD1, fakeSut(() => ({ kind: 'refused', code: 'EVS.1201', message: 'no agency' })));
    expect(model.state).toBe(before);
    expect(model.steps).toEqual([{ event: createD1, expected: { kind: 'refused', code: 'EVS.1201' }, actual: { kind: 'refused', code: 'EVS.1201', message: 'no agency' } }]);
  });

  it('fails on another refusal code, naming the step, and does not advance the model', async () => {
    const model = new WalkModel(minimal, false, 5);
    const f = await failureOf(model.step(createD1, fakeSut(() => ({ kind: 'refused', code: 'EVS.2002', message: 'x' }))));
    expect(f.detail).toMatchObject({ stepIndex: 0, event: createD1, expected: { kind: 'refused', code: 'EVS.1201' }, observationDiff: [] });
    expect(f.detail.reason).toBe('step 1 (disk.create d1 encrypted by k1): the model predicts EVS.1201, the implementation answered EVS.2002');
    expect(f.steps).toHaveLength(1);
    expect(f.sutSeed).toBe(5);
  });

  it('turns a throwing execute into a broken answer', async () => {
    const model = new WalkModel(minimal, false, 5);
    const f = await failureOf(model.step(createD1, fakeSut(() => new Error('disk full'))));
    expect(f.detail.actual).toEqual({ kind: 'broken', message: 'execute threw disk full' });
  });

  it('fails when the answer agrees but the observable state does not', async () => {
    const model = new WalkModel(minimal, false, 5);
    const grant: SystemEvent = { type: 'kms.grantAccess', securityAdmin: true };
    const f = await failureOf(model.step(grant, fakeSut(() => ({ kind: 'ok' }), () => ({ ...initial, agency: true }))));
    expect(f.detail.observationDiff).toEqual(['key evs/default: expected enabled, got absent']);
    expect(model.state.agency).toBe(false);
  });

  it('checks the initial state, failing before the first step', async () => {
    const model = new WalkModel(minimal, false, 5);
    await model.checkInitial(fakeSut(() => ({ kind: 'ok' })));
    const f = await failureOf(model.checkInitial(fakeSut(() => ({ kind: 'ok' }), () => ({ ...initial, keys: {} }))));
    expect(f.detail.stepIndex).toBe(-1);
    expect(f.detail.observationDiff).toEqual(['key k1: expected enabled, got absent']);
  });

  it('wraps any other error as a failure at the current step', () => {
    const model = new WalkModel(minimal, false, 5);
    const f = model.wrap(new TypeError('boom'));
    expect(f.detail.reason).toBe('the walk stopped with an error: TypeError: boom');
    expect(model.wrap(f)).toBe(f);
  });
});
