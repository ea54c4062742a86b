import { describe, expect, it } from 'vitest';
import { catalogIssues, requirementById, requirements } from '../../../models/requirements/catalog.ts';
import type { Requirement } from '../../../models/requirements/catalog.ts';
import { REQUIREMENT_ID_PATTERN, SEED_SECTIONS } from '../../../models/requirements/requirement.ts';
import { PROVISIONING_RULE_IDS, isProvisioningRuleId } from '../../../models/provisioning/rule-ids.ts';
import { occursInSeed } from './seed-text.ts';

const byKind = (kind: Requirement['kind']): Requirement[] => requirements.filter((r) => r.kind === kind);
const rulesOf = (r: Requirement): string[] => r.constrains.flatMap((c) => (c.kind === 'rule' ? [c.rule] : []));

describe('requirement catalog: structure', () => {
  it('has no structural issues', () => {
    expect(catalogIssues(requirements)).toEqual([]);
  });

  it('has unique ids in the stable format', () => {
    const ids = requirements.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(REQUIREMENT_ID_PATTERN);
  });

  it('finds requirements by id and returns undefined for unknown ids', () => {
    expect(requirementById('T1-DISABLED-ATTACHED-IMPACT')?.source.row).toBe('Disabled');
    expect(requirementById('T1-NOPE')).toBeUndefined();
  });

  it('reports planted problems as data', () => {
    const good = requirements[0];
    if (good === undefined) throw new Error('empty catalog');
    const broken: Requirement[] = [
      good,
      { ...good },
      { ...good, id: 'TXT-EMPTY', constrains: [], source: { ...good.source, quote: '  ' }, verifiedBy: [] },
      { ...good, id: 'T1-lower-case' },
      { ...good, id: 'T2-WRONG-KIND', kind: 'table3', statement: '' },
    ];
    const kinds = catalogIssues(broken).map((i) => `${i.requirementId}:${i.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        `${good.id}:duplicate-id`,
        'TXT-EMPTY:empty-constrains',
        'TXT-EMPTY:missing-quote',
        'TXT-EMPTY:no-verification',
        'T1-lower-case:bad-id-format',
        'T2-WRONG-KIND:kind-prefix-mismatch',
        'T2-WRONG-KIND:missing-statement',
      ]),
    );
  });
});

describe('requirement catalog: every quote is the seed\'s own text', () => {
  it.each(requirements.map((r) => [r.id, r.source.quote] as const))('%s quotes the seed exactly', (_id, quote) => {
    expect(occursInSeed(quote), `not in the seed: "${quote}"`).toBe(true);
  });

  it('names only real seed sections and tables', () => {
    const sections = Object.values(SEED_SECTIONS) as string[];
    for (const s of sections) expect(occursInSeed(s), s).toBe(true);
    for (const r of requirements) {
      expect(sections, r.id).toContain(r.source.section);
      if (r.source.table !== undefined) expect(occursInSeed(`**${r.source.table}**`), r.id).toBe(true);
    }
  });

  it('detects a quote that is not in the seed', () => {
    expect(occursInSeed('The encryption attribute of a disk can be changed after the disk is created.')).toBe(false);
  });
});

describe('requirement catalog: Table 1 is complete', () => {
  const rows = ['Disabled', 'Scheduled deletion', 'Deleted'] as const;
  const part = { Disabled: 'DISABLED', 'Scheduled deletion': 'PENDING', Deleted: 'DELETED' } as const;

  it.each(rows.flatMap((row) => (['ATTACHED', 'DETACHED'] as const).flatMap((a) => (['IMPACT', 'RESTORE'] as const).map((c) => [row, a, c] as const))))(
    '%s / %s / %s has a requirement with model refs',
    (row, attachment, column) => {
      const r = requirementById(`T1-${part[row]}-${attachment}-${column}`);
      expect(r?.kind).toBe('table1');
      expect(r?.source.row).toBe(row);
      expect(r?.source.column).toBe(column === 'IMPACT' ? 'Impact' : 'How to Restore');
      expect(r?.constrains.length).toBeGreaterThan(0);
    },
  );

  it('applies the merged Impact cell of the Disabled row to all three rows', () => {
    const impacts = byKind('table1').filter((r) => r.source.column === 'Impact');
    expect(impacts).toHaveLength(6);
    const attachedQuotes = new Set(impacts.filter((r) => r.id.includes('-ATTACHED-')).map((r) => r.source.quote));
    expect(attachedQuotes.size).toBe(1);
  });

  it('restores a pending-deletion key through cancel AND enable', () => {
    const r = requirementById('T1-PENDING-DETACHED-RESTORE');
    const events = r?.constrains.flatMap((c) => (c.kind === 'transition' ? [c.event] : [])) ?? [];
    expect(events).toEqual(expect.arrayContaining(['key.cancelDeletion', 'key.enable']));
  });
});

describe('requirement catalog: Tables 2, 3 and 4 are complete', () => {
  const expectRow = (kind: Requirement['kind'], rowPart: string, minimum = 1): void => {
    const found = byKind(kind).filter((r) => r.source.row?.includes(rowPart) === true && r.constrains.length > 0);
    expect(found.length, `${kind} row "${rowPart}"`).toBeGreaterThanOrEqual(minimum);
  };

  it('covers both rows of Table 2', () => {
    expectRow('table2', 'Encrypted Image: Yes');
    expectRow('table2', 'Encrypted Image: No');
  });

  it('covers every row of Table 3 (and both bullets of the backup row)', () => {
    expectRow('table3', 'Created together with the server');
    expectRow('table3', 'No data source selected', 2);
    expectRow('table3', 'Creating from a backup', 2);
    expectRow('table3', 'Creating from a snapshot', 4);
    expectRow('table3', 'Creating from an image', 2);
  });

  it('covers every row and bullet of Table 4', () => {
    expectRow('table4', 'Types of disks supporting encryption');
    expectRow('table4', 'Constraints on encrypted disks', 3);
    expectRow('table4', 'Constraints on user permissions', 4);
    expectRow('table4', 'Constraints on encrypted images', 3);
    const codes = byKind('table4').map((r) => r.statement).join(' ');
    for (const code of ['EVS.1101', 'EVS.1201', 'EVS.1202', 'EVS.4001', 'EVS.4002', 'EVS.4003']) expect(codes).toContain(code);
  });

  it('uses every provisioning rule, and names only existing rules', () => {
    const used = new Set(requirements.flatMap(rulesOf));
    for (const rule of PROVISIONING_RULE_IDS) expect(used.has(rule), rule).toBe(true);
    for (const rule of used) expect(isProvisioningRuleId(rule), rule).toBe(true);
  });

  it('gives every table 2-4 requirement a provisioning rule', () => {
    for (const r of [...byKind('table2'), ...byKind('table3'), ...byKind('table4')]) {
      expect(rulesOf(r).length, r.id).toBeGreaterThan(0);
    }
  });
});

describe('requirement catalog: text rules', () => {
  it.each([
    'TXT-XTS-AES-256',
    'TXT-KEYS-FROM-KMS',
    'TXT-DEFAULT-KEY-AUTO',
    'TXT-DEFAULT-KEY-NO-DISABLE',
    'TXT-DEFAULT-KEY-NO-DELETION',
    'TXT-DK-TO-HOST-AT-ATTACH',
    'TXT-DK-MEMORY-ONLY',
    'TXT-UNAVAILABLE-KEY-STILL-USES-DK',
    'TXT-DETACH-DROPS-DK',
    'TXT-REATTACH-NEEDS-ENABLED',
    'TXT-ATTRIBUTE-IMMUTABLE',
    'TXT-AGENCY-BEFORE-ENCRYPTION',
    'TXT-DETACH-CMK-AVAILABLE',
    'TXT-DETACH-CMK-UNAVAILABLE-USABLE',
    'TXT-DETACH-CMK-UNAVAILABLE-NO-REATTACH',
  ])('%s exists and constrains the model', (id) => {
    expect(requirementById(id)?.constrains.length ?? 0).toBeGreaterThan(0);
  });

  it('gives the default key refusals KMS.0211 for disable and scheduled deletion', () => {
    const refusals = ['TXT-DEFAULT-KEY-NO-DISABLE', 'TXT-DEFAULT-KEY-NO-DELETION'].flatMap(
      (id) => requirementById(id)?.constrains.flatMap((c) => (c.kind === 'refusal' ? [`${c.event}:${c.code}`] : [])) ?? [],
    );
    expect(refusals).toEqual(['key.disable:KMS.0211', 'key.scheduleDeletion:KMS.0211']);
  });
});
