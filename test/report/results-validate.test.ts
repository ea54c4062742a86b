import { describe, expect, it } from 'vitest';
import { isBundlePath, parseResults, validateResults, type ResultsProblem } from '../../src/report/results-validate.ts';
import { sampleResults } from '../fixtures/results/sample-results.ts';

/** The fixture as plain JSON data, to break in place. */
function json(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(sampleResults())) as Record<string, unknown>;
}

function problems(value: unknown): readonly ResultsProblem[] {
  const v = validateResults(value);
  return v.ok ? [] : v.problems;
}

function at(path: string, obj: Record<string, unknown>): Record<string, unknown> {
  let cur: unknown = obj;
  for (const key of path.split('.')) cur = (cur as Record<string, unknown>)[key];
  return cur as Record<string, unknown>;
}

describe('validateResults', () => {
  it('accepts the fixture, before and after a JSON round trip', () => {
    expect(validateResults(sampleResults())).toEqual({ ok: true, results: sampleResults() });
    const text = JSON.stringify(sampleResults(), null, 2);
    expect(parseResults(text).ok).toBe(true);
  });

  it('names each structural problem by its JSON path', () => {
    const r = json();
    delete at('summary', r)['tests'];
    const tests = r['tests'] as Array<Record<string, unknown>>;
    (tests[0] as Record<string, unknown>)['durationMs'] = '41';
    r['verdict'] = 'maybe';
    r['seed'] = null;
    ((tests[5] as { failure: { steps: Array<Record<string, unknown>> } }).failure.steps[2] as Record<string, unknown>)['actual'] = 7;
    (at('coverage.states', r)['uncovered'] as unknown[]).push({ item: 'x' });
    ((r['requirements'] as Array<Record<string, unknown>>)[0] as { source: Record<string, unknown> }).source['row'] = 3;
    (r['table1'] as Array<{ seed: Record<string, unknown> }>)[0]!.seed['odd key'] = false;
    expect(problems(r)).toEqual([
      { path: '$.seed', message: 'expected a finite number, found null' },
      { path: '$.verdict', message: 'expected "pass" or "fail", found the string "maybe"' },
      { path: '$.summary.tests', message: 'missing' },
      { path: '$.table1[0].seed["odd key"]', message: 'expected a string, found boolean false' },
      { path: '$.requirements[0].source.row', message: 'expected a string, found number 3' },
      { path: '$.tests[0].durationMs', message: 'expected a finite number, found the string "41"' },
      { path: '$.tests[5].failure.steps[2].actual', message: 'expected a string, found number 7' },
      { path: '$.coverage.states.uncovered[0].reason', message: 'missing' },
    ]);
  });

  it('rejects what is not an object, and text that is not JSON', () => {
    expect(problems([])).toEqual([{ path: '$', message: 'expected an object, found an array' }]);
    expect(problems('results')).toEqual([{ path: '$', message: 'expected an object, found the string "results"' }]);
    const bad = parseResults('{"schemaVersion": 1,');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['$']);
    expect(problems({ ...json(), schemaVersion: 2 })).toEqual([{ path: '$.schemaVersion', message: 'expected 1, found number 2' }]);
  });

  it('finds counts that disagree with the lists, duplicate ids, dangling references and a false pass', () => {
    const base = sampleResults();
    const [t0, t1] = base.tests;
    if (t0 === undefined || t1 === undefined) throw new Error('fixture changed');
    const broken = {
      ...base,
      verdict: 'pass' as const,
      summary: { ...base.summary, tests: { ...base.summary.tests, total: 99 } },
      tests: [t0, { ...t1, id: t0.id, trace: '../../etc/passwd' }, ...base.tests.slice(2).map((t) => (t.status === 'failed' ? { ...t, failure: null } : t))],
      requirements: base.requirements.map((q, i) => (i === 0 ? { ...q, tests: ['no-such-test'], failedTests: ['other'] } : q)),
      startedAt: 'yesterday',
    };
    const found = problems(broken);
    expect(found).toContainEqual({ path: '$.summary.tests.total', message: 'says 99 but the number of tests is 8' });
    expect(found).toContainEqual({ path: '$.tests[1]', message: `duplicate id "${t0.id}" (also at $.tests[0])` });
    expect(found).toContainEqual({ path: '$.tests[1].trace', message: '"../../etc/passwd" is not a relative path inside the bundle' });
    expect(found).toContainEqual({ path: '$.tests[5].failure', message: 'a failed test needs a failure record' });
    expect(found).toContainEqual({ path: '$.requirements[0].tests[0]', message: 'no test has id "no-such-test"' });
    expect(found).toContainEqual({ path: '$.requirements[0].failedTests[0]', message: '"other" is not among this requirement\'s tests' });
    expect(found).toContainEqual({ path: '$.verdict', message: 'is "pass" although a test failed or a property is violated' });
    expect(found).toContainEqual({ path: '$.startedAt', message: '"yesterday" is not a date-time' });
  });
});

describe('isBundlePath', () => {
  it('admits relative paths inside the bundle only', () => {
    for (const ok of ['traces/t1.json', 'a', 'a/b/c.json']) expect(isBundlePath(ok), ok).toBe(true);
    for (const bad of ['', '/etc/passwd', '../x', 'a/../b', './a', 'a//b', 'a\\b', 'a/', 'a\nb']) expect(isBundlePath(bad), bad).toBe(false);
  });
});
