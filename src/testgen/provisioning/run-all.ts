import { enumerateProvisioningCases } from '../../../models/provisioning/enumerate-cases.ts';
import type { ProvisioningRequest } from '../../../models/provisioning/provisioning-request.ts';
import { identifyCases, type IdentifiedProvisioningCase } from './provisioning-case-names.ts';
import { executeProvisioningCase, type ProvisioningRunOptions } from './provisioning-executor.ts';
import { summarizeVerdicts, type ProvisioningVerdict } from './provisioning-verdict.ts';

/**
 * Runs every enumerated provisioning case against the reference
 * implementation. The implementation has no disk types, so cases that
 * differ only in `diskType` send it exactly the same calls: each such group
 * is run once (by its first case) and the verdict is given to every case of
 * the group, saying so in its first check (`shares the run of <id>`); the
 * run's seed comes from the representative's id, so replaying that id with
 * the suite seed reproduces it.
 */
export interface SuiteOptions extends ProvisioningRunOptions {
  /** Only the cases this returns true for. */
  readonly filter?: (c: IdentifiedProvisioningCase) => boolean;
  /** Called after each verdict (done counts verdicts, shared ones included). */
  readonly onProgress?: (verdict: ProvisioningVerdict, done: number, total: number) => void;
  /** Run every case on its own, disk type included (default false). */
  readonly noSharing?: boolean;
}

export interface SuiteResult {
  readonly verdicts: ProvisioningVerdict[];
  /** How many cases were actually executed (the others shared a run). */
  readonly executed: number;
  readonly elapsedMs: number;
  /** e.g. `273/273 provisioning cases pass in 3.1 s`. */
  readonly summary: string;
}

/** What the implementation can see of a request: all of it but the disk type. */
export function implementationSignature(request: ProvisioningRequest): string {
  const { diskType: _ignored, ...visible } = request as ProvisioningRequest & { diskType?: string };
  return JSON.stringify(visible);
}

export async function runProvisioningSuiteDetailed(options: SuiteOptions): Promise<SuiteResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const cases = identifyCases(enumerateProvisioningCases()).filter((c) => options.filter?.(c) ?? true);
  const runs = new Map<string, Promise<ProvisioningVerdict>>();
  const verdicts: ProvisioningVerdict[] = [];
  let executed = 0;
  for (const c of cases) {
    const signature = options.noSharing === true ? c.id : implementationSignature(c.request);
    let run = runs.get(signature);
    let shared = true;
    if (run === undefined) {
      run = executeProvisioningCase(c, options);
      runs.set(signature, run);
      executed++;
      shared = false;
    }
    const v = await run;
    const verdict: ProvisioningVerdict = shared ? adopt(v, c) : v;
    verdicts.push(verdict);
    options.onProgress?.(verdict, verdicts.length, cases.length);
  }
  const elapsedMs = now() - started;
  return { verdicts, executed, elapsedMs, summary: `${summarizeVerdicts(verdicts, elapsedMs)} (${executed} runs)` };
}

/** The verdict of a case that shared the run of another (same calls, different disk type). */
function adopt(v: ProvisioningVerdict, c: IdentifiedProvisioningCase): ProvisioningVerdict {
  const note = `shares the run of ${v.caseId}: the implementation has no disk types, so the calls are identical`;
  const base = { caseId: c.id, title: c.title, rule: c.expected.rule, requirementIds: c.requirementIds };
  if (v.kind === 'pass') return { ...v, ...base, checks: [note, ...v.checks], durationMs: 0 };
  return { ...v, ...base, expected: c.expected, message: `${c.title}: ${note}; ${v.message}`, checks: [note, ...v.checks], durationMs: 0 };
}

/** Every enumerated case (or those `filter` keeps), one verdict each, in enumeration order. */
export async function runProvisioningSuite(options: SuiteOptions): Promise<ProvisioningVerdict[]> {
  return (await runProvisioningSuiteDetailed(options)).verdicts;
}
