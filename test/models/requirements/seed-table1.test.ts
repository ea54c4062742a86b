import { describe, expect, it } from 'vitest';
import { requirementById } from '../../../models/requirements/catalog.ts';
import { ATTACHMENTS, seedTable1, seedTable1Cell, UNAVAILABLE_KEY_STATES } from '../../../models/requirements/seed-table1.ts';
import { occursInSeed } from './seed-text.ts';

describe('the seed\'s Table 1 as data', () => {
  it('has exactly one cell per key state and attachment', () => {
    expect(seedTable1).toHaveLength(6);
    for (const k of UNAVAILABLE_KEY_STATES) for (const a of ATTACHMENTS) expect(seedTable1Cell(k, a).keyState).toBe(k);
  });

  it('quotes the seed and names existing requirements', () => {
    for (const c of seedTable1) {
      expect(occursInSeed(c.impactText)).toBe(true);
      expect(occursInSeed(c.restore.text)).toBe(true);
      for (const id of c.requirementIds) expect(requirementById(id), id).toBeDefined();
    }
  });

  it('says attached disks read and write normally and cannot be re-attached after detach, in every key state', () => {
    for (const k of UNAVAILABLE_KEY_STATES) {
      expect(seedTable1Cell(k, 'attached')).toMatchObject({ readWrite: 'normal', detach: 'allowed', attach: null, attachAfterDetach: 'refused' });
      expect(seedTable1Cell(k, 'detached')).toMatchObject({ readWrite: 'impossible', detach: null, attach: 'refused', attachAfterDetach: null });
    }
  });

  it('marks the Impact of the lower two rows as coming from the merged Disabled cell', () => {
    expect(seedTable1Cell('disabled', 'attached').impactSource).toBe('row');
    expect(seedTable1Cell('pendingDeletion', 'detached').impactSource).toBe('merged-from-disabled-row');
    expect(seedTable1Cell('deleted', 'attached').impactSource).toBe('merged-from-disabled-row');
  });

  it('keeps the seed\'s restore actions, including cancel-only for a pending deletion', () => {
    expect(seedTable1Cell('disabled', 'detached').restore).toMatchObject({ action: 'key.enable', restorable: true });
    expect(seedTable1Cell('pendingDeletion', 'detached').restore).toMatchObject({ action: 'key.cancelDeletion', restorable: true });
    expect(seedTable1Cell('deleted', 'attached').restore).toMatchObject({ action: null, restorable: false });
  });

  it('refuses to invent cells', () => {
    expect(() => seedTable1Cell('enabled' as never, 'attached')).toThrow(/no cell/);
  });
});
