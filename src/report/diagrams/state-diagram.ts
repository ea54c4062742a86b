import type { AnyStateMachine } from 'xstate';
import {
  coverageClassLines,
  coverageMark,
  transitionStatus,
  type DiagramCoverage,
} from './coverage.ts';
import { allStates, outlineMachine, type OutlineState, type OutlineTransition } from './machine-outline.ts';
import { frontMatter, MermaidIds, mermaidText, wrapWords } from './mermaid-text.ts';

/**
 * An XState v5 machine as a Mermaid `stateDiagram-v2`: nested states for
 * compound and parallel states (regions separated by `--`), `[*]` for initial
 * and final states, one arrow per accepted transition labelled
 * `event [guard] / actions` (transitions between the same two states share
 * one arrow, one label line each), targetless accepted transitions as self-loops,
 * explicit refusals (`meta.refusal`) as a note on the state listing
 * `event [guard] ⟂ CODE`, state descriptions inside the state box.
 * Transitions on the machine root (handled in any state) leave a pseudo-state
 * "any state". Pure and deterministic: document order throughout.
 */
export interface StateDiagramOptions {
  /** Diagram title; defaults to the machine id and its description. */
  readonly title?: string;
  /** Paints states (classDef) and marks transitions; see `DiagramCoverage`. */
  readonly coverage?: DiagramCoverage;
  readonly direction?: 'TB' | 'LR';
  /** `full` (default): actions, transition descriptions and requirements too; `compact`: `event [guard]` only. */
  readonly detail?: 'full' | 'compact';
}

const DESCRIPTION_WIDTH = 44;
const ANY_STATE = '\u0000any';

export function machineToMermaid(machine: AnyStateMachine, options: StateDiagramOptions = {}): string {
  return outlineToMermaid(outlineMachine(machine), options);
}

export function outlineToMermaid(root: OutlineState, options: StateDiagramOptions = {}): string {
  return new StateDiagramWriter(root, options).write();
}

class StateDiagramWriter {
  private readonly ids = new MermaidIds('s_');
  private readonly parents = new Map<string, OutlineState | null>();
  /** Edges by the id of the state whose block holds them ('' = top level). */
  private readonly edgesByScope = new Map<string, OutlineTransition[]>();
  private readonly states: OutlineState[];
  private readonly full: boolean;

  constructor(private readonly root: OutlineState, private readonly options: StateDiagramOptions) {
    this.states = allStates(root);
    this.full = (options.detail ?? 'full') === 'full';
    this.parents.set(root.id, null);
    for (const s of this.states) for (const c of s.children) this.parents.set(c.id, s);
    for (const s of this.states) this.ids.of(s.id);
    if (root.transitions.length > 0) this.ids.of(ANY_STATE);
    for (const s of this.states) {
      for (const t of s.transitions) {
        if (t.refusal !== null && t.target === null) continue;
        const scope = this.scopeOf(t);
        this.edgesByScope.set(scope, [...(this.edgesByScope.get(scope) ?? []), t]);
      }
    }
  }

  write(): string {
    const title = this.options.title ?? [this.root.id, this.root.description].filter((x) => x).join(': ');
    const lines = [...frontMatter(title), 'stateDiagram-v2'];
    if (this.options.direction) lines.push(`direction ${this.options.direction}`);
    if (this.root.type === 'parallel') lines.push(...this.stateLines(this.root));
    else if (this.root.children.length === 0) lines.push(...this.stateLines(this.root), `[*] --> ${this.id(this.root.id)}`);
    else lines.push(...this.blockBody(this.root));
    if (this.root.transitions.length > 0) lines.push(...this.anyStateLines());
    lines.push(...this.edgeLines(''));
    if (this.options.coverage) {
      const painted = this.states.filter((s) => s !== this.root || s.children.length === 0);
      lines.push(...coverageClassLines(this.options.coverage, painted.map((s) => ({ key: s.id, mermaidId: this.id(s.id) }))));
    }
    return `${lines.join('\n')}\n`;
  }

  private id(stateId: string): string {
    return this.ids.of(stateId);
  }

  /** The block a transition's arrow is written in: the deepest non-parallel state containing both ends. */
  private scopeOf(t: OutlineTransition): string {
    if (t.source === this.root.id) return '';
    const chain = (id: string): OutlineState[] => {
      const out: OutlineState[] = [];
      for (let p = this.parents.get(id) ?? null; p !== null; p = this.parents.get(p.id) ?? null) out.unshift(p);
      return out;
    };
    const a = chain(t.source);
    const b = chain(t.target ?? t.source);
    let i = 0;
    while (i < a.length && i < b.length && a[i]?.id === b[i]?.id) i += 1;
    for (let j = i - 1; j >= 0; j -= 1) {
      const s = a[j];
      if (s !== undefined && s !== this.root && s.type !== 'parallel') return s.id;
    }
    return '';
  }

