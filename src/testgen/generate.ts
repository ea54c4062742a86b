import { PRESETS, initialSystemState, stepSystem, type SystemConfig, type SystemEvent } from '../../models/index.ts';
import { createCanonicalizer } from '../explore/canonical.ts';
import { explore, type Exploration } from '../explore/explorer.ts';
import { requirementsExercised } from './requirement-index.ts';
import { GUARANTEES, type StrategyKind, type StrategySpec } from './strategy.ts';
import { abstractPairs, type PairPlan } from './strategies/abstract-pairs.ts';
import { boundedSequences } from './strategies/bounded.ts';
import { shortestStatePaths } from './strategies/state-paths.ts';
import { table1Cases } from './strategies/table1-cells.ts';
import { transitionWalks } from './strategies/transition-walks.ts';
import { pairCompletions } from './strategies/transition-pairs.ts';
import { oracle, titleFor, type StrategyName, type TestCase } from './test-case.ts';

/**
 * Turns the chosen strategies into concrete test cases for a configuration.
 * Deterministic: the same configuration and strategies give the same cases
 * with the same ids, in the same order.
 */
export interface StrategyPlan {
  readonly kind: StrategyKind;
  readonly guarantee: string;
  readonly cases: number;
  readonly events: number;
  readonly complete: boolean;
  readonly note: string;
}

export interface GeneratedSuite {
  readonly config: SystemConfig;
  readonly configs: ReadonlyMap<string, SystemConfig>;
  readonly exploration: Exploration;
  readonly cases: readonly TestCase[];
  readonly plans: readonly StrategyPlan[];
  readonly pairs: PairPlan | null;
  readonly random: Extract<StrategySpec, { kind: 'random' }> | null;
}

interface Draft {
  readonly events: readonly SystemEvent[];
  readonly requirementIds?: readonly string[];
  readonly purpose: string;
  readonly probeSteps?: readonly number[];
}

export function generateSuite(config: SystemConfig, strategies: readonly StrategySpec[], exploration: Exploration = explore(config)): GeneratedSuite {
  const cases: TestCase[] = [];
  const plans: StrategyPlan[] = [];
  const configs = new Map<string, SystemConfig>([[config.name, config]]);
  let pairs: PairPlan | null = null;
  let random: GeneratedSuite['random'] = null;
  let statePaths: SystemEvent[][] | null = null;
  const paths = (): SystemEvent[][] => (statePaths ??= shortestStatePaths(config));
  const emit = (strategy: StrategyName, target: SystemConfig, drafts: readonly Draft[], complete: boolean, note: string): void => {
    drafts.forEach((d, i) => {
      const probeSteps = d.probeSteps ?? [];
      const steps = oracle(target, d.events, probeSteps);
      const derived = requirementsExercised(steps);
      const requirementIds = [...new Set([...(d.requirementIds ?? []), ...derived])].sort();
      cases.push({
        id: `${strategy}-${target.name}-${String(i + 1).padStart(4, '0')}`,
        strategy,
        title: titleFor(requirementIds, d.events),
        config: target.name,
        events: d.events,
        probeSteps,
        requirementIds,
        purpose: d.purpose,
      });
    });
    const events = drafts.reduce((n, d) => n + d.events.length, 0);
    plans.push({ kind: strategy, guarantee: GUARANTEES[strategy], cases: drafts.length, events, complete, note });
  };
  for (const s of strategies) {
    switch (s.kind) {
      case 'states': {
        emit('states', config, paths().map((events) => ({ events, purpose: 'reach a state by a shortest path' })), true, `${exploration.stats.states} state classes`);
        break;
      }
      case 'transitions': {
        const walks = transitionWalks(config, { maxWalkLength: s.maxWalkLength });
        const completions = pairCompletions(config, exploration, walks);
        const drafts = [
          ...walks.map((events) => ({ events, purpose: 'covering walk through untaken transitions' })),
          ...completions.map((events) => ({ events, purpose: 'two transitions in a row on one component that the walks did not take (transition-pair coverage)' })),
        ];
        emit('transitions', config, drafts, true, `${walks.length} walks of at most ${s.maxWalkLength} events, ${completions.length} added for transition pairs`);
        break;
      }
      case 'table1': {
        const drafts = table1Cases(config, exploration).map((c) => ({ events: c.events, requirementIds: c.requirementIds, purpose: c.purpose }));
        emit('table1', config, drafts, drafts.length === 30, `${drafts.length / 5} cells × 5 operations`);
        break;
      }
      case 'bounded': {
        const small = PRESETS[s.preset] ?? config;
        configs.set(small.name, small);
        const b = boundedSequences(small, s.depth);
        emit('bounded', small, b.sequences.map((events) => ({ events, purpose: `accepted-event sequence of length ≤ ${s.depth}` })), b.complete, `depth ${s.depth} on preset ${small.name}`);
        break;
      }
      case 'pairs': {
        pairs = abstractPairs(config);
        const drafts = (pairs?.cases ?? []).map((c) => ({ events: c.events, purpose: `enter ${c.to} from ${c.from} (key ${pairs?.key}, disk ${pairs?.disk})` }));
        emit('pairs', config, drafts, true, pairs ? `${pairs.cases.length} reachable of ${pairs.total} ordered pairs; ${pairs.unreachable.length} unreachable in the model` : 'no disk encrypted with a CMK in this configuration');
        break;
      }
      case 'sneak':
        emit('sneak', config, sneakDrafts(config, paths()), true, 'probes at the first visit of each state class');
        break;
      case 'provisioning':
        plans.push({ kind: 'provisioning', guarantee: GUARANTEES.provisioning, cases: 0, events: 0, complete: true, note: 'run by the provisioning executor' });
        break;
      case 'random':
        random = s;
        plans.push({ kind: 'random', guarantee: GUARANTEES.random, cases: s.runs, events: 0, complete: true, note: `${s.runs} walks of at most ${s.maxLength} events` });
        break;
    }
  }
  return { config, configs, exploration, cases, plans, pairs, random };
}

/** State paths, with probes at the first step that reaches each state class (and at the initial state, step -1). */
function sneakDrafts(config: SystemConfig, statePaths: readonly SystemEvent[][]): Draft[] {
  const canon = createCanonicalizer(config, true);
  const probed = new Set([canon.key(initialSystemState(config))]);
  return statePaths.map((events, i) => {
    const probeSteps: number[] = i === 0 ? [-1] : [];
    let state = initialSystemState(config);
    events.forEach((e, index) => {
      state = stepSystem(state, e).next;
      const k = canon.key(state);
      if (!probed.has(k)) {
        probed.add(k);
        probeSteps.push(index);
      }
    });
    return { events, probeSteps, purpose: 'try every refused event in each state on the path (sneak paths)' };
  });
}
