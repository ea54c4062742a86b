import { PROPERTIES, type SystemConfig } from '../../models/index.ts';
import { findings as catalogFindings } from '../../models/requirements/findings.ts';
import { requirements } from '../../models/requirements/catalog.ts';
import type { Exploration } from '../explore/explorer.ts';
import type { DerivedTable1 } from '../explore/table1.ts';
import type { CellComparison } from '../explore/table1-compare.ts';
import type { ModelCoverage } from '../testgen/coverage.ts';
import { requirementRecords } from './requirement-status.ts';
import { traceRecords } from './records.ts';
import type { DiagramRecord, FindingRecord, PropertyRecord, Table1CellRecord, TestRecord, VerifyResults } from './results.ts';

/** Assembles results.json from the outputs of every phase of `verify`. Pure. */
export interface ResultsInput {
  readonly version: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly seed: number;
  readonly command: readonly string[];
  readonly config: SystemConfig;
  readonly strategies: readonly string[];
  readonly implementation: string;
  readonly exploration: Exploration;
  readonly table1: DerivedTable1;
  readonly comparison: readonly CellComparison[];
  readonly tests: readonly TestRecord[];
  readonly coverage: ModelCoverage;
  readonly diagrams: readonly DiagramRecord[];
}

export function propertyRecords(exploration: Exploration): PropertyRecord[] {
  return PROPERTIES.map((p) => {
    const v = exploration.violations.find((x) => x.property === p.id);
    return { id: p.id, description: p.description, holds: !v, message: v ? `${v.message}${v.requirementIds.length > 0 ? ` — breaks ${v.requirementIds.join(', ')}` : ''}` : null, counterexample: v ? traceRecords(v.trace.steps) : null };
  });
}

function derivedFindings(comparison: readonly CellComparison[]): FindingRecord[] {
  return comparison
    .filter((c) => c.differences.length > 0)
    .map((c) => ({
      id: `D-TABLE1-${c.keyState.toUpperCase()}-${c.attachment.toUpperCase()}`,
      title: `Table 1 (${c.keyState}, ${c.attachment}): the model derives a different ${c.differences.join(', ')}`,
      severity: 'ambiguity',
      requirementIds: c.requirementIds,
      seedSays: c.differences.map((f) => `${f}: ${c.seed[f] ?? '—'}`).join('; '),
      readings: [
        { id: 'seed', text: c.differences.map((f) => `${f} = ${c.seed[f] ?? '—'}`).join('; ') },
        { id: 'model', text: c.differences.map((f) => `${f} = ${c.model[f] ?? '—'}`).join('; ') },
      ],
      modelTakes: 'model',
      rationale: 'Derived by the model checker from the machines (see the catalog findings for the reasoning); the implementation agrees with the model (the Table 1 tests pass).',
      origin: 'derived' as const,
    }));
}

export function buildResults(input: ResultsInput): VerifyResults {
  const properties = propertyRecords(input.exploration);
  const evidence = new Map<string, string[]>();
  for (const c of input.comparison) for (const id of c.requirementIds) evidence.set(id, [...(evidence.get(id) ?? []), `Table 1 cell (${c.keyState}, ${c.attachment}) derived from the model`]);
  const reqs = requirementRecords(requirements, input.tests, properties, evidence);
  const coveredCells = new Set(input.coverage.table1Cells.uncovered.map((u) => u.item));
  const table1: Table1CellRecord[] = input.comparison.map((c) => {
    const cell = input.table1.cells.find((x) => x.keyState === c.keyState && x.attachment === c.attachment);
    return {
      keyState: c.keyState,
      attachment: c.attachment,
      seed: c.seed,
      model: c.model,
      differences: c.differences,
      covered: !coveredCells.has(`${c.keyState}/${c.attachment}`),
      requirementIds: c.requirementIds,
      witness: cell ? traceRecords(cell.witness.steps) : [],
    };
  });
  const failedTests = input.tests.filter((t) => t.status === 'failed').length;
  const failedReqs = reqs.filter((r) => r.status === 'failed').length;
  const violations = input.exploration.violations.length;
  const coveredReqs = reqs.filter((r) => r.status === 'passed' || r.status === 'failed').length;
  const findings: FindingRecord[] = [
    ...catalogFindings.map((f) => ({
      id: f.id,
      title: f.title,
      severity: f.severity,
      requirementIds: f.requirementIds,
      seedSays: f.seedSays,
      readings: f.readings.map((r) => ({ id: r.id, text: r.text })),
      modelTakes: f.modelTakes,
      rationale: f.rationale,
      origin: 'catalog' as const,
    })),
    ...derivedFindings(input.comparison),
  ];
  return {
    schemaVersion: 1,
    tool: { name: 'evs-workbench', version: input.version },
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    durationMs: input.durationMs,
    seed: input.seed,
    command: input.command,
    config: input.config,
    strategies: input.strategies,
    implementation: input.implementation,
    verdict: failedTests === 0 && failedReqs === 0 && violations === 0 ? 'pass' : 'fail',
    summary: {
      requirements: { total: reqs.length, covered: coveredReqs, passed: reqs.filter((r) => r.status === 'passed').length, failed: failedReqs },
      tests: { total: input.tests.length, passed: input.tests.length - failedTests, failed: failedTests },
      table1: { cells: 6, covered: table1.filter((c) => c.covered).length, matchingSeed: table1.filter((c) => c.differences.length === 0).length },
      model: { states: input.exploration.stats.states, transitions: input.coverage.transitions.total, propertiesChecked: properties.length, violations },
    },
    properties,
    table1,
    requirements: reqs,
    tests: input.tests,
    coverage: { ...input.coverage, requirements: { covered: coveredReqs, total: reqs.length, uncovered: reqs.filter((r) => r.status === 'not-covered' || r.status === 'inspection').map((r) => ({ item: r.id, reason: r.status === 'inspection' ? 'checked by inspection only (outside what the system under test can show)' : 'no test or model property exercises it' })) } },
    findings,
    diagrams: input.diagrams,
  };
}
