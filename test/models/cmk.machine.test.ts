import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { cmkMachine, type CmkEvent } from '../../models/cmk.machine.ts';
import { initialKey, stepKey } from '../../models/system/component-step.ts';
import type { KeyData, ComponentState } from '../../models/system/system-types.ts';

const at = (value: string, isDefault = false, remainingDays: number | null = null): ComponentState<KeyData> => ({
  value,
  context: { keyId: isDefault ? 'evs/default' : 'k1', isDefault, remainingDays, materialPresent: value !== 'deleted' },
});

const events: Record<string, CmkEvent> = {
  enable: { type: 'key.enable' },
  disable: { type: 'key.disable' },
  schedule7: { type: 'key.scheduleDeletion', pendingDays: 7 },
  cancel: { type: 'key.cancelDeletion' },
};

// Every state × every event of a CMK: the expected next state, or the refusal code.
const expected: Record<string, Record<string, string>> = {
  enabled: { enable: '⟂KMS.1201', disable: 'disabled', schedule7: 'pendingDeletion', cancel: '⟂KMS.1501' },
  disabled: { enable: 'enabled', disable: '⟂KMS.1301', schedule7: 'pendingDeletion', cancel: '⟂KMS.1501' },
  pendingDeletion: { enable: '⟂KMS.0210', disable: '⟂KMS.0210', schedule7: '⟂KMS.1402', cancel: 'disabled' },
  deleted: { enable: '⟂KMS.0207', disable: '⟂KMS.0207', schedule7: '⟂KMS.0207', cancel: '⟂KMS.0207' },
};

describe('CMK lifecycle', () => {
  it('starts enabled with its material', () => {
    const [s] = initialTransition(cmkMachine, { keyId: 'k1', isDefault: false });
    expect(s.value).toBe('enabled');
    expect(s.context.materialPresent).toBe(true);
  });

  for (const [state, row] of Object.entries(expected)) {
    for (const [name, want] of Object.entries(row)) {
      it(`${state} + ${name} → ${want}`, () => {
        const r = stepKey(at(state, false, state === 'pendingDeletion' ? 7 : null), events[name] as CmkEvent);
        expect(r.handled).toBe(true);
        if (want.startsWith('⟂')) {
          expect(r.outcome).toEqual({ kind: 'refused', code: want.slice(1) });
          expect(r.next.value).toBe(state);
        } else {
          expect(r.outcome).toEqual({ kind: 'ok' });
          expect(r.next.value).toBe(want);
        }
      });
    }
  }

  it('cancelling a scheduled deletion leaves the key DISABLED, not enabled', () => {
    const r = stepKey(at('pendingDeletion', false, 30), { type: 'key.cancelDeletion' });
    expect(r.next.value).toBe('disabled');
    expect(r.next.context.remainingDays).toBeNull();
  });

  it.each([6, 1097, 7.5, 0, -7, Number.NaN])('refuses a waiting period of %s days with KMS.1401', (days) => {
    for (const state of ['enabled', 'disabled']) {
      const r = stepKey(at(state), { type: 'key.scheduleDeletion', pendingDays: days });
      expect(r.outcome).toEqual({ kind: 'refused', code: 'KMS.1401' });
    }
  });

  it.each([7, 1096, 30])('accepts a waiting period of %s days and counts it down with the clock', (days) => {
    const scheduled = stepKey(at('enabled'), { type: 'key.scheduleDeletion', pendingDays: days });
    expect(scheduled.next).toMatchObject({ value: 'pendingDeletion', context: { remainingDays: days } });
    const almost = stepKey(scheduled.next, { type: 'clock.advance', days: days - 1 });
    expect(almost.next).toMatchObject({ value: 'pendingDeletion', context: { remainingDays: 1, materialPresent: true } });
    const gone = stepKey(almost.next, { type: 'clock.advance', days: 1 });
    expect(gone.next).toMatchObject({ value: 'deleted', context: { materialPresent: false, remainingDays: null } });
  });

  it('the clock changes nothing outside a waiting period', () => {
    for (const state of ['enabled', 'disabled']) expect(stepKey(at(state), { type: 'clock.advance', days: 5000 }).next.value).toBe(state);
  });

  it('the default master key refuses every state change (KMS.0211)', () => {
    const key = initialKey({ keyId: 'evs/default', isDefault: true });
    expect(stepKey(key, { type: 'key.disable' }).outcome).toEqual({ kind: 'refused', code: 'KMS.0211' });
    expect(stepKey(key, { type: 'key.enable' }).outcome).toEqual({ kind: 'refused', code: 'KMS.0211' });
    expect(stepKey(key, { type: 'key.cancelDeletion' }).outcome).toEqual({ kind: 'refused', code: 'KMS.0211' });
    expect(stepKey(key, { type: 'key.scheduleDeletion', pendingDays: 7 }).outcome).toEqual({ kind: 'refused', code: 'KMS.0211' });
  });

  it('deleted is final: XState reports the machine done', () => {
    const [s0] = initialTransition(cmkMachine, { keyId: 'k1', isDefault: false });
    const [s1] = transition(cmkMachine, s0, { type: 'key.scheduleDeletion', pendingDays: 7 });
    const [s2] = transition(cmkMachine, s1, { type: 'clock.advance', days: 7 });
    expect(s2.value).toBe('deleted');
    expect(s2.status).toBe('done');
  });

  it('every refusal transition carries its code in meta (for diagrams and reports)', () => {
    for (const node of Object.values(cmkMachine.root.states)) {
      for (const [, defs] of node.transitions) {
        for (const def of defs) {
          const meta = def.meta as { refusal?: { code: string } } | undefined;
          if (def.target === undefined && meta?.refusal) expect(meta.refusal.code).toMatch(/^KMS\.\d{4}$/);
        }
      }
    }
  });
});
