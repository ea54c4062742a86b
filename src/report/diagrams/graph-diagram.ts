import { WorkbenchError } from '../../errors/workbench-error.ts';
import { coverageClassLines, coverageMark, transitionKey, transitionStatus, type DiagramCoverage } from './coverage.ts';
import { frontMatter, MermaidIds, mermaidText } from './mermaid-text.ts';

export { sequenceToMermaid, type SequenceStep, type SequenceOptions } from './sequence-diagram.ts';

/**
 * An explicit state graph (for example the reachable states of the composed
 * system at a small configuration) as a Mermaid `stateDiagram-v2`. Node ids
 * may be anything (JSON, paths): they become Mermaid-safe identifiers. A
 * label may have several lines: the first names the state, the others are
 * written inside its box. Edges between the same two nodes are drawn as one
 * arrow carrying every label. Pure; output order follows input order.
 */
export interface GraphNode {
  readonly id: string;
  readonly label: string;
  readonly initial?: boolean;
  readonly final?: boolean;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export interface StateGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export interface GraphDiagramOptions {
  readonly title?: string;
  readonly direction?: 'TB' | 'LR';
  /** States keyed by node id, transitions by `transitionKey(from, label, to)`. */
  readonly coverage?: DiagramCoverage;
}

export function graphToMermaid(graph: StateGraph, options: GraphDiagramOptions = {}): string {
  const ids = new MermaidIds('n_');
  const known = new Set(graph.nodes.map((n) => n.id));
  for (const n of graph.nodes) ids.of(n.id);
  const lines = [...frontMatter(options.title), 'stateDiagram-v2'];
  if (options.direction) lines.push(`direction ${options.direction}`);

  for (const n of graph.nodes) {
    const [name = n.id, ...rest] = n.label.split('\n').filter((l) => l.trim().length > 0);
    lines.push(`state "${mermaidText(name)}" as ${ids.of(n.id)}`);
    for (const line of rest) lines.push(`${ids.of(n.id)} : ${mermaidText(line)}`);
  }
  for (const n of graph.nodes) if (n.initial) lines.push(`[*] --> ${ids.of(n.id)}`);

  for (const [pair, edges] of groupEdges(graph.edges)) {
    const first = edges[0];
    if (first === undefined) continue;
    for (const end of [first.from, first.to]) {
      if (!known.has(end)) {
        throw new WorkbenchError({
          code: 'MODEL.0902',
          message: `the state graph has an edge ${pair} to or from node ${JSON.stringify(end)}, which is not among its nodes`,
          fix: 'list every node an edge refers to in graph.nodes (a bug in whatever built the graph)',
          data: { node: end },
        });
      }
    }
    const labels = edges.map((e) => {
      const mark = options.coverage ? ` ${coverageMark(transitionStatus(options.coverage, transitionKey(e.from, e.label, e.to)))}` : '';
      return `${mermaidText(e.label)}${mark}`;
    });
    lines.push(`${ids.of(first.from)} --> ${ids.of(first.to)} : ${labels.join('<br/>')}`);
  }
  for (const n of graph.nodes) if (n.final) lines.push(`${ids.of(n.id)} --> [*]`);

  if (options.coverage) lines.push(...coverageClassLines(options.coverage, graph.nodes.map((n) => ({ key: n.id, mermaidId: ids.of(n.id) }))));
  return `${lines.join('\n')}\n`;
}

/** Edges grouped by (from, to), groups in order of first appearance. */
function groupEdges(edges: readonly GraphEdge[]): Map<string, GraphEdge[]> {
  const groups = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    const pair = JSON.stringify([e.from, e.to]);
    groups.set(pair, [...(groups.get(pair) ?? []), e]);
  }
  return groups;
}
