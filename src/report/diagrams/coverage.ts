/**
 * Test coverage painted on a diagram: each state and each transition is
 * covered (a passing test went through it), uncovered, or failed (a test that
 * went through it failed). States are coloured with `classDef`s; transition
 * labels and refusal notes get a mark.
 */
export type CoverageStatus = 'covered' | 'uncovered' | 'failed';

/**
 * Coverage of one diagram. State keys are XState state node ids (`cmk.enabled`) for machine
 * diagrams, node ids for graph diagrams. Transition keys come from `transitionKey`.
 * When a coverage is given, anything it does not mention counts as `uncovered`.
 */
export interface DiagramCoverage {
  readonly states: Readonly<Record<string, CoverageStatus>>;
  readonly transitions: Readonly<Record<string, CoverageStatus>>;
}

/**
 * The key of a transition in `DiagramCoverage.transitions`: `from|event|to`.
 * For machine diagrams `from` and `to` are state node ids, `event` the XState event type
 * (`xstate.after.…`/`xstate.done.…` as XState names them, `always` for eventless transitions);
 * a targetless transition has `to === from`; an explicit refusal has `to` = `refused:<CODE>`.
 * For graph diagrams `from`/`to` are node ids and `event` the edge label.
 */
export function transitionKey(from: string, event: string, to: string): string {
  return `${from}|${event}|${to}`;
}

/** The `to` part of the key of an explicit refusal. */
export function refusalTarget(code: string): string {
  return `refused:${code}`;
}

export const COVERAGE_STATUSES: readonly CoverageStatus[] = ['covered', 'uncovered', 'failed'];

/** Mermaid class definitions, one per status (green, grey, red). */
export const COVERAGE_CLASS_DEFS: readonly string[] = [
  'classDef covered fill:#d8f3dc,stroke:#2d6a4f,color:#1b4332',
  'classDef uncovered fill:#eeeeee,stroke:#9e9e9e,color:#616161',
  'classDef failed fill:#ffd6d6,stroke:#c1121f,color:#7f0000,stroke-width:2px',
];

const MARK: Readonly<Record<CoverageStatus, string>> = { covered: '✓', uncovered: '○', failed: '✗' };

/** The mark appended to a transition label or refusal line. */
export function coverageMark(status: CoverageStatus): string {
  return MARK[status];
}

export function stateStatus(coverage: DiagramCoverage, key: string): CoverageStatus {
  return coverage.states[key] ?? 'uncovered';
}

export function transitionStatus(coverage: DiagramCoverage, key: string): CoverageStatus {
  return coverage.transitions[key] ?? 'uncovered';
}

/**
 * The `classDef` lines and one `class a,b,c status` line per status that has states,
 * in status order and, inside a line, in the given order of `mermaidIds`.
 */
export function coverageClassLines(coverage: DiagramCoverage, states: ReadonlyArray<{ key: string; mermaidId: string }>): string[] {
  const lines = [...COVERAGE_CLASS_DEFS];
  for (const status of COVERAGE_STATUSES) {
    const ids = states.filter((s) => stateStatus(coverage, s.key) === status).map((s) => s.mermaidId);
    if (ids.length > 0) lines.push(`class ${ids.join(',')} ${status}`);
  }
  return lines;
}
