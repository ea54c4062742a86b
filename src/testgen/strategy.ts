/**
 * Test-generation strategies are data, chosen per run. Each names the
 * coverage criterion it guarantees.
 */
export type StrategySpec =
  | { readonly kind: 'states' }
  | { readonly kind: 'transitions'; readonly maxWalkLength: number }
  | { readonly kind: 'table1' }
  | { readonly kind: 'bounded'; readonly depth: number; readonly preset: string }
  | { readonly kind: 'pairs' }
  | { readonly kind: 'sneak' }
  | { readonly kind: 'random'; readonly runs: number; readonly maxLength: number }
  | { readonly kind: 'provisioning' };

export type StrategyKind = StrategySpec['kind'];

export const GUARANTEES: Readonly<Record<StrategyKind, string>> = {
  states: 'every reachable state (up to symmetry) is reached by a shortest path (xstate/graph TestModel.getShortestPaths)',
  transitions: 'every accepted transition class (up to symmetry) is taken, by GraphWalker-style greedy covering walks, and every pair of consecutive component transitions (switch coverage)',
  table1: 'every Table 1 cell (3 key states × attached/detached) is entered and followed by read, write, detach, attach and the restore actions',
  bounded: 'every sequence of accepted events up to depth k from the initial state, for a small configuration',
  pairs: 'every ordered pair of (key state × attachment) abstract states that the model allows is entered, the second from the first',
  sneak: 'every event the model refuses, in every reachable state (up to symmetry), is tried and must be refused with the model\'s code',
  random: 'random long walks (fast-check commands) with the model as oracle, shrunk to a minimal failing sequence',
  provisioning: 'every enumerated combination of the Tables 2–4 rules, run against the implementation with data checks through snapshots, backups and images',
};

export const DEFAULT_STRATEGIES: readonly StrategySpec[] = [
  { kind: 'states' },
  { kind: 'transitions', maxWalkLength: 80 },
  { kind: 'table1' },
  { kind: 'bounded', depth: 5, preset: 'minimal' },
  { kind: 'pairs' },
  { kind: 'sneak' },
  { kind: 'random', runs: 100, maxLength: 40 },
  { kind: 'provisioning' },
];

export type StrategyParse = { readonly ok: true; readonly strategies: StrategySpec[] } | { readonly ok: false; readonly message: string; readonly fix: string };

const FIX = 'write a comma-separated list of: states, transitions[:maxWalkLength], table1, bounded[:depth[@preset]], pairs, sneak, random[:runs[xlength]], provisioning — e.g. "states,table1,bounded:4,random:50x30"';

/** Parses `--strategies`: `states,transitions,table1,bounded:5@minimal,pairs,sneak,random:25x40`. */
export function parseStrategies(text: string): StrategyParse {
  const out: StrategySpec[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, arg] = raw.split(':', 2) as [string, string | undefined];
    const int = (s: string | undefined, fallback: number, min: number, max: number): number | null => {
      if (s === undefined || s === '') return fallback;
      const n = Number(s);
      return Number.isInteger(n) && n >= min && n <= max ? n : null;
    };
    const bad = (what: string): StrategyParse => ({ ok: false, message: `strategy '${raw}': ${what}`, fix: FIX });
    switch (name) {
      case 'states':
      case 'table1':
      case 'pairs':
      case 'sneak':
      case 'provisioning':
        if (arg !== undefined) return bad('takes no argument');
        out.push({ kind: name });
        break;
      case 'transitions': {
        const n = int(arg, 80, 1, 10_000);
        if (n === null) return bad('the walk length must be an integer 1..10000');
        out.push({ kind: 'transitions', maxWalkLength: n });
        break;
      }
      case 'bounded': {
        const [d, preset] = (arg ?? '').split('@') as [string, string | undefined];
        const depth = int(d, 5, 1, 12);
        if (depth === null) return bad('the depth must be an integer 1..12');
        out.push({ kind: 'bounded', depth, preset: preset ?? 'minimal' });
        break;
      }
      case 'random': {
        const [r, l] = (arg ?? '').split('x') as [string, string | undefined];
        const runs = int(r, 25, 1, 100_000);
        const len = int(l, 40, 1, 10_000);
        if (runs === null || len === null) return bad('write random:RUNSxLENGTH with integers, e.g. random:50x30');
        out.push({ kind: 'random', runs, maxLength: len });
        break;
      }
      default:
        return bad('unknown strategy');
    }
  }
  if (out.length === 0) return { ok: false, message: 'no strategy given', fix: FIX };
  return { ok: true, strategies: out };
}
