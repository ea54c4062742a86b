import type { Outcome, SystemEvent, SystemState } from '../../../models/index.ts';
import { formatEvent } from '../../../models/index.ts';
import type { GraphEdge, GraphNode, StateGraph } from './graph-diagram.ts';

/**
 * The explored state space of the composed system (keys × disks × agency) as
 * a `StateGraph` for `graphToMermaid`. Only accepted events that change the
 * state become edges: refusals and accepted self-loops (reads, writes, time
 * passing outside a waiting period) would bury the picture, and the machine
 * diagrams show them. Pure.
 */
export interface ExploredSystem {
  readonly initial: string;
  readonly states: ReadonlyMap<string, { readonly state: SystemState }>;
  readonly edges: ReadonlyArray<{ readonly from: string; readonly to: string; readonly event: SystemEvent; readonly outcome: Outcome }>;
}

export function systemGraph(explored: ExploredSystem): StateGraph {
  const nodes: GraphNode[] = [...explored.states].map(([id, { state }]) => ({
    id,
    label: systemStateLabel(state),
    ...(id === explored.initial ? { initial: true } : {}),
  }));
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const e of explored.edges) {
    if (e.outcome.kind !== 'ok' || e.from === e.to || !explored.states.has(e.to)) continue;
    const edge = { from: e.from, to: e.to, label: formatEvent(e.event) };
    const key = JSON.stringify(edge);
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(edge);
  }
  return { nodes, edges };
}

/**
 * A state in a few lines: the keys first (the box title), then each created disk, then the agency.
 * `k1 pendingDeletion 7d` shows the days left in the waiting period.
 */
export function systemStateLabel(state: SystemState): string {
  const keys = Object.entries(state.keys).map(([id, k]) => {
    const days = k.value === 'pendingDeletion' && k.context.remainingDays !== null ? ` ${k.context.remainingDays}d` : '';
    return `${id} ${k.value}${days}`;
  });
  const disks = Object.entries(state.disks).map(([id, d]) => {
    const where = d.value === 'attached' && d.context.serverId !== null ? ` to ${d.context.serverId}` : '';
    return `${id} ${d.value}${where}`;
  });
  return [
    keys.length > 0 ? keys.join(' · ') : 'no keys',
    ...(disks.length > 0 ? disks : ['no disks']),
    state.agency ? 'agency granted' : 'no agency',
  ].join('\n');
}
