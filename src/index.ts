/**
 * evs-workbench's public API. Everything else is internal.
 *
 * - The models (specification and oracle) have their own entry, `models/index.ts`
 *   (`evs-workbench/models`), so that importing the implementation never pulls
 *   in the model by accident.
 * - The reference implementation: {@link Cloud} (KMS + EVS over one workspace).
 * - Model checking: {@link explore}, {@link deriveTable1}, {@link compareTable1}.
 * - Test generation and execution: {@link generateSuite}, {@link runTestCase},
 *   {@link runRandomWalks}, {@link runProvisioningSuite}, and the adapter seam
 *   {@link SystemUnderTest} / {@link SutFactory} for plugging in another implementation.
 * - Reports: {@link buildResults}, {@link renderHtmlReport}, {@link renderMarkdownReport},
 *   {@link renderJunit}, {@link verifyBundle}.
 * - Runtime monitoring of recorded logs: {@link conformStream}.
 */
export { WorkbenchError, isWorkbenchError, describeError } from './errors/workbench-error.ts';
export { SimulatedClock, systemClock, DAY_MS, type Clock } from './clock/clock.ts';
export { SeededRandom, secureRandom, type RandomSource } from './rng/random-source.ts';

export { Cloud, type CloudOptions, type RootKeyOption } from './system/cloud.ts';
export { encryptSectors, decryptSectors, tweakForSector, validateXtsKey, type SectorSize } from './xts/xts-cipher.ts';

export { explore, type Exploration, type ExploreOptions, type Violation } from './explore/explorer.ts';
export { deriveTable1, type DerivedTable1, type DerivedCell } from './explore/table1.ts';
export { compareTable1, type CellComparison } from './explore/table1-compare.ts';
export { formatTrace, toItf, type Trace, type ItfTrace } from './explore/trace.ts';

export type { SystemUnderTest, SutFactory, SutResult, Observation } from './adapter/system-under-test.ts';
export { referenceSutFactory, type ReferenceOptions } from './adapter/reference/reference-sut.ts';
export { MUTANTS, mutantById, mutatedReferenceFactory, type Mutant } from './adapter/mutants.ts';

export { generateSuite, type GeneratedSuite } from './testgen/generate.ts';
export { parseStrategies, DEFAULT_STRATEGIES, GUARANTEES, type StrategySpec } from './testgen/strategy.ts';
export { runTestCase, type TestVerdict } from './testgen/run-case.ts';
export type { TestCase } from './testgen/test-case.ts';
export { measureCoverage, type ModelCoverage } from './testgen/coverage.ts';
export { runRandomWalks, type RandomWalkResult } from './testgen/random/random-walks.ts';
export { runProvisioningSuite } from './testgen/provisioning/run-all.ts';

export { buildResults } from './report/build-results.ts';
export type { VerifyResults } from './report/results.ts';
export { validateResults } from './report/results-validate.ts';
export { renderHtmlReport } from './report/html/render-html.ts';
export { renderMarkdownReport } from './report/markdown/render-markdown.ts';
export { renderJunit } from './report/junit.ts';
export { verifyBundle } from './report/manifest/verify-bundle.ts';

export { conformStream } from './conform/run-conform.ts';
