import { keyStateOf, type Decision, type Outcome, type SystemState } from '../../models/index.ts';
import { requirements, type Requirement } from '../../models/requirements/catalog.ts';
import type { ModelRef } from '../../models/requirements/model-ref.ts';
import type { OracleStep } from './test-case.ts';

/**
 * Which requirements a test exercises, derived from the catalog's model
 * references: a step (or a sneak-path probe) exercises a requirement when it
 * takes one of the transitions or refusals the requirement names, in the
 * context its state references give (a disk step whose key is in the named
 * key state, a key step with a disk in the named disk state). Table 1
 * requirements are only credited to tests generated for their cell, which
 * carry them explicitly: their references alone are too general.
 */
interface Decided {
  readonly before: SystemState;
  readonly decidedBy: Decision;
  readonly outcome: Outcome;
  readonly component: string | null;
}

function matchesAction(ref: ModelRef, d: Decided): boolean {
  const by = d.decidedBy;
  if (ref.kind === 'transition') {
    if (d.outcome.kind !== 'ok') return false;
    if (ref.machine === 'system') return by.event === ref.event && condition(d.before) === ref.from;
    if (by.machine !== ref.machine || by.from !== ref.from || by.event !== ref.event) return false;
    return ref.to === null ? by.to === by.from : by.to === ref.to;
  }
  if (ref.kind === 'refusal') {
    if (d.outcome.kind !== 'refused' || d.outcome.code !== ref.code) return false;
    if (ref.machine === 'system') return by.event === ref.event && condition(d.before) === ref.state;
    return by.machine === ref.machine && by.event === ref.event && by.from === ref.state;
  }
  return false;
}

const condition = (s: SystemState): string => (s.agency ? 'agency' : 'noAgency');

/** State references of the other machine: the context the action must happen in. */
function inContext(req: Requirement, d: Decided): boolean {
  const by = d.decidedBy;
  if (by.machine !== 'cmk' && by.machine !== 'disk') return true;
  const other = req.constrains.filter((r): r is Extract<ModelRef, { kind: 'state' }> => r.kind === 'state' && r.machine !== by.machine && r.machine !== 'system');
  if (other.length === 0) return true;
  if (by.machine === 'disk') {
    const disk = d.before.disks[by.component];
    const ks = keyStateOf(d.before, disk?.context.keyId ?? null);
    return other.some((r) => r.machine === 'cmk' && r.state === ks);
  }
  const disks = Object.values(d.before.disks).filter((x) => x.context.keyId === by.component);
  return other.some((r) => r.machine === 'disk' && disks.some((x) => x.value === r.state));
}

function decidedOf(step: OracleStep): Decided[] {
  const main: Decided = { before: step.before, decidedBy: step.decidedBy, outcome: step.outcome, component: null };
  const probes = step.probes.map((p) => ({ before: step.after, decidedBy: p.decidedBy, outcome: p.outcome, component: null }));
  return [main, ...probes];
}

export function requirementsExercised(steps: readonly OracleStep[], catalog: readonly Requirement[] = requirements): string[] {
  const decided = steps.flatMap(decidedOf);
  const out: string[] = [];
  for (const req of catalog) {
    if (req.kind === 'table1') continue;
    const actions = req.constrains.filter((r) => r.kind === 'transition' || r.kind === 'refusal');
    if (actions.length === 0) continue;
    if (decided.some((d) => actions.some((a) => matchesAction(a, d)) && inContext(req, d))) out.push(req.id);
  }
  return out;
}
