import type { PropertyRecord, RequirementRecord, StepRecord, TestRecord, VerifyResults } from './results.ts';
import { replayCommand } from './markdown/report-text.ts';

/**
 * junit.xml for CI dashboards: one <testsuite> per test-generation strategy
 * (one <testcase> per generated test), one `model-checking` suite (one case
 * per property) and one `requirements` suite (one case per requirement:
 * failed when a test of it failed, skipped when it is not covered or only
 * verified by inspection). Valid XML 1.0: text is escaped and characters
 * XML 1.0 cannot carry are dropped. Pure.
 */

// Everything outside XML 1.0's Char production (lone surrogates included).
const INVALID_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function xmlText(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: also quotes, and whitespace as character references so parsers keep it. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function attrs(list: Readonly<Record<string, string | number>>): string {
  return Object.entries(list)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** A trace as lines: `>> 5. disk.attach d1 → s1   model: EVS.2001   implementation: ok   (state)`. */
export function stepLines(steps: readonly StepRecord[], failingIndex: number | null = null): string[] {
  return steps.map((s) => {
    const mark = s.index === failingIndex || (s.actual !== null && s.actual !== s.expected) ? '>>' : '  ';
    const actual = s.actual === null ? '' : `   implementation: ${s.actual}`;
    return `${mark} ${s.index}. ${s.event}   model: ${s.expected}${actual}   [${s.state}]`;
  });
}

interface Case {
  readonly name: string;
  readonly classname: string;
  readonly timeMs: number;
  readonly failure?: { readonly message: string; readonly type: string; readonly body: string };
  readonly skipped?: string;
  readonly out?: string;
}

function testcase(c: Case): string {
  const inner: string[] = [];
  if (c.failure !== undefined) inner.push(`      <failure${attrs({ message: c.failure.message, type: c.failure.type })}>${xmlText(c.failure.body)}</failure>`);
  if (c.skipped !== undefined) inner.push(`      <skipped${attrs({ message: c.skipped })}/>`);
  if (c.out !== undefined) inner.push(`      <system-out>${xmlText(c.out)}</system-out>`);
  const open = `    <testcase${attrs({ name: c.name, classname: c.classname, time: seconds(c.timeMs) })}`;
  return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`;
}

function suite(name: string, cases: readonly Case[], r: VerifyResults): string {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const time = cases.reduce((t, c) => t + c.timeMs, 0);
  const head = `  <testsuite${attrs({ name, tests: cases.length, failures, errors: 0, skipped, time: seconds(time), timestamp: r.startedAt.replace(/Z$/, '') })}>`;
  const props = `    <properties>\n${[['seed', String(r.seed)], ['replay', replayCommand(r)], ['implementation', r.implementation]].map(([k, v]) => `      <property${attrs({ name: k ?? '', value: v ?? '' })}/>`).join('\n')}\n    </properties>`;
  return [head, props, ...cases.map(testcase), '  </testsuite>'].join('\n');
}

function testCase(t: TestRecord): Case {
  const out = [`id: ${t.id}`, `purpose: ${t.purpose}`, `requirements: ${t.requirementIds.join(', ') || '-'}`, `trace: ${t.trace}`, `steps: ${t.steps}, probes: ${t.probes}`].join('\n');
  const f = t.failure;
  if (t.status === 'passed') return { name: t.title, classname: t.strategy, timeMs: t.durationMs, out };
  if (f === null) return { name: t.title, classname: t.strategy, timeMs: t.durationMs, out, failure: { message: 'failed (no failure record)', type: 'mismatch', body: 'results.json marks this test failed but records no failure.' } };
  const body = [
    f.message,
    `step ${f.stepIndex}: ${f.event}: model expects ${f.expected}, implementation answered ${f.actual}`,
    '',
    ...stepLines(f.steps, f.stepIndex),
    ...(f.observationDiff.length > 0 ? ['', 'observation diff (- model, + implementation):', ...f.observationDiff] : []),
    '',
    `replay: ${f.replay}`,
  ].join('\n');
  return { name: t.title, classname: t.strategy, timeMs: t.durationMs, out, failure: { message: `step ${f.stepIndex} ${f.event}: expected ${f.expected}, got ${f.actual}`, type: 'mismatch', body } };
}

function propertyCase(p: PropertyRecord): Case {
  if (p.holds) return { name: p.id, classname: 'model-checking', timeMs: 0, out: p.description };
  const body = [p.description, p.message ?? '', '', 'counterexample:', ...stepLines(p.counterexample ?? [])].join('\n');
  return { name: p.id, classname: 'model-checking', timeMs: 0, out: p.description, failure: { message: p.message ?? `${p.id} is violated`, type: 'property-violated', body } };
}

function requirementCase(r: RequirementRecord): Case {
  const name = `${r.id}: ${r.title}`;
  const out = [`source: ${r.source.section}`, `quote: ${r.source.quote}`, `tests: ${r.tests.join(', ') || '-'}`, `evidence: ${r.evidence.join('; ') || '-'}`].join('\n');
  switch (r.status) {
    case 'passed':
      return { name, classname: 'requirements', timeMs: 0, out };
    case 'failed':
      return { name, classname: 'requirements', timeMs: 0, out, failure: { message: `failed tests: ${r.failedTests.join(', ') || '(none recorded)'}`, type: 'requirement-failed', body: r.statement } };
    case 'not-covered':
      return { name, classname: 'requirements', timeMs: 0, out, skipped: 'not covered by any generated test or other evidence' };
    case 'inspection':
      return { name, classname: 'requirements', timeMs: 0, out, skipped: 'verified by inspection, not by a test' };
  }
}

export function renderJunit(results: VerifyResults): string {
  const strategies = [...new Set([...results.strategies, ...results.tests.map((t) => t.strategy)])];
  const suites = [
    ...strategies.map((s) => suite(s, results.tests.filter((t) => t.strategy === s).map(testCase), results)),
    suite('model-checking', results.properties.map(propertyCase), results),
    suite('requirements', results.requirements.map(requirementCase), results),
  ];
  const all = results.tests.length + results.properties.length + results.requirements.length;
  const failures = results.tests.filter((t) => t.status === 'failed').length + results.properties.filter((p) => !p.holds).length + results.requirements.filter((r) => r.status === 'failed').length;
  const skipped = results.requirements.filter((r) => r.status === 'not-covered' || r.status === 'inspection').length;
  const head = `<testsuites${attrs({ name: `${results.tool.name} verify`, tests: all, failures, errors: 0, skipped, time: seconds(results.durationMs), timestamp: results.startedAt.replace(/Z$/, '') })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites, '</testsuites>', ''].join('\n');
}
