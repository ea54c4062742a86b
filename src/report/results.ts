/**
 * The machine-readable results of `evs-workbench verify` (results.json), and
 * the input of every report renderer. Plain JSON data, versioned.
 */
export type RequirementStatus = 'passed' | 'failed' | 'not-covered' | 'inspection';
export type TestStatus = 'passed' | 'failed';

export interface ResultsSummary {
  readonly requirements: { readonly total: number; readonly covered: number; readonly passed: number; readonly failed: number };
  readonly tests: { readonly total: number; readonly passed: number; readonly failed: number };
  readonly table1: { readonly cells: number; readonly covered: number; readonly matchingSeed: number };
  readonly model: { readonly states: number; readonly transitions: number; readonly propertiesChecked: number; readonly violations: number };
}

/** One step of a trace as reports show it. */
export interface StepRecord {
  readonly index: number;
  readonly event: string;
  /** `ok` or the refusal code the model predicts. */
  readonly expected: string;
  /** `ok`, the refusal code the implementation answered, or `broken: …`; null when not executed (model-only traces). */
  readonly actual: string | null;
  readonly state: string;
}

export interface FailureRecord {
  readonly stepIndex: number;
  readonly event: string;
  readonly expected: string;
  readonly actual: string;
  readonly message: string;
  readonly observationDiff: readonly string[];
  /** The steps up to and including the failing one. */
  readonly steps: readonly StepRecord[];
  /** One line that replays this test: the command with seed and path. */
  readonly replay: string;
}

export interface TestRecord {
  readonly id: string;
  readonly strategy: string;
  readonly title: string;
  readonly purpose: string;
  readonly requirementIds: readonly string[];
  readonly status: TestStatus;
  readonly durationMs: number;
  readonly steps: number;
  readonly probes: number;
  /** Path of its trace file inside the bundle (ITF JSON). */
  readonly trace: string;
  readonly failure: FailureRecord | null;
}

export interface RequirementRecord {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly source: { readonly section: string; readonly table?: string; readonly row?: string; readonly column?: string; readonly quote: string };
  readonly statement: string;
  /** Model elements, formatted (`disk: available --disk.attach--> attached`). */
  readonly constrains: readonly string[];
  readonly verifiedBy: readonly string[];
  readonly status: RequirementStatus;
  /** Ids of the generated tests that exercise it. */
  readonly tests: readonly string[];
  /** Other evidence: properties checked on every state, provisioning cases, Table 1 cells. */
  readonly evidence: readonly string[];
  readonly failedTests: readonly string[];
}

export interface PropertyRecord {
  readonly id: string;
  readonly description: string;
  readonly holds: boolean;
  readonly message: string | null;
  readonly counterexample: readonly StepRecord[] | null;
}

export interface Table1CellRecord {
  readonly keyState: string;
  readonly attachment: string;
  readonly seed: Readonly<Record<string, string>>;
  readonly model: Readonly<Record<string, string>>;
  /** Field names where the model's derivation differs from the seed's statement. */
  readonly differences: readonly string[];
  readonly covered: boolean;
  readonly requirementIds: readonly string[];
  readonly witness: readonly StepRecord[];
}

export interface FindingRecord {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly requirementIds: readonly string[];
  readonly seedSays: string;
  readonly readings: ReadonlyArray<{ readonly id: string; readonly text: string }>;
  readonly modelTakes: string;
  readonly rationale: string;
  /** `catalog` for findings recorded with the requirements; `derived` for differences found by this run. */
  readonly origin: 'catalog' | 'derived';
}

export interface CoverageMetric {
  readonly covered: number;
  readonly total: number;
  /** What was not covered, and why (one entry each, at most a few hundred). */
  readonly uncovered: ReadonlyArray<{ readonly item: string; readonly reason: string }>;
}

export interface DiagramRecord {
  readonly name: string;
  readonly title: string;
  readonly mermaid: string;
  /** Rendered SVG (embedded in the HTML report); null if rendering was skipped. */
  readonly svg: string | null;
}

export interface VerifyResults {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'evs-workbench'; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly seed: number;
  readonly command: readonly string[];
  readonly config: unknown;
  readonly strategies: readonly string[];
  readonly implementation: string;
  readonly verdict: 'pass' | 'fail';
  readonly summary: ResultsSummary;
  readonly properties: readonly PropertyRecord[];
  readonly table1: readonly Table1CellRecord[];
  readonly requirements: readonly RequirementRecord[];
  readonly tests: readonly TestRecord[];
  readonly coverage: {
    readonly states: CoverageMetric;
    readonly transitions: CoverageMetric;
    readonly table1Cells: CoverageMetric;
    readonly requirements: CoverageMetric;
    readonly transitionPairs: CoverageMetric;
  };
  readonly findings: readonly FindingRecord[];
  readonly diagrams: readonly DiagramRecord[];
}
