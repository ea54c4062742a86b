import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../models/index.ts';
import { requirements } from '../../models/requirements/catalog.ts';
import { measureCoverage } from '../../src/testgen/coverage.ts';
import { generateSuite } from '../../src/testgen/generate.ts';
import { DEFAULT_STRATEGIES } from '../../src/testgen/strategy.ts';
import { oracle } from '../../src/testgen/test-case.ts';
import { defaultSuite, registerPart } from './generated-suite.ts';

describe('model-based tests generated from the models, part 1 of 2 (default configuration)', () => registerPart(0));

describe('what the generated suite covers at the default configuration (measured on the model)', () => {
  const suite = defaultSuite();
  const executed = suite.cases.map((c) => {
    const steps = oracle(suite.configs.get(c.config) ?? suite.config, c.events, c.probeSteps);
    return { config: c.config, steps, ran: steps.length };
  });
  const coverage = measureCoverage(PRESETS['default']!, suite.exploration, executed);

  it('covers every reachable state and every transition class', () => {
    expect(coverage.states.uncovered).toEqual([]);
    expect(coverage.states.covered).toBe(suite.exploration.stats.states);
    expect(coverage.transitions.uncovered).toEqual([]);
  });

  it('covers every pair of consecutive component transitions (switch coverage)', () => {
    expect(coverage.transitionPairs.uncovered).toEqual([]);
    expect(coverage.transitionPairs.total).toBeGreaterThan(10);
  });

  it('covers all six Table 1 cells', () => {
    expect(coverage.table1Cells).toMatchObject({ covered: 6, total: 6 });
  });

  it('exercises every requirement that model-based tests verify', () => {
    const exercised = new Set(suite.cases.flatMap((c) => c.requirementIds));
    const expected = requirements.filter((r) => r.verifiedBy.includes('model-based-test')).map((r) => r.id);
    expect(expected.filter((id) => !exercised.has(id))).toEqual([]);
  });

  it('is deterministic: generating again gives the same cases, events and requirement ids', () => {
    const a = generateSuite(PRESETS['minimal']!, DEFAULT_STRATEGIES);
    const b = generateSuite(PRESETS['minimal']!, DEFAULT_STRATEGIES);
    expect(b.cases).toEqual(a.cases);
    expect(a.cases.length).toBeGreaterThan(100);
  });
});
