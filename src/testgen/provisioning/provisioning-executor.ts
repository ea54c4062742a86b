import { enumerateProvisioningCases, type ProvisioningCase } from '../../../models/provisioning/enumerate-cases.ts';
import { isWorkbenchError } from '../../errors/workbench-error.ts';
import type { Cloud } from '../../system/cloud.ts';
import { identifyCases, titleOf, type IdentifiedProvisioningCase } from './provisioning-case-names.ts';
import { agencyOf, Broken, cmksOf, planRequest, type Plan, type Product } from './provisioning-plan.ts';
import { compareDecision, describeDecision, type ProvisioningActual, type ProvisioningVerdict } from './provisioning-verdict.ts';
import { ProvisioningWorkspace } from './provisioning-workspace.ts';
import { CheckFailed, verifyProduct } from './verify-product.ts';
import { captureState, diffStates } from './workspace-state.ts';

/**
 * Runs one provisioning case (a request of Tables 2-4 and the model's
 * decision) against the reference implementation, in a fresh Cloud: the
 * answer must be the model's (allowed with the same encryption attribute
 * and key, or refused with the same code); a refusal must change nothing;
 * what an allowed operation produced must hold exactly the data of its
 * source (see verify-product.ts).
 */
export interface ProvisioningRunOptions {
  readonly seed: number;
  /** Where the temporary workspaces go (default: the OS temp folder). */
  readonly baseDir?: string;
  /** A fault to plant in the implementation, applied once the keys and agency exist and before the sources are made. */
  readonly mutate?: (cloud: Cloud) => void;
  /** Keep the workspace folder (for debugging a failure). */
  readonly keepWorkspace?: boolean;
  /** Milliseconds, for durations only (default: performance.now). */
  readonly now?: () => number;
}

let enumerated: IdentifiedProvisioningCase[] | null = null;

/**
 * The case with an id and title: its own if it has them, else the id of the
 * enumerated case with the same request (`prov-<kind>-custom` if none). The
 * case's own expectation is kept, whatever the enumeration says.
 */
export function identify(c: ProvisioningCase | IdentifiedProvisioningCase): IdentifiedProvisioningCase {
  if ('id' in c) return c;
  enumerated ??= identifyCases(enumerateProvisioningCases());
  const key = JSON.stringify(c.request);
  const id = enumerated.find((e) => JSON.stringify(e.request) === key)?.id ?? `prov-${c.request.kind}-custom`;
  return { ...c, id, title: titleOf(c) };
}

/** A per-case seed from the suite seed and the case id (FNV-1a), so every case replays on its own. */
export function caseSeed(seed: number, caseId: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}/${caseId}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

function actualOf(ws: ProvisioningWorkspace, p: Product): ProvisioningActual {
  switch (p.kind) {
    case 'disk':
    case 'snapshot':
    case 'backup':
    case 'image':
      return { kind: 'allowed', encrypted: p.info.encrypted, key: ws.modelKey(p.info.keyId) };
    case 'export':
      return { kind: 'allowed', encrypted: p.image.encrypted, key: ws.modelKey(p.image.keyId) };
    case 'agency':
      return { kind: 'allowed', encrypted: false, key: ws.modelKey(p.defaultKeyId) };
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

function perform(ws: ProvisioningWorkspace, plan: Plan): { actual: ProvisioningActual; product: Product | null } {
  try {
    const product = plan.act();
    return { actual: actualOf(ws, product), product };
  } catch (e) {
    if (isWorkbenchError(e)) return { actual: { kind: 'refused', code: e.code, message: e.message }, product: null };
    return { actual: { kind: 'broken', message: e instanceof Broken ? e.message : `the implementation threw ${errorText(e)}` }, product: null };
  }
}

export async function executeProvisioningCase(
  c: ProvisioningCase | IdentifiedProvisioningCase,
  options: ProvisioningRunOptions,
): Promise<ProvisioningVerdict> {
  const ic = identify(c);
  const now = options.now ?? (() => performance.now());
  const started = now();
  const base = { caseId: ic.id, title: ic.title, rule: ic.expected.rule, requirementIds: ic.requirementIds, seed: options.seed };
  const checks: string[] = [];
  const pass = (): ProvisioningVerdict => ({ ...base, kind: 'pass', checks, durationMs: now() - started });
  const fail = (actual: ProvisioningActual, message: string): ProvisioningVerdict => ({
    ...base,
    kind: 'fail',
    expected: ic.expected,
    actual,
    message: `${ic.title}: ${message} (replay: seed ${options.seed}, case ${ic.id})`,
    checks,
    durationMs: now() - started,
  });

  let ws: ProvisioningWorkspace;
  try {
    ws = ProvisioningWorkspace.open({
      seed: caseSeed(options.seed, ic.id),
      agency: agencyOf(ic.request),
      cmks: cmksOf(ic.request),
      ...(options.baseDir === undefined ? {} : { baseDir: options.baseDir }),
    });
  } catch (e) {
    return fail({ kind: 'broken', message: errorText(e) }, `the workspace could not be set up: ${errorText(e)}`);
  }
  try {
    options.mutate?.(ws.cloud);
    let plan: Plan;
    try {
      plan = planRequest(ws, ic.request);
    } catch (e) {
      const message = e instanceof Broken ? e.message : `setup failed: ${errorText(e)}`;
      return fail({ kind: 'broken', message }, message);
    }
    const before = captureState(ws.cloud);
    const { actual, product } = perform(ws, plan);
    const after = captureState(ws.cloud);
    const mismatch = compareDecision(ic.expected, actual);
    if (mismatch !== null) return fail(actual, mismatch);
    checks.push(`decision: ${describeDecision(ic.expected)}`);
    if (product === null) {
      const changes = [...diffStates(before, after, 'identical'), ...(plan.afterRefusal?.() ?? [])];
      if (changes.length > 0) return fail(actual, `refused as the model says, but the refusal changed the workspace: ${changes.join('; ')}`);
      checks.push('refusal: every record and image file unchanged');
      return pass();
    }
    const changed = diffStates(before, after, 'preserved');
    if (changed.length > 0) return fail(actual, `allowed as the model says, but existing records or files changed: ${changed.join('; ')}`);
    checks.push('existing records and image files unchanged');
    try {
      verifyProduct(ws, product, checks);
    } catch (e) {
      const message = e instanceof CheckFailed ? e.message : `a data check could not run: ${errorText(e)}`;
      return fail(actual, `the decision agrees with the model, but a check of what it produced fails: ${message}`);
    }
    return pass();
  } finally {
    ws.close(options.keepWorkspace === true);
  }
}
