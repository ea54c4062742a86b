import {
  initialSystemState,
  PROPERTIES,
  stepSystem,
  systemAlphabet,
  type Decision,
  type Outcome,
  type Property,
  type PropertyId,
  type StepResult,
  type SystemConfig,
  type SystemEvent,
  type SystemState,
} from '../../models/index.ts';
import { requirements } from '../../models/requirements/catalog.ts';
import { createCanonicalizer, type StateKey } from './canonical.ts';
import type { Trace, TraceStep } from './trace.ts';

/**
 * Exhaustive breadth-first exploration of the composed model, in the manner
 * of an explicit-state model checker (TLC): every reachable state is visited
 * once (up to symmetry), every property is checked on every state and every
 * explored transition, and a violation comes with the shortest trace that
 * shows it, because BFS reaches every state by a shortest path first.
 */
export interface ExploreOptions {
  readonly symmetry?: boolean;
  readonly badInput?: boolean;
  readonly maxStates?: number;
  /** Stop at this depth (number of events from the initial state). */
  readonly maxDepth?: number;
  readonly properties?: readonly Property[];
  /** The step function; tests plant model bugs by wrapping `stepSystem`. */
  readonly step?: (state: SystemState, event: SystemEvent) => StepResult;
  readonly onProgress?: (p: { readonly states: number; readonly edges: number; readonly depth: number }) => void;
}

export interface ExploredState {
  readonly key: StateKey;
  readonly state: SystemState;
  readonly depth: number;
  readonly parent: StateKey | null;
  readonly via: SystemEvent | null;
  readonly viaOutcome: Outcome | null;
}

export interface ExploredEdge {
  readonly from: StateKey;
  readonly to: StateKey;
  readonly event: SystemEvent;
  readonly outcome: Outcome;
  readonly decidedBy: Decision;
}

export interface Violation {
  readonly property: PropertyId;
  readonly message: string;
  /** The catalog requirements that name the property: what the violation breaks. */
  readonly requirementIds: readonly string[];
  readonly trace: Trace;
}

/** Requirements of the catalog whose model references name the property. */
export function requirementsOfProperty(property: PropertyId): string[] {
  return requirements.filter((r) => r.constrains.some((c) => c.kind === 'property' && c.property === property)).map((r) => r.id);
}

export interface Exploration {
  readonly config: SystemConfig;
  readonly symmetryGroupSize: number;
  readonly states: ReadonlyMap<StateKey, ExploredState>;
  readonly initial: StateKey;
  readonly edges: readonly ExploredEdge[];
  readonly violations: readonly Violation[];
  readonly stats: {
    readonly states: number;
    readonly edges: number;
    readonly acceptedEdges: number;
    readonly refusedEdges: number;
    readonly maxDepth: number;
    readonly propertyChecks: number;
    readonly complete: boolean;
  };
}

export function pathTo(states: ReadonlyMap<StateKey, ExploredState>, key: StateKey): TraceStep[] {
  const steps: TraceStep[] = [];
  for (let k: StateKey | null = key; k !== null; ) {
    const s = states.get(k);
    if (!s) break;
    steps.push({ event: s.via, outcome: s.viaOutcome, state: s.state });
    k = s.parent;
  }
  return steps.reverse();
}

export function explore(config: SystemConfig, options: ExploreOptions = {}): Exploration {
  const step = options.step ?? stepSystem;
  const properties = options.properties ?? PROPERTIES;
  const canon = createCanonicalizer(config, options.symmetry ?? true);
  const maxStates = options.maxStates ?? 1_000_000;
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const init = initialSystemState(config);
  const initKey = canon.key(init);
  const states = new Map<StateKey, ExploredState>([[initKey, { key: initKey, state: init, depth: 0, parent: null, via: null, viaOutcome: null }]]);
  const edges: ExploredEdge[] = [];
  const violations = new Map<PropertyId, Violation>();
  let propertyChecks = 0;
  let complete = true;
  let accepted = 0;
  let deepest = 0;
  const violate = (p: Property, message: string, steps: TraceStep[]): void => {
    if (violations.has(p.id)) return;
    const requirementIds = requirementsOfProperty(p.id);
    const breaks = requirementIds.length > 0 ? ` (breaks ${requirementIds.join(', ')})` : '';
    violations.set(p.id, { property: p.id, message, requirementIds, trace: { description: `property ${p.id} violated: ${message}${breaks}`, config: config.name, steps } });
  };
  for (const p of properties) {
    if (p.kind !== 'state') continue;
    propertyChecks++;
    const m = p.check(init);
    if (m !== null) violate(p, m, pathTo(states, initKey));
  }
  const queue: StateKey[] = [initKey];
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head] as StateKey;
    const here = states.get(key) as ExploredState;
    if (here.depth >= maxDepth) {
      complete = false;
      continue;
    }
    for (const event of systemAlphabet(config, here.state, { badInput: options.badInput ?? true })) {
      const r = step(here.state, event);
      const toKey = r.next === here.state ? key : canon.key(r.next);
      edges.push({ from: key, to: toKey, event, outcome: r.outcome, decidedBy: r.decidedBy });
      if (r.outcome.kind === 'ok') accepted++;
      const via = (): TraceStep[] => [...pathTo(states, key), { event, outcome: r.outcome, state: r.next }];
      for (const p of properties) {
        if (p.kind !== 'transition') continue;
        propertyChecks++;
        const m = p.check(here.state, event, r);
        if (m !== null) violate(p, m, via());
      }
      if (states.has(toKey)) continue;
      if (states.size >= maxStates) {
        complete = false;
        continue;
      }
      states.set(toKey, { key: toKey, state: r.next, depth: here.depth + 1, parent: key, via: event, viaOutcome: r.outcome });
      deepest = Math.max(deepest, here.depth + 1);
      queue.push(toKey);
      for (const p of properties) {
        if (p.kind !== 'state') continue;
        propertyChecks++;
        const m = p.check(r.next);
        if (m !== null) violate(p, m, via());
      }
    }
    if (options.onProgress && head % 500 === 0) options.onProgress({ states: states.size, edges: edges.length, depth: here.depth });
  }
  return {
    config,
    symmetryGroupSize: canon.groupSize,
    states,
    initial: initKey,
    edges,
    violations: [...violations.values()],
    stats: {
      states: states.size,
      edges: edges.length,
      acceptedEdges: accepted,
      refusedEdges: edges.length - accepted,
      maxDepth: deepest,
      propertyChecks,
      complete,
    },
  };
}
