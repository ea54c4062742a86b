import type { RequirementId } from './requirement.ts';

/**
 * What the seed leaves open, says twice in different words, or contradicts,
 * with the readings we considered and the one the model takes.
 */
export interface Finding {
  readonly id: string;
  readonly title: string;
  readonly requirementIds: RequirementId[];
  /** Exact seed text (or a description of the .rst fact, for editorial findings). */
  readonly seedSays: string;
  readonly readings: Array<{ id: string; text: string }>;
  /** The id of the reading the model takes. */
  readonly modelTakes: string;
  readonly rationale: string;
  readonly severity: 'ambiguity' | 'gap' | 'contradiction' | 'editorial';
}

/**
 * Seed statements about things outside the system we model. They are not
 * requirements (nothing in the model or the implementation can check them);
 * they are kept here so a reviewer can see they were read and set aside.
 */
export interface OutOfScopeStatement {
  readonly section: string;
  readonly quote: string;
  readonly reason: string;
}
