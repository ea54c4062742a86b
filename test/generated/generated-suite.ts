import { expect, it } from 'vitest';
import { PRESETS } from '../../models/index.ts';
import { referenceSutFactory } from '../../src/adapter/reference/reference-sut.ts';
import { testRecord } from '../../src/report/records.ts';
import { generateSuite, type GeneratedSuite } from '../../src/testgen/generate.ts';
import { runTestCase } from '../../src/testgen/run-case.ts';
import { DEFAULT_STRATEGIES } from '../../src/testgen/strategy.ts';
import { testSeed } from '../../src/cli/verify/run-verify.ts';

/**
 * The model-based suite as ordinary vitest tests: every test case the
 * strategies generate at the default configuration becomes one `it`, named
 * by the requirements it covers and its path. The suite is split over
 * several files (PARTS), so `vitest --shard` can spread it over machines.
 * Random walks and provisioning cases have their own test files. Part 1 also
 * checks what the whole suite covers.
 */
export const PARTS = 2;
export const SEED = 20261203;

let suite: GeneratedSuite | null = null;

export function defaultSuite(): GeneratedSuite {
  suite ??= generateSuite(
    PRESETS['default']!,
    DEFAULT_STRATEGIES.filter((s) => s.kind !== 'random' && s.kind !== 'provisioning'),
  );
  return suite;
}

export function registerPart(part: number): void {
  const s = defaultSuite();
  const factory = referenceSutFactory();
  s.cases.forEach((c, index) => {
    if (index % PARTS !== part) return;
    it(`${c.title} (${c.id})`, async () => {
      const v = await runTestCase(c, s.configs.get(c.config) ?? s.config, factory, testSeed(SEED, index));
      const record = testRecord(v, SEED);
      expect(record.failure === null ? 'pass' : `${record.failure.message}\n${record.failure.steps.map((x) => `  ${x.index}. ${x.event}: expected ${x.expected}, got ${x.actual ?? '—'}`).join('\n')}\n  replay: ${record.failure.replay}`).toBe('pass');
    });
  });
}
