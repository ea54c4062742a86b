import { keyStateOf, type Decision, type SystemConfig, type SystemState } from '../../models/index.ts';
import { createCanonicalizer, transitionClassKey } from '../explore/canonical.ts';
import type { Exploration } from '../explore/explorer.ts';
import { TABLE1_ATTACHMENTS, TABLE1_KEY_STATES } from '../explore/table1.ts';
import type { CoverageMetric } from '../report/results.ts';
import type { OracleStep } from './test-case.ts';

/**
 * Coverage of the executed tests, measured on the model: reachable states
 * and accepted transitions (both up to symmetry), the six Table 1 cells, and
 * pairs of consecutive component-machine transitions (a transition followed
 * by one that can follow it on the same key or disk; accepted transitions
 * only, refusals being covered by the sneak paths). Each metric lists what
 * was not covered, and why.
 */
export interface ExecutedTest {
  readonly config: string;
  readonly steps: readonly OracleStep[];
  /** Number of leading steps that actually ran (all of them for a passing test). */
  readonly ran: number;
}

export interface ModelCoverage {
  readonly states: CoverageMetric;
  readonly transitions: CoverageMetric;
  readonly table1Cells: CoverageMetric;
  readonly transitionPairs: CoverageMetric;
}

const LIMIT = 200;
const metric = (covered: number, total: number, uncovered: CoverageMetric['uncovered']): CoverageMetric => ({ covered, total, uncovered: uncovered.slice(0, LIMIT) });

export type MachineDecision = Extract<Decision, { machine: 'cmk' | 'disk' }>;
export const isMachine = (d: Decision): d is MachineDecision => d.machine === 'cmk' || d.machine === 'disk';
/** A component-machine transition's name, as pair coverage counts it. */
export const transitionName = (d: MachineDecision): string => `${d.machine}: ${d.from} --${d.event}--> ${d.to}`;

export function measureCoverage(config: SystemConfig, exploration: Exploration, tests: readonly ExecutedTest[]): ModelCoverage {
  const canon = createCanonicalizer(config, true);
  const mine = tests.filter((t) => t.config === config.name);
  const seenStates = new Set<string>();
  const seenTransitions = new Set<string>();
  const seenCells = new Set<string>();
  const seenPairs = new Set<string>();
  const cmkDisks = config.disks.filter((d) => d.encrypted && d.key !== null && config.cmks.includes(d.key));
  const cellOf = (s: SystemState, disk: string): string | null => {
    const d = s.disks[disk];
    const key = d?.context.keyId ?? null;
    const ks = keyStateOf(s, key);
    if (!d || ks === 'enabled' || ks === 'none' || d.value === 'deleted') return null;
    return `${ks}/${d.value === 'attached' ? 'attached' : 'detached'}`;
  };
  for (const t of mine) {
    const last = new Map<string, string>();
    t.steps.slice(0, t.ran).forEach((step, i) => {
      if (i === 0) seenStates.add(canon.key(step.before));
      seenStates.add(canon.key(step.after));
      if (step.outcome.kind === 'ok' && step.decidedBy.machine !== 'unhandled') seenTransitions.add(transitionClassKey(config, step.before, step.event));
      if ('disk' in step.event && cmkDisks.some((d) => 'disk' in step.event && d.id === step.event.disk) && ['disk.read', 'disk.write', 'disk.detach', 'disk.attach'].includes(step.event.type)) {
        const cell = cellOf(step.before, step.event.disk);
        if (cell) seenCells.add(cell);
      }
      const d = step.decidedBy;
      if (isMachine(d) && step.outcome.kind === 'ok') {
        const name = transitionName(d);
        const prev = last.get(`${d.machine}:${d.component}`);
        if (prev) seenPairs.add(`${prev} ⇒ ${name}`);
        last.set(`${d.machine}:${d.component}`, name);
      }
    });
  }
  const allStates = [...exploration.states.keys()];
  const accepted = new Map<string, string>();
  const machineTransitions = new Map<string, MachineDecision>();
  for (const e of exploration.edges) {
    if (isMachine(e.decidedBy) && e.outcome.kind === 'ok') machineTransitions.set(transitionName(e.decidedBy), e.decidedBy);
    if (e.outcome.kind !== 'ok') continue;
    const from = exploration.states.get(e.from);
    if (from) accepted.set(transitionClassKey(config, from.state, e.event), `${e.event.type} from a state at depth ${from.depth}`);
  }
  const pairs: string[] = [];
  for (const [a, ta] of machineTransitions) {
    for (const [b, tb] of machineTransitions) if (tb.machine === ta.machine && tb.from === ta.to) pairs.push(`${a} ⇒ ${b}`);
  }
  const cells = TABLE1_KEY_STATES.flatMap((k) => TABLE1_ATTACHMENTS.map((a) => `${k}/${a}`));
  const notRun = 'not on the path of any executed test';
  return {
    states: metric(allStates.filter((k) => seenStates.has(k)).length, allStates.length, allStates.filter((k) => !seenStates.has(k)).map((item) => ({ item, reason: notRun }))),
    transitions: metric([...accepted.keys()].filter((k) => seenTransitions.has(k)).length, accepted.size, [...accepted].filter(([k]) => !seenTransitions.has(k)).map(([, item]) => ({ item, reason: notRun }))),
    table1Cells: metric(cells.filter((c) => seenCells.has(c)).length, cells.length, cells.filter((c) => !seenCells.has(c)).map((item) => ({ item, reason: cmkDisks.length === 0 ? 'the configuration has no disk encrypted with a CMK' : notRun }))),
    transitionPairs: metric(pairs.filter((p) => seenPairs.has(p)).length, pairs.length, pairs.filter((p) => !seenPairs.has(p)).map((item) => ({ item, reason: 'no executed test takes these two transitions in a row on one component' }))),
  };
}
