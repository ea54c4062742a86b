import { describe, expect, it } from 'vitest';
import { requirementById } from '../../../models/requirements/catalog.ts';
import { decideProvisioning } from '../../../models/provisioning/decide-provisioning.ts';
import { CASE_KEYS, enumerateProvisioningCases } from '../../../models/provisioning/enumerate-cases.ts';
import { DISK_CREATING_KINDS, DISK_TYPES, PROVISIONING_REQUEST_KINDS } from '../../../models/provisioning/provisioning-request.ts';
import { PROVISIONING_RULE_IDS, PROVISIONING_RULES } from '../../../models/provisioning/rule-ids.ts';
import { occursInSeed } from '../requirements/seed-text.ts';

const cases = enumerateProvisioningCases();

describe('enumerateProvisioningCases', () => {
  it('covers every request kind', () => {
    const kinds = new Set(cases.map((c) => c.request.kind));
    for (const k of PROVISIONING_REQUEST_KINDS) expect(kinds.has(k), k).toBe(true);
  });

  it('covers every rule, both allowed and refused where the rule refuses', () => {
    for (const rule of PROVISIONING_RULE_IDS) expect(cases.some((c) => c.expected.rule === rule), rule).toBe(true);
    const refusing = new Set(cases.flatMap((c) => (c.expected.allowed ? [] : [c.expected.code])));
    expect([...refusing].sort()).toEqual(['EVS.1101', 'EVS.1201', 'EVS.1202', 'EVS.4001', 'EVS.4002', 'EVS.4003']);
  });

  it('creates every disk type with every disk-creating kind, and encrypts each type somewhere', () => {
    for (const kind of DISK_CREATING_KINDS) {
      const types = new Set(cases.flatMap((c) => (c.request.kind === kind && 'diskType' in c.request ? [c.request.diskType] : [])));
      expect([...types].sort(), kind).toEqual([...DISK_TYPES].sort());
    }
    for (const t of DISK_TYPES) {
      expect(cases.some((c) => 'diskType' in c.request && c.request.diskType === t && c.expected.allowed && c.expected.encrypted), t).toBe(true);
    }
  });

  it('uses both the default key and a CMK', () => {
    for (const key of CASE_KEYS) expect(cases.some((c) => c.expected.allowed && c.expected.key === key), key).toBe(true);
  });

  it('has no duplicate requests', () => {
    const seen = cases.map((c) => JSON.stringify(c.request));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('expects exactly what decideProvisioning decides, and traces each case to catalog requirements', () => {
    for (const c of cases) {
      expect(c.expected).toEqual(decideProvisioning(c.request));
      expect(c.requirementIds.length, JSON.stringify(c.request)).toBeGreaterThan(0);
      for (const id of c.requirementIds) expect(requirementById(id), id).toBeDefined();
    }
  });

  it('traces every encrypted disk it creates to "All disk types"', () => {
    for (const c of cases) {
      if (c.expected.allowed && c.expected.encrypted && DISK_CREATING_KINDS.includes(c.request.kind)) {
        expect(c.requirementIds).toContain('T4-ALL-DISK-TYPES');
      }
    }
  });
});

describe('provisioning rules', () => {
  it('have unique ids and name real seed tables', () => {
    expect(new Set(PROVISIONING_RULE_IDS).size).toBe(PROVISIONING_RULE_IDS.length);
    for (const r of PROVISIONING_RULES) {
      expect(occursInSeed(`**${r.table}**`), r.id).toBe(true);
      expect(r.id.startsWith(r.table.replace('Table ', 'table')), r.id).toBe(true);
    }
  });
});
