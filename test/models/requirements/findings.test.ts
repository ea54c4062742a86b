import { describe, expect, it } from 'vitest';
import { requirementById } from '../../../models/requirements/catalog.ts';
import { findingById, findings, outOfScope } from '../../../models/requirements/findings.ts';
import { occursInSeed } from './seed-text.ts';

describe('findings', () => {
  it('have unique ids', () => {
    const ids = findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^F(-[A-Z0-9]+)+$/);
  });

  it.each(findings.map((f) => [f.id, f] as const))('%s is well formed', (_id, f) => {
    expect(f.readings.length).toBeGreaterThanOrEqual(2);
    expect(new Set(f.readings.map((r) => r.id)).size).toBe(f.readings.length);
    expect(f.readings.map((r) => r.id)).toContain(f.modelTakes);
    expect(f.rationale.length).toBeGreaterThan(20);
    expect(f.requirementIds.length).toBeGreaterThan(0);
    for (const id of f.requirementIds) expect(requirementById(id), id).toBeDefined();
  });

  it.each(findings.map((f) => [f.id, f.seedSays] as const))('%s quotes the seed exactly', (_id, seedSays) => {
    for (const piece of seedSays.split(' … ')) expect(occursInSeed(piece), piece).toBe(true);
  });

  it('cover the questions the model had to decide', () => {
    const expectations: Array<[string, string]> = [
      ['F-CANCEL-LEAVES-DISABLED', 'cancel-then-enable'],
      ['F-TABLE1-LOST-ROWSPAN', 'merged-cell'],
      ['F-DISABLED-OR-DELETED', 'all-unavailable-alike'],
      ['F-MAY-NEVER', 'may-as-possibility'],
      ['F-NO-GUARANTEE-HOW-LONG', 'until-detach'],
      ['F-TABLE3-YES-NO', 'user-choice'],
      ['F-WAITING-PERIOD-ENDS-ATTACHED', 'keeps-working'],
      ['F-REVOKED-KMS-ACCESS', 'agency-permanent'],
      ['F-INTRO-VS-TABLE1', 'detached-only'],
      ['F-PERMISSION-NAME', 'one-permission'],
      ['F-REQUESTED-CONTRADICTS-SOURCE', 'refuse'],
    ];
    for (const [id, reading] of expectations) expect(findingById(id)?.modelTakes, id).toBe(reading);
  });

  it('record the seed contradictions as contradictions', () => {
    const contradictions = findings.filter((f) => f.severity === 'contradiction').map((f) => f.id);
    expect(contradictions).toEqual(expect.arrayContaining(['F-INTRO-VS-TABLE1', 'F-PERMISSION-NAME']));
  });
});

describe('out-of-scope statements', () => {
  it.each(outOfScope.map((s) => [s.quote, s] as const))('"%s" is seed text with a reason', (quote, s) => {
    expect(occursInSeed(quote)).toBe(true);
    expect(occursInSeed(s.section)).toBe(true);
    expect(s.reason.length).toBeGreaterThan(20);
  });

  it('include the HSM certification, which nothing here can check', () => {
    expect(outOfScope.some((s) => s.quote.includes('FIPS 140-2 level 3'))).toBe(true);
  });
});
