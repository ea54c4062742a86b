import type { Requirement } from '../../models/requirements/catalog.ts';
import { formatModelRef } from '../../models/requirements/model-ref.ts';
import type { PropertyRecord, RequirementRecord, TestRecord } from './results.ts';

/**
 * The verdict per requirement: the tests that exercise it (generated from the
 * model, provisioning cases), the properties the model checker verified on
 * every reachable state, and the Table 1 cells it belongs to.
 *
 * - failed: a test that exercises it failed, or a property it names is violated;
 * - passed: exercised by at least one test, or (when the catalog says it is
 *   verified by model checking) every property it names holds;
 * - inspection: only a human can check it (the catalog says so);
 * - not-covered: none of the above.
 */
export function requirementRecords(catalog: readonly Requirement[], tests: readonly TestRecord[], properties: readonly PropertyRecord[], extraEvidence: ReadonlyMap<string, readonly string[]>): RequirementRecord[] {
  const byReq = new Map<string, TestRecord[]>();
  for (const t of tests) for (const id of t.requirementIds) byReq.set(id, [...(byReq.get(id) ?? []), t]);
  const prop = new Map(properties.map((p) => [p.id, p]));
  return catalog.map((r) => {
    const mine = byReq.get(r.id) ?? [];
    const failedTests = mine.filter((t) => t.status === 'failed').map((t) => t.id);
    const propRefs = r.constrains.flatMap((c) => (c.kind === 'property' ? [c.property] : []));
    const checked = propRefs.map((id) => prop.get(id)).filter((p): p is PropertyRecord => p !== undefined);
    const violated = checked.filter((p) => !p.holds);
    const evidence = [
      ...checked.map((p) => `property ${p.id} ${p.holds ? 'holds on every reachable state' : 'is VIOLATED'}`),
      ...(extraEvidence.get(r.id) ?? []),
    ];
    const modelChecked = r.verifiedBy.includes('model-check') && checked.length > 0;
    let status: RequirementRecord['status'];
    if (failedTests.length > 0 || violated.length > 0) status = 'failed';
    else if (mine.length > 0 || modelChecked) status = 'passed';
    else if (r.verifiedBy.every((v) => v === 'inspection')) status = 'inspection';
    else status = 'not-covered';
    return {
      id: r.id,
      title: r.title,
      kind: r.kind,
      source: { ...r.source },
      statement: r.statement,
      constrains: r.constrains.map(formatModelRef),
      verifiedBy: r.verifiedBy,
      status,
      tests: mine.map((t) => t.id),
      evidence,
      failedTests,
    };
  });
}
