import type { SystemConfig, SystemEvent } from '../../../models/index.ts';
import { transitionClassKey } from '../../explore/canonical.ts';
import { explore } from '../../explore/explorer.ts';

/**
 * GraphWalker-style covering walks over the explicit (unreduced) state graph:
 * start at the initial state, go by the shortest way to the nearest state
 * that still has an untaken transition class, take it, and repeat; when none
 * is reachable (keys deleted for good, disks gone) or the walk is long
 * enough, start a new walk. Transitions are counted up to symmetry (renaming
 * interchangeable keys, disks and servers). Guarantees: every accepted
 * transition class reachable from the initial state is taken by some walk.
 */
export interface WalkOptions {
  readonly maxWalkLength?: number;
}

interface Edge {
  readonly to: number;
  readonly event: SystemEvent;
  readonly cls: number;
}

export interface TransitionGraph {
  readonly adjacency: readonly (readonly Edge[])[];
  readonly classes: number;
  readonly initial: number;
}

export function buildTransitionGraph(config: SystemConfig): TransitionGraph {
  const ex = explore(config, { symmetry: false, badInput: false });
  const index = new Map<string, number>();
  [...ex.states.keys()].forEach((k, i) => index.set(k, i));
  const classIds = new Map<string, number>();
  const adjacency: Edge[][] = [...ex.states.keys()].map(() => []);
  for (const e of ex.edges) {
    if (e.outcome.kind !== 'ok') continue;
    const from = ex.states.get(e.from);
    if (!from) continue;
    const key = transitionClassKey(config, from.state, e.event);
    let cls = classIds.get(key);
    if (cls === undefined) {
      cls = classIds.size;
      classIds.set(key, cls);
    }
    adjacency[index.get(e.from) as number]?.push({ to: index.get(e.to) as number, event: e.event, cls });
  }
  return { adjacency, classes: classIds.size, initial: index.get(ex.initial) as number };
}

export function transitionWalks(config: SystemConfig, options: WalkOptions = {}): SystemEvent[][] {
  const graph = buildTransitionGraph(config);
  return coveringWalks(graph, options.maxWalkLength ?? 80);
}

export function coveringWalks(graph: TransitionGraph, maxLen: number): SystemEvent[][] {
  const covered = new Uint8Array(graph.classes);
  let remaining = graph.classes;
  const walks: SystemEvent[][] = [];
  while (remaining > 0) {
    let at = graph.initial;
    const walk: SystemEvent[] = [];
    while (walk.length < maxLen) {
      const route = nearestUncovered(graph, at, covered);
      if (!route) break;
      for (const e of route) {
        if (!covered[e.cls]) {
          covered[e.cls] = 1;
          remaining--;
        }
        walk.push(e.event);
        at = e.to;
      }
    }
    if (walk.length === 0) break; // what is left is unreachable from the initial state
    walks.push(walk);
  }
  return walks;
}

function nearestUncovered(graph: TransitionGraph, start: number, covered: Uint8Array): Edge[] | null {
  const via = new Map<number, { prev: number; edge: Edge } | null>([[start, null]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    const edges = graph.adjacency[node] ?? [];
    const fresh = edges.find((e) => !covered[e.cls]);
    if (fresh) {
      const route: Edge[] = [fresh];
      for (let n = node, v = via.get(n); v; n = v.prev, v = via.get(n)) route.unshift(v.edge);
      return route;
    }
    for (const e of edges) {
      if (via.has(e.to)) continue;
      via.set(e.to, { prev: node, edge: e });
      queue.push(e.to);
    }
  }
  return null;
}
