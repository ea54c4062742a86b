import { initialSystemState, keyStateOf, stepSystem, systemAlphabet, type SystemConfig, type SystemEvent, type SystemState } from '../../../models/index.ts';
import { serializeState } from '../../explore/canonical.ts';

/**
 * Pair coverage over the abstraction that Table 1 speaks in: (state of the
 * key) × (attachment of one disk encrypted with it). Using only events on
 * that key and that disk (and the clock), every ordered pair (A, B) of
 * abstract states such that B can follow A gets a test that is in A and then
 * enters B. Guarantees: every reachable ordered pair; unreachable pairs are
 * listed with the reason (a deleted key never comes back).
 */
export type AbstractState = `${'enabled' | 'disabled' | 'pendingDeletion' | 'deleted'}/${'attached' | 'detached'}`;

export interface PairCase {
  readonly from: AbstractState;
  readonly to: AbstractState;
  readonly events: SystemEvent[];
}

export interface PairPlan {
  readonly disk: string;
  readonly key: string;
  readonly cases: PairCase[];
  readonly unreachable: Array<{ readonly from: AbstractState; readonly to: AbstractState; readonly reason: string }>;
  readonly total: number;
}

interface Node {
  readonly state: SystemState;
  readonly path: SystemEvent[];
}

export function abstractPairs(config: SystemConfig): PairPlan | null {
  const spec = config.disks.find((d) => d.encrypted && d.key !== null && config.cmks.includes(d.key));
  if (!spec || spec.key === null) return null;
  const key = spec.key;
  const server = config.servers[0] ?? 's1';
  const abstractOf = (s: SystemState): AbstractState | null => {
    const d = s.disks[spec.id];
    if (!d || d.value === 'deleted') return null;
    return `${keyStateOf(s, key) as 'enabled'}/${d.value === 'attached' ? 'attached' : 'detached'}`;
  };
  const moves = (s: SystemState): Array<{ e: SystemEvent; next: SystemState }> =>
    systemAlphabet(config, s, { badInput: false })
      .filter((e) => e.type === 'kms.grantAccess' || e.type === 'clock.advance' || ('key' in e && e.key === key) || ('disk' in e && e.disk === spec.id && e.type !== 'disk.delete' && (!('server' in e) || e.server === server)))
      .flatMap((e) => {
        const r = stepSystem(s, e);
        return r.outcome.kind === 'ok' && r.next !== s ? [{ e, next: r.next }] : [];
      });
  const bfs = (start: Node, goal: (s: SystemState) => boolean): Node | null => {
    const seen = new Set([serializeState(start.state)]);
    let frontier = [start];
    while (frontier.length > 0) {
      const next: Node[] = [];
      for (const n of frontier) {
        if (goal(n.state) && n !== start) return n;
        for (const m of moves(n.state)) {
          const k = serializeState(m.next);
          if (seen.has(k)) continue;
          seen.add(k);
          next.push({ state: m.next, path: [...n.path, m.e] });
        }
      }
      frontier = next;
    }
    return null;
  };
  const keyStates = ['enabled', 'disabled', 'pendingDeletion', 'deleted'] as const;
  const all: AbstractState[] = keyStates.flatMap((k) => [`${k}/attached`, `${k}/detached`] as AbstractState[]);
  const cases: PairCase[] = [];
  const unreachable: PairPlan['unreachable'] = [];
  const root: Node = { state: initialSystemState(config), path: [] };
  for (const from of all) {
    const a = bfs(root, (s) => abstractOf(s) === from);
    for (const to of all) {
      if (to === from) continue;
      if (!a) {
        unreachable.push({ from, to, reason: `${from} is not reachable` });
        continue;
      }
      const b = bfs({ state: a.state, path: a.path }, (s) => abstractOf(s) === to);
      if (b) cases.push({ from, to, events: b.path });
      else unreachable.push({ from, to, reason: unreachableReason(from, to) });
    }
  }
  return { disk: spec.id, key, cases, unreachable, total: all.length * (all.length - 1) };
}

function unreachableReason(from: AbstractState, to: AbstractState): string {
  if (from === 'deleted/detached' && to === 'deleted/attached') return 'a detached disk whose key is deleted can never be attached again';
  if (from.startsWith('deleted')) return 'a deleted key never leaves the deleted state';
  return 'no sequence of events leads there in the model';
}
