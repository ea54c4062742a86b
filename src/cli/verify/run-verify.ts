import { cmkMachine, diskMachine, type SystemConfig } from '../../../models/index.ts';
import type { SutFactory } from '../../adapter/system-under-test.ts';
import { explore } from '../../explore/explorer.ts';
import { deriveTable1 } from '../../explore/table1.ts';
import { compareTable1 } from '../../explore/table1-compare.ts';
import { buildResults } from '../../report/build-results.ts';
import { machineCoverage } from '../../report/diagram-coverage.ts';
import { modelDiagramSources } from '../../report/diagrams/sources.ts';
import { buildDiagramSet } from '../../report/diagrams/diagram-set.ts';
import { machineToMermaid } from '../../report/diagrams/state-diagram.ts';
import { provisioningRecord, randomWalkRecord, replayOptions, testRecord } from '../../report/records.ts';
import type { DiagramRecord, TestRecord, VerifyResults } from '../../report/results.ts';
import { measureCoverage, type ExecutedTest } from '../../testgen/coverage.ts';
import { generateSuite } from '../../testgen/generate.ts';
import type { ProvisioningVerdict } from '../../testgen/provisioning/provisioning-verdict.ts';
import { runProvisioningSuiteDetailed } from '../../testgen/provisioning/run-all.ts';
import { runRandomWalks, type RandomWalkResult } from '../../testgen/random/random-walks.ts';
import { runTestCase, type TestVerdict } from '../../testgen/run-case.ts';
import type { Progress } from './progress.ts';
import type { VerifyOptions } from './verify-args.ts';

/** Everything `verify` computed: the results and the artefacts that go beside them in the bundle. */
export interface VerifyRun {
  readonly results: VerifyResults;
  readonly verdicts: readonly TestVerdict[];
  readonly random: RandomWalkResult | null;
  readonly provisioning: readonly ProvisioningVerdict[];
}

/** A per-test seed derived from the run's seed, so each test replays alone with `--only`. */
export function testSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 1;
}

export async function runVerify(options: VerifyOptions, factory: SutFactory, progress: Progress, meta: { version: string; command: readonly string[]; now: () => number }): Promise<VerifyRun> {
  const started = meta.now();
  const config: SystemConfig = options.config;
  progress.start(`model checking (config ${config.name})`);
  const exploration = explore(config, { onProgress: (p) => progress.update(`${p.states} states, ${p.edges} transitions explored, depth ${p.depth}`) });
  progress.done(`${exploration.stats.states} states (symmetry group ${exploration.symmetryGroupSize}), ${exploration.stats.acceptedEdges} accepted and ${exploration.stats.refusedEdges} refused transitions, ${exploration.stats.propertyChecks} property checks, ${exploration.violations.length} violations`);

  progress.start('deriving Table 1 from the model');
  const table1 = deriveTable1(exploration);
  const comparison = compareTable1(table1);
  progress.done(`${table1.cells.length} cells, ${comparison.filter((c) => c.differences.length === 0).length} match the seed`);

  progress.start('generating tests');
  const suite = generateSuite(config, options.strategies, exploration);
  const cases = suite.cases.filter((c) => options.only === null || c.id === options.only);
  progress.done(suite.plans.map((p) => `${p.kind} ${p.cases}`).join(', '));

  progress.start('executing generated tests against the implementation');
  const verdicts: TestVerdict[] = [];
  let failed = 0;
  for (const [i, c] of cases.entries()) {
    const index = suite.cases.indexOf(c);
    const v = await runTestCase(c, suite.configs.get(c.config) ?? config, factory, testSeed(options.seed, index), meta.now);
    verdicts.push(v);
    if (v.kind === 'fail') failed++;
    progress.update(`${i + 1}/${cases.length} tests, ${failed} failed`);
  }
  progress.done(`${cases.length} tests, ${failed} failed`);

  const replay = replayOptions(meta.command.slice(2));
  const records: TestRecord[] = verdicts.map((v) => testRecord(v, options.seed, replay));
  let random: RandomWalkResult | null = null;
  if (suite.random && options.only === null) {
    const spec = suite.random;
    progress.start(`random walks (fast-check, ${spec.runs} runs × ≤${spec.maxLength} events)`);
    random = await runRandomWalks({
      config,
      factory,
      seed: options.seed,
      runs: spec.runs,
      maxLength: spec.maxLength,
      badInput: options.badInput,
      ...(options.replayPath !== null ? { path: options.replayPath } : {}),
      onProgress: (p) => progress.update(`${p.phase} ${p.execution}`),
    });
    const extra = [...(options.mutant ? ['--mutant', options.mutant.id] : []), ...(options.hsm === 'softhsm' ? ['--hsm', 'softhsm'] : [])];
    records.push(randomWalkRecord(random, config.name, spec.runs, extra));
    progress.done(random.kind === 'pass' ? `${random.runs} walks, ${random.events} events, all agree with the model` : `FAILED, shrunk to ${random.counterexample.length} events`);
  }
  let provisioning: ProvisioningVerdict[] = [];
  if (options.strategies.some((s) => s.kind === 'provisioning')) {
    progress.start('provisioning rules (Tables 2–4) against the implementation');
    const mutant = options.mutant;
    const prov = await runProvisioningSuiteDetailed({
      seed: options.seed,
      ...(mutant ? { mutate: (cloud) => void mutant.apply(cloud) } : {}),
      onProgress: (_v, done, total) => progress.update(`${done}/${total} cases`),
    });
    const mine = prov.verdicts.filter((v) => options.only === null || v.caseId === options.only);
    provisioning = mine;
    records.push(...mine.map(provisioningRecord));
    progress.done(prov.summary);
  }

  progress.start('coverage, diagrams and results');
  const executed: ExecutedTest[] = verdicts.map((v) => ({ config: v.test.config, steps: v.oracle, ran: v.kind === 'pass' ? v.oracle.length : Math.max(0, v.stepIndex + 1) }));
  const coverage = measureCoverage(config, exploration, executed);
  const coverageInputs = verdicts.filter((v) => v.test.config === config.name).map((v) => ({ steps: v.oracle, failedAt: v.kind === 'fail' ? Math.max(0, v.stepIndex) : null }));
  const diagrams: DiagramRecord[] = [
    { name: 'cmk-coverage', title: 'CMK lifecycle, with test coverage', mermaid: machineToMermaid(cmkMachine, { title: 'CMK lifecycle — coverage', coverage: machineCoverage('cmk', coverageInputs) }), svg: null },
    { name: 'disk-coverage', title: 'Disk lifecycle, with test coverage', mermaid: machineToMermaid(diskMachine, { title: 'Disk lifecycle — coverage', coverage: machineCoverage('disk', coverageInputs) }), svg: null },
    ...buildDiagramSet(modelDiagramSources()).filter((d) => d.name.startsWith('system')).map((d) => ({ name: d.name, title: d.title, mermaid: d.mermaid, svg: null })),
  ];
  const finished = meta.now();
  const results = buildResults({
    version: meta.version,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    seed: options.seed,
    command: meta.command,
    config,
    strategies: options.strategies.map((s) => s.kind),
    implementation: factory.name,
    exploration,
    table1,
    comparison,
    tests: records,
    coverage,
    diagrams,
  });
  progress.done(`verdict ${results.verdict.toUpperCase()}`);
  return { results, verdicts, random, provisioning };
}