  /** Declaration of one state (a block for compound and parallel states), its description and notes. */
  private stateLines(s: OutlineState): string[] {
    const label = s.type === 'history' ? `${s.key} (history)` : s.key;
    const head = `state "${mermaidText(label)}" as ${this.id(s.id)}`;
    const lines = s.children.length === 0 ? [head] : [`${head} {`, ...indent(this.blockBody(s)), '}'];
    const text = [...(s.description ? [s.description] : []), ...s.meta.map(([k, v]) => `${k}: ${v}`)];
    const wrapped = text.flatMap((part) => wrapWords(part, DESCRIPTION_WIDTH)).map(mermaidText);
    // Mermaid allows descriptions only on simple states: a composite state's description goes in its note.
    if (s.children.length === 0) for (const line of wrapped) lines.push(`${this.id(s.id)} : ${line}`);
    const own = s === this.root ? [] : s.transitions;
    lines.push(...this.note(s.id, s.children.length === 0 ? [] : wrapped, own));
    return lines;
  }

  private blockBody(s: OutlineState): string[] {
    if (s.type === 'parallel') {
      return s.children.flatMap((region, i) => [...(i > 0 ? ['--'] : []), ...this.stateLines(region)]);
    }
    const lines: string[] = [];
    if (s.initial !== null) lines.push(`[*] --> ${this.id(s.initial)}`);
    for (const child of s.children) lines.push(...this.stateLines(child));
    if (s !== this.root) lines.push(...this.edgeLines(s.id));
    for (const child of s.children) if (child.type === 'final') lines.push(`${this.id(child.id)} --> [*]`);
    return lines;
  }

  private anyStateLines(): string[] {
    const any = this.ids.of(ANY_STATE);
    return [`state "any state" as ${any}`, `${any} : ${mermaidText('handled here unless the current state handles the event')}`, ...this.note(ANY_STATE, [], this.root.transitions)];
  }

  private endpoint(stateId: string): string {
    return this.id(stateId === this.root.id ? ANY_STATE : stateId);
  }

  /**
   * One arrow per pair of states, in order of first appearance: Mermaid draws several arrows between
   * the same two states (self-loops especially) on top of each other, so their labels are stacked.
   */
  private edgeLines(scope: string): string[] {
    const arrows = new Map<string, string[]>();
    for (const t of this.edgesByScope.get(scope) ?? []) {
      const from = this.endpoint(t.source);
      const arrow = `${from} --> ${t.target === null ? from : this.endpoint(t.target)}`;
      arrows.set(arrow, [...(arrows.get(arrow) ?? []), this.transitionLabel(t)]);
    }
    return [...arrows].map(([arrow, labels]) => `${arrow} : ${labels.join('<br/>')}`);
  }

  private transitionLabel(t: OutlineTransition): string {
    const parts = [mermaidText(t.eventLabel)];
    if (t.guard !== null) parts.push(`[${mermaidText(t.guard)}]`);
    if (t.refusal !== null) parts.push(`⟂ ${mermaidText(t.refusal)}`);
    if (this.full && t.actions.length > 0 && t.refusal === null) parts.push(`/ ${mermaidText(t.actions.join(', '))}`);
    if (this.full && t.requirements.length > 0) parts.push(mermaidText(`{${t.requirements.join(', ')}}`));
    if (this.options.coverage) parts.push(coverageMark(transitionStatus(this.options.coverage, t.key)));
    return parts.join(' ');
  }

  /** `note right of X`: the given text lines, then the explicit refusals among `transitions`; nothing when both are empty. */
  private note(stateId: string, text: readonly string[], transitions: readonly OutlineTransition[]): string[] {
    const refusals = transitions.filter((t) => t.refusal !== null && t.target === null).map((t) => {
      const line = this.transitionLabel(t);
      return `• ${this.full && t.description !== null ? `${line} #8212; ${mermaidText(t.description)}` : line}`;
    });
    const body = [...text, ...refusals];
    if (body.length === 0) return [];
    return [`note right of ${this.endpoint(stateId)}`, ...indent(body), 'end note'];
  }
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => `  ${l}`);
}
