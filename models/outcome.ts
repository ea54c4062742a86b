/**
 * What the model says about one event: accepted, or refused with the error
 * code the system must answer with (codes as in docs/CONTRACTS.md).
 */
export type Outcome = { readonly kind: 'ok' } | { readonly kind: 'refused'; readonly code: RefusalCode };

export const OK: Outcome = { kind: 'ok' };

export type RefusalCode =
  | 'KMS.0207'
  | 'KMS.0209'
  | 'KMS.0210'
  | 'KMS.0211'
  | 'KMS.1201'
  | 'KMS.1301'
  | 'KMS.1401'
  | 'KMS.1402'
  | 'KMS.1501'
  | 'EVS.0404'
  | 'EVS.1001'
  | 'EVS.1002'
  | 'EVS.1004'
  | 'EVS.1101'
  | 'EVS.1201'
  | 'EVS.1202'
  | 'EVS.2001'
  | 'EVS.2002'
  | 'MODEL.0001';

export function refused(code: RefusalCode): Outcome {
  return { kind: 'refused', code };
}

/** The key states as the rest of the system sees them; `none` for an unencrypted disk. */
export type KeyStateName = 'enabled' | 'disabled' | 'pendingDeletion' | 'deleted';
export type KeyStateView = KeyStateName | 'none';

/** Transition metadata used by diagrams, reports and the requirement catalog. */
export interface TransitionMeta {
  readonly refusal?: { readonly code: RefusalCode };
  readonly requirements?: readonly string[];
}

/** State metadata: a final state refuses every event with `refusesAllWith`. */
export interface StateMeta {
  readonly refusesAllWith?: RefusalCode;
  readonly requirements?: readonly string[];
}
