import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../models/index.ts';
import { MUTANTS, mutatedReferenceFactory } from '../../src/adapter/mutants.ts';
import { referenceSutFactory } from '../../src/adapter/reference/reference-sut.ts';
import { generateSuite } from '../../src/testgen/generate.ts';
import { runTestCase, type TestVerdict } from '../../src/testgen/run-case.ts';

/**
 * The deterministic generated suites catch deliberately broken
 * implementations, each with a short, readable counterexample; and the same
 * suites pass on the correct implementation (so the failures are the faults').
 */
const config = PRESETS['minimal']!;
const suite = generateSuite(config, [{ kind: 'states' }, { kind: 'transitions', maxWalkLength: 80 }, { kind: 'table1' }, { kind: 'sneak' }]);

async function runAll(factory: ReturnType<typeof referenceSutFactory>): Promise<TestVerdict[]> {
  const out: TestVerdict[] = [];
  for (const [i, c] of suite.cases.entries()) out.push(await runTestCase(c, config, factory, i + 1));
  return out;
}

describe('generated suites against planted faults', () => {
  it('pass on the correct reference implementation', async () => {
    const verdicts = await runAll(referenceSutFactory());
    expect(verdicts.filter((v) => v.kind === 'fail').map((v) => (v.kind === 'fail' ? v.message : ''))).toEqual([]);
  });

  it.each(MUTANTS.map((m) => [m.id, m] as const))('catch %s with a short counterexample', async (_id, mutant) => {
    const verdicts = await runAll(mutatedReferenceFactory(mutant));
    const failures = verdicts.flatMap((v) => (v.kind === 'fail' ? [v] : []));
    expect(failures.length).toBeGreaterThan(0);
    const shortest = failures.sort((a, b) => a.stepIndex - b.stepIndex)[0]!;
    expect(shortest.stepIndex + 1).toBeLessThanOrEqual(10);
    expect(shortest.message.length).toBeGreaterThan(20);
    expect(shortest.message).toMatch(/step \d+|sneak path/);
  });
});
