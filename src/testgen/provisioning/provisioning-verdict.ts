import type { KeyName, ProvisioningDecision } from '../../../models/provisioning/provisioning-request.ts';
import type { ProvisioningRuleId } from '../../../models/provisioning/rule-ids.ts';
import type { RequirementId } from '../../../models/requirements/requirement.ts';

/**
 * What the implementation did with a provisioning request, in the model's
 * vocabulary (key names `evs/default` and CMK aliases, not key ids), and the
 * verdict of one generated provisioning test.
 */
export type ProvisioningActual =
  | { readonly kind: 'allowed'; readonly encrypted: boolean; readonly key: KeyName | null }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  /** Threw something other than a WorkbenchError, or the case could not even be set up. */
  | { readonly kind: 'broken'; readonly message: string };

interface VerdictBase {
  readonly caseId: string;
  readonly title: string;
  readonly rule: ProvisioningRuleId;
  readonly requirementIds: readonly RequirementId[];
  /** The suite seed: `executeProvisioningCase(case, { seed })` replays the case exactly. */
  readonly seed: number;
  readonly durationMs: number;
}

export type ProvisioningVerdict =
  | (VerdictBase & { readonly kind: 'pass'; readonly checks: readonly string[] })
  | (VerdictBase & {
      readonly kind: 'fail';
      readonly expected: ProvisioningDecision;
      /** What the implementation answered (for a data failure: allowed, with the attribute it gave). */
      readonly actual: ProvisioningActual;
      /** One paragraph: what was expected, what happened, where the data differs. */
      readonly message: string;
      /** The checks that passed before the failure. */
      readonly checks: readonly string[];
    });

export function describeDecision(d: ProvisioningDecision): string {
  if (!d.allowed) return `refused with ${d.code} (${d.reason})`;
  return d.encrypted ? `allowed, encrypted by ${d.key ?? '?'}` : 'allowed, unencrypted';
}

export function describeActual(a: ProvisioningActual): string {
  switch (a.kind) {
    case 'allowed':
      return a.encrypted ? `allowed it, encrypted by ${a.key ?? '(no key)'}` : 'allowed it, unencrypted';
    case 'refused':
      return `refused it with ${a.code}: ${a.message}`;
    case 'broken':
      return `broke: ${a.message}`;
  }
}

/**
 * Null when the implementation's answer agrees with the model's decision
 * (allowed with the same attribute and key, or refused with the same code),
 * else a sentence saying how they differ.
 */
export function compareDecision(expected: ProvisioningDecision, actual: ProvisioningActual): string | null {
  if (actual.kind === 'broken') return `the model says ${describeDecision(expected)}; the implementation ${describeActual(actual)}`;
  if (!expected.allowed) {
    if (actual.kind === 'refused' && actual.code === expected.code) return null;
    return `the model says ${describeDecision(expected)}; the implementation ${describeActual(actual)}`;
  }
  if (actual.kind === 'refused') return `the model says ${describeDecision(expected)}; the implementation ${describeActual(actual)}`;
  if (actual.encrypted !== expected.encrypted || (expected.encrypted && actual.key !== expected.key)) {
    return `the model says ${describeDecision(expected)}; the implementation ${describeActual(actual)}`;
  }
  return null;
}

/** A one-line summary of a suite run: counts, time, and the failing case ids. */
export function summarizeVerdicts(verdicts: readonly ProvisioningVerdict[], elapsedMs: number): string {
  const failed = verdicts.filter((v) => v.kind === 'fail');
  const head = `${verdicts.length - failed.length}/${verdicts.length} provisioning cases pass in ${(elapsedMs / 1000).toFixed(1)} s`;
  return failed.length === 0 ? head : `${head}; failing: ${failed.map((v) => v.caseId).join(', ')}`;
}
