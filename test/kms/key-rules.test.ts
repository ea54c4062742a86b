import { describe, expect, it } from 'vitest';
import { assertUsable, checkAlias, checkPendingDays, checkProject, nextState, type Transition } from '../../src/kms/key-rules.ts';
import type { KeyInfo, KeyState } from '../../src/kms/kms-types.ts';
import { expectCode } from './kms-fixture.ts';

function key(state: KeyState, isDefault = false): KeyInfo {
  return { keyId: 'k-1', alias: isDefault ? 'evs/default' : 'cmk', project: 'p', state, isDefault, createdAt: 0, deletionDate: state === 'pendingDeletion' || state === 'deleted' ? 1 : null };
}

// The whole lifecycle table of a CMK: next state, or the error code.
const table: Record<Transition, Record<KeyState, KeyState | string>> = {
  enableKey: { enabled: 'KMS.1201', disabled: 'enabled', pendingDeletion: 'KMS.0210', deleted: 'KMS.0207' },
  disableKey: { enabled: 'disabled', disabled: 'KMS.1301', pendingDeletion: 'KMS.0210', deleted: 'KMS.0207' },
  scheduleKeyDeletion: { enabled: 'pendingDeletion', disabled: 'pendingDeletion', pendingDeletion: 'KMS.1402', deleted: 'KMS.0207' },
  cancelKeyDeletion: { enabled: 'KMS.1501', disabled: 'KMS.1501', pendingDeletion: 'disabled', deleted: 'KMS.0207' },
};

describe('CMK lifecycle rules', () => {
  for (const [op, row] of Object.entries(table) as [Transition, Record<KeyState, string>][]) {
    for (const [from, expected] of Object.entries(row) as [KeyState, string][]) {
      it(`${op} from ${from} → ${expected}`, () => {
        if (expected.startsWith('KMS.')) {
          const err = expectCode(() => nextState(key(from), op), expected);
          expect(err.message).toContain('k-1');
          expect(err.data['state']).toBe(from);
        } else {
          expect(nextState(key(from), op)).toBe(expected);
        }
      });
    }
  }

  it('every state change of a default key is KMS.0211', () => {
    for (const op of Object.keys(table) as Transition[]) expectCode(() => nextState(key('enabled', true), op), 'KMS.0211');
  });

  it('only an enabled key can be used for data keys', () => {
    expect(() => assertUsable(key('enabled'), 'generateDataKey')).not.toThrow();
    expectCode(() => assertUsable(key('disabled'), 'generateDataKey'), 'KMS.0209');
    expectCode(() => assertUsable(key('pendingDeletion'), 'decryptDataKey'), 'KMS.0210');
    expectCode(() => assertUsable(key('deleted'), 'encryptDataKey'), 'KMS.0207');
  });

  it('messages name the key, its state and the next step', () => {
    const disabled = expectCode(() => assertUsable(key('disabled'), 'generateDataKey'), 'KMS.0209');
    expect(disabled.message).toMatch(/k-1.*disabled/);
    expect(disabled.fix).toContain('enableKey');
    const pending = expectCode(() => assertUsable(key('pendingDeletion'), 'generateDataKey'), 'KMS.0210');
    expect(pending.fix).toContain('cancelKeyDeletion');
  });
});

describe('waiting period', () => {
  it('accepts whole days 7..1096', () => {
    for (const days of [7, 8, 30, 1095, 1096]) expect(checkPendingDays(days)).toBe(days);
  });
  it('refuses everything else with KMS.1401', () => {
    for (const days of [6, 1097, 7.5, Number.NaN, 0, -7, Infinity, '7', null, undefined]) expectCode(() => checkPendingDays(days), 'KMS.1401');
  });
});

describe('aliases', () => {
  it('accept the KMS pattern ^[a-zA-Z0-9:/_-]{1,255}$', () => {
    for (const alias of ['a', 'disk-keys/finance', 'A:b_c-9', 'x'.repeat(255), 'default-keys', 'evs/defaults']) expect(checkAlias(alias)).toBe(alias);
  });
  it('refuse bad characters, empty and too long with KMS.0401', () => {
    for (const alias of ['', 'x'.repeat(256), 'has space', 'é', 'a.b', 42]) expectCode(() => checkAlias(alias), 'KMS.0401');
  });
  it('reserve evs/default and every */default alias', () => {
    for (const alias of ['evs/default', 'obs/default', 'a/b/default', 'default']) {
      const err = expectCode(() => checkAlias(alias), 'KMS.0401');
      expect(err.message).toContain('reserved');
    }
  });
  it('projects must be non-empty identifiers', () => {
    expect(checkProject('project-a')).toBe('project-a');
    for (const p of ['', 'a b', 'x'.repeat(129), 7]) expectCode(() => checkProject(p), 'KMS.0401');
  });
});
