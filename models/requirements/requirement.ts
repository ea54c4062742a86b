import type { ModelRef } from './model-ref.ts';

/** Which part of the seed a requirement comes from. */
export type RequirementKind = 'table1' | 'table2' | 'table3' | 'table4' | 'text';

/**
 * A stable requirement id: a prefix naming the seed part (`T1`..`T4`, `TXT`)
 * and upper-case words joined by dashes, e.g. `T1-DISABLED-ATTACHED-IMPACT`.
 */
export type RequirementId = `${'T1' | 'T2' | 'T3' | 'T4' | 'TXT'}-${string}`;

/** The id format every catalog entry must follow. */
export const REQUIREMENT_ID_PATTERN = /^(T1|T2|T3|T4|TXT)(-[A-Z0-9]+)+$/;

/** How a requirement is checked. */
export type Verification = 'model-check' | 'model-based-test' | 'provisioning-test' | 'static-check' | 'inspection';

export interface RequirementSource {
  /** The seed section heading the text sits under. */
  readonly section: string;
  readonly table?: string;
  readonly row?: string;
  readonly column?: string;
  /** Copied exactly from the seed (whitespace may differ). */
  readonly quote: string;
}

export interface Requirement {
  readonly id: RequirementId;
  readonly title: string;
  readonly source: RequirementSource;
  /** The checkable claim, in our words. */
  readonly statement: string;
  /** The model elements the claim constrains; never empty. */
  readonly constrains: readonly ModelRef[];
  readonly verifiedBy: readonly Verification[];
  readonly kind: RequirementKind;
}

/** The seed's section headings, as they appear in the .rst. */
export const SEED_SECTIONS = {
  what: 'What Is EVS Disk Encryption?',
  keys: 'Keys Used for EVS Encryption',
  scenarios: 'Encryption Scenarios',
  constraints: 'Notes and Constraints',
  creating: 'Creating an Encrypted EVS Disk',
  detaching: 'Detaching an Encrypted EVS Disk',
} as const;
