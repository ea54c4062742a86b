import { table1Requirements } from './catalog-table1.ts';
import { table2Requirements, table3Requirements } from './catalog-tables23.ts';
import { table4Requirements } from './catalog-table4.ts';
import { textRequirements } from './catalog-text.ts';
import { procedureRequirements } from './catalog-text-procedures.ts';
import { REQUIREMENT_ID_PATTERN } from './requirement.ts';
import type { Requirement } from './requirement.ts';

export type { Requirement, RequirementId, RequirementKind, RequirementSource, Verification } from './requirement.ts';

/** Every checkable statement of the seed, in the order of the seed's sections. */
export const requirements: readonly Requirement[] = [
  ...textRequirements,
  ...table1Requirements,
  ...table2Requirements,
  ...table3Requirements,
  ...table4Requirements,
  ...procedureRequirements,
];

/** The requirement with this id, or undefined. */
export function requirementById(id: string): Requirement | undefined {
  return requirements.find((r) => r.id === id);
}

export type CatalogIssueKind =
  | 'duplicate-id'
  | 'bad-id-format'
  | 'empty-constrains'
  | 'missing-quote'
  | 'missing-statement'
  | 'no-verification'
  | 'kind-prefix-mismatch';

export interface CatalogIssue {
  readonly kind: CatalogIssueKind;
  readonly requirementId: string;
  readonly message: string;
}

const PREFIX: Record<Requirement['kind'], string> = {
  table1: 'T1-',
  table2: 'T2-',
  table3: 'T3-',
  table4: 'T4-',
  text: 'TXT-',
};

/**
 * Structural problems of a catalog, as data (an empty list means none):
 * duplicate or malformed ids, a prefix that does not match the kind, empty
 * `constrains`, an empty quote or statement, no verification method.
 * Whether each quote really occurs in the seed is checked by the tests,
 * which can read the seed file.
 */
export function catalogIssues(catalog: readonly Requirement[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const seen = new Set<string>();
  for (const r of catalog) {
    const issue = (kind: CatalogIssueKind, message: string): void => {
      issues.push({ kind, requirementId: r.id, message });
    };
    if (seen.has(r.id)) issue('duplicate-id', `${r.id} appears more than once`);
    seen.add(r.id);
    if (!REQUIREMENT_ID_PATTERN.test(r.id)) issue('bad-id-format', `${r.id} does not match ${String(REQUIREMENT_ID_PATTERN)}`);
    if (!r.id.startsWith(PREFIX[r.kind])) issue('kind-prefix-mismatch', `${r.id} is a ${r.kind} requirement but lacks ${PREFIX[r.kind]}`);
    if (r.constrains.length === 0) issue('empty-constrains', `${r.id} constrains no model element`);
    if (r.source.quote.trim() === '') issue('missing-quote', `${r.id} has no seed quote`);
    if (r.statement.trim() === '') issue('missing-statement', `${r.id} has no statement`);
    if (r.verifiedBy.length === 0) issue('no-verification', `${r.id} names no verification method`);
  }
  return issues;
}
