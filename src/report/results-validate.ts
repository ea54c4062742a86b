import type { VerifyResults } from './results.ts';

/**
 * A runtime validator for results.json: narrows `unknown` to `VerifyResults`
 * or lists every problem with its JSON path (`$.summary.tests.total`). The
 * shape is written once, with small combinators whose inferred type the
 * compiler checks against `VerifyResults` in both directions, so the
 * validator cannot drift from the contract. Then consistency: counts that
 * must agree with the lists, unique ids, references that must resolve,
 * trace paths that must stay inside the bundle. Extra fields are allowed
 * (newer writers may add optional ones). No I/O.
 */
export interface ResultsProblem {
  readonly path: string;
  readonly message: string;
}

export type ResultsValidation = { readonly ok: true; readonly results: VerifyResults } | { readonly ok: false; readonly problems: readonly ResultsProblem[] };

interface Check<T> {
  readonly run: (value: unknown, path: string, out: ResultsProblem[]) => void;
  /** Phantom: the type this check admits. */
  readonly _type?: T;
}
interface Optional<T> extends Check<T | undefined> {
  readonly optional: true;
}
type Infer<C> = C extends Check<infer T> ? T : never;
type Shape = Readonly<Record<string, Check<unknown>>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Optional<unknown> ? K : never }[keyof S];
type InferObject<S extends Shape> = { readonly [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { readonly [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> };

const describeValue = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `the string ${JSON.stringify(v.slice(0, 40))}` : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`);

function primitive<T>(name: string, test: (v: unknown) => boolean): Check<T> {
  return { run: (v, path, out) => void (test(v) || out.push({ path, message: `expected ${name}, found ${describeValue(v)}` })) };
}

const str = primitive<string>('a string', (v) => typeof v === 'string');
const num = primitive<number>('a finite number', (v) => typeof v === 'number' && Number.isFinite(v));
const count = primitive<number>('a whole number >= 0', (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
const bool = primitive<boolean>('true or false', (v) => typeof v === 'boolean');
const anything: Check<unknown> = { run: () => undefined };

function lit<const L extends readonly (string | number)[]>(...values: L): Check<L[number]> {
  return primitive<L[number]>(values.map((x) => JSON.stringify(x)).join(' or '), (v) => values.some((x) => x === v));
}

function nullable<T>(c: Check<T>): Check<T | null> {
  return { run: (v, path, out) => void (v === null || c.run(v, path, out)) };
}

function opt<T>(c: Check<T>): Optional<T> {
  return { optional: true, run: (v, path, out) => void (v === undefined || c.run(v, path, out)) };
}

function arr<T>(c: Check<T>): Check<readonly T[]> {
  return {
    run: (v, path, out) => {
      if (!Array.isArray(v)) return void out.push({ path, message: `expected an array, found ${describeValue(v)}` });
      v.forEach((item: unknown, i) => c.run(item, `${path}[${i}]`, out));
    },
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const member = (path: string, key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

function obj<S extends Shape>(shape: S): Check<InferObject<S>> {
  return {
    run: (v, path, out) => {
      if (!isPlainObject(v)) return void out.push({ path, message: `expected an object, found ${describeValue(v)}` });
      for (const [key, check] of Object.entries(shape)) {
        const has = Object.hasOwn(v, key);
        if (!has && !('optional' in check)) out.push({ path: member(path, key), message: 'missing' });
        else if (has) check.run(v[key], member(path, key), out);
      }
    },
  };
}

function record<T>(c: Check<T>): Check<Readonly<Record<string, T>>> {
  return {
    run: (v, path, out) => {
      if (!isPlainObject(v)) return void out.push({ path, message: `expected an object, found ${describeValue(v)}` });
      for (const [key, item] of Object.entries(v)) c.run(item, member(path, key), out);
    },
  };
}

const step = obj({ index: count, event: str, expected: str, actual: nullable(str), state: str });
const metric = obj({ covered: count, total: count, uncovered: arr(obj({ item: str, reason: str })) });

const resultsShape = obj({
  schemaVersion: lit(1),
  tool: obj({ name: lit('evs-workbench'), version: str }),
  startedAt: str,
  finishedAt: str,
  durationMs: num,
  seed: num,
  command: arr(str),
  config: anything,
  strategies: arr(str),
  implementation: str,
  verdict: lit('pass', 'fail'),
  summary: obj({
    requirements: obj({ total: count, covered: count, passed: count, failed: count }),
    tests: obj({ total: count, passed: count, failed: count }),
    table1: obj({ cells: count, covered: count, matchingSeed: count }),
    model: obj({ states: count, transitions: count, propertiesChecked: count, violations: count }),
  }),
  properties: arr(obj({ id: str, description: str, holds: bool, message: nullable(str), counterexample: nullable(arr(step)) })),
  table1: arr(obj({ keyState: str, attachment: str, seed: record(str), model: record(str), differences: arr(str), covered: bool, requirementIds: arr(str), witness: arr(step) })),
  requirements: arr(
    obj({
      id: str,
      title: str,
      kind: str,
      source: obj({ section: str, table: opt(str), row: opt(str), column: opt(str), quote: str }),
      statement: str,
      constrains: arr(str),
      verifiedBy: arr(str),
      status: lit('passed', 'failed', 'not-covered', 'inspection'),
      tests: arr(str),
      evidence: arr(str),
      failedTests: arr(str),
    }),
  ),
  tests: arr(
    obj({
      id: str,
      strategy: str,
      title: str,
      purpose: str,
      requirementIds: arr(str),
      status: lit('passed', 'failed'),
      durationMs: num,
      steps: count,
      probes: count,
      trace: str,
      failure: nullable(obj({ stepIndex: count, event: str, expected: str, actual: str, message: str, observationDiff: arr(str), steps: arr(step), replay: str })),
    }),
  ),
  coverage: obj({ states: metric, transitions: metric, table1Cells: metric, requirements: metric, transitionPairs: metric }),
  findings: arr(
    obj({ id: str, title: str, severity: str, requirementIds: arr(str), seedSays: str, readings: arr(obj({ id: str, text: str })), modelTakes: str, rationale: str, origin: lit('catalog', 'derived') }),
  ),
  diagrams: arr(obj({ name: str, title: str, mermaid: str, svg: nullable(str) })),
});

// The validator and the contract admit the same values: each type is assignable to the other, also with
// every optional field made required (so an optional field missing on one side is caught too).
type Assignable<A extends B, B> = A;
type DeepRequired<T> = T extends string | number | boolean | null | undefined ? T : T extends readonly (infer U)[] ? readonly DeepRequired<U>[] : { [K in keyof T]-?: DeepRequired<T[K]> };
export type ValidatedShapeIsVerifyResults = Assignable<DeepRequired<Infer<typeof resultsShape>>, DeepRequired<VerifyResults>>;
export type VerifyResultsIsValidatedShape = Assignable<DeepRequired<VerifyResults>, DeepRequired<Infer<typeof resultsShape>>>;
export type ShapeAcceptsVerifyResults = Assignable<VerifyResults, Infer<typeof resultsShape>>;
export type VerifyResultsAcceptsShape = Assignable<Infer<typeof resultsShape>, VerifyResults>;

/** A path inside the bundle: relative, `/`-separated, no `.`/`..` segments, no backslashes. */
export function isBundlePath(p: string): boolean {
  return p.length > 0 && !p.startsWith('/') && !p.includes('\\') && p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..') && !/[\u0000-\u001f]/.test(p);
}

function consistency(r: VerifyResults, out: ResultsProblem[]): void {
  const agree = (path: string, stated: number, actual: number, what: string): void => {
    if (stated !== actual) out.push({ path, message: `says ${stated} but ${what} is ${actual}` });
  };
  agree('$.summary.tests.total', r.summary.tests.total, r.tests.length, 'the number of tests');
  agree('$.summary.tests.passed', r.summary.tests.passed, r.tests.filter((t) => t.status === 'passed').length, 'the number of passed tests');
  agree('$.summary.tests.failed', r.summary.tests.failed, r.tests.filter((t) => t.status === 'failed').length, 'the number of failed tests');
  agree('$.summary.requirements.total', r.summary.requirements.total, r.requirements.length, 'the number of requirements');
  agree('$.summary.table1.cells', r.summary.table1.cells, r.table1.length, 'the number of Table 1 cells');
  for (const [list, name] of [[r.tests, 'tests'], [r.requirements, 'requirements'], [r.properties, 'properties'], [r.findings, 'findings'], [r.diagrams, 'diagrams']] as const) {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const key = 'id' in item ? item.id : item.name;
      const first = seen.get(key);
      if (first !== undefined) out.push({ path: `$.${name}[${i}]`, message: `duplicate id ${JSON.stringify(key)} (also at $.${name}[${first}])` });
      else seen.set(key, i);
    });
  }
  const testIds = new Set(r.tests.map((t) => t.id));
  r.tests.forEach((t, i) => {
    if ((t.status === 'failed') !== (t.failure !== null)) out.push({ path: `$.tests[${i}].failure`, message: t.status === 'failed' ? 'a failed test needs a failure record' : 'a passed test must have failure: null' });
    if (!isBundlePath(t.trace)) out.push({ path: `$.tests[${i}].trace`, message: `${JSON.stringify(t.trace)} is not a relative path inside the bundle` });
  });
  r.requirements.forEach((q, i) => {
    q.tests.forEach((id, j) => void (testIds.has(id) || out.push({ path: `$.requirements[${i}].tests[${j}]`, message: `no test has id ${JSON.stringify(id)}` })));
    q.failedTests.forEach((id, j) => void (q.tests.includes(id) || out.push({ path: `$.requirements[${i}].failedTests[${j}]`, message: `${JSON.stringify(id)} is not among this requirement's tests` })));
  });
  const failing = r.tests.some((t) => t.status === 'failed') || r.properties.some((p) => !p.holds);
  if (r.verdict === 'pass' && failing) out.push({ path: '$.verdict', message: 'is "pass" although a test failed or a property is violated' });
  for (const key of ['startedAt', 'finishedAt'] as const) if (Number.isNaN(Date.parse(r[key]))) out.push({ path: `$.${key}`, message: `${JSON.stringify(r[key])} is not a date-time` });
}

/** Validates parsed results.json. Structural problems are all listed; consistency is checked only on a well-formed value. */
export function validateResults(value: unknown): ResultsValidation {
  const problems: ResultsProblem[] = [];
  resultsShape.run(value, '$', problems);
  if (problems.length > 0) return { ok: false, problems };
  const results = value as VerifyResults; // narrowed by resultsShape, whose type equals VerifyResults (checked above)
  consistency(results, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, results };
}

/** Parses and validates the text of results.json. */
export function parseResults(text: string): ResultsValidation {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: '$', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return validateResults(value);
}
