import { describe, expect, it } from 'vitest';
import { enumerateProvisioningCases } from '../../../models/provisioning/enumerate-cases.ts';
import { PROVISIONING_RULE_IDS } from '../../../models/provisioning/rule-ids.ts';
import { describeRequest, identifyCases, ruleTag } from '../../../src/testgen/provisioning/provisioning-case-names.ts';

describe('provisioning case names', () => {
  it('tags every rule in the seed-table style', () => {
    expect(ruleTag('table3.from-backup')).toBe('T3-FROM-BACKUP');
    expect(ruleTag('table2.encrypted-image')).toBe('T2-ENCRYPTED-IMAGE');
    expect(new Set(PROVISIONING_RULE_IDS.map(ruleTag)).size).toBe(PROVISIONING_RULE_IDS.length);
  });

  it('numbers cases per kind in enumeration order, stably', () => {
    const a = identifyCases(enumerateProvisioningCases());
    const b = identifyCases(enumerateProvisioningCases());
    expect(a.map((c) => c.id)).toEqual(b.map((c) => c.id));
    expect(a.filter((c) => c.request.kind === 'grantAgency').map((c) => c.id)).toEqual(['prov-grantAgency-1', 'prov-grantAgency-2']);
    for (const c of a) expect(c.id).toMatch(/^prov-[a-zA-Z]+-\d+$/);
  });

  it('writes titles that say the rule, the request and the expectation', () => {
    const cases = identifyCases(enumerateProvisioningCases());
    const title = (pred: (c: (typeof cases)[number]) => boolean): string | undefined => cases.find(pred)?.title;
    expect(
      title((c) => c.request.kind === 'diskFromBackup' && c.request.backupEncrypted && c.request.backupKey === 'cmk-1' && !c.request.encrypted && c.request.diskType === 'SSD'),
    ).toBe('[T3-FROM-BACKUP] disk from encrypted (cmk-1) backup → unencrypted (SSD): allowed, unencrypted, data preserved');
    expect(title((c) => c.request.kind === 'exportImage' && c.request.imageEncrypted)).toBe('[T4-IMAGE-NO-EXPORT] export encrypted (evs/default) image: refused EVS.4002');
    expect(title((c) => c.request.kind === 'grantAgency' && c.request.securityAdministrator)).toBe(
      '[T4-AGENCY-NEEDS-ADMIN] grant the EVS agency as a security administrator: allowed, evs/default created',
    );
    expect(describeRequest({ kind: 'diskFromSnapshot', snapshotEncrypted: false, snapshotKey: null, requestedEncrypted: true })).toBe(
      'disk from unencrypted snapshot, asking for encrypted',
    );
  });
});
