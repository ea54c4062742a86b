import type { FindingRecord, Table1CellRecord, VerifyResults } from '../results.ts';
import { md, mdCode, mdFence, mdQuote, mdTable } from './escape.ts';
import { mdSteps } from './md-failures.ts';
import { formatDuration, ratio, REQUIREMENT_STATUS_LABEL, sourceLocation, STATUS_SYMBOL, statusCounts } from './report-text.ts';

/** The body sections of report.md, in the same order and with the same content as report.html. Pure. */

const codes = (ids: readonly string[]): string => (ids.length === 0 ? '—' : ids.map((i) => mdCode(i)).join(', '));

/** At most this many test ids per requirement (failed ones first). */
const MAX_TEST_IDS = 12;

function testList(ids: readonly string[], failed: ReadonlySet<string>): string {
  if (ids.length === 0) return '';
  const ordered = [...ids].sort((a, b) => Number(failed.has(b)) - Number(failed.has(a)));
  const shown = ordered.slice(0, MAX_TEST_IDS).map((id) => `${failed.has(id) ? '✗ ' : ''}${mdCode(id)}`);
  return `${shown.join(', ')}${ids.length > shown.length ? ` … and ${ids.length - shown.length} more (${ids.length} tests)` : ''}`;
}

export function mdTraceability(r: VerifyResults): string {
  const failed = new Set(r.tests.filter((t) => t.status === 'failed').map((t) => t.id));
  const counts = statusCounts(r.requirements).filter((c) => c.count > 0).map((c) => `${c.count} ${REQUIREMENT_STATUS_LABEL[c.status]}`).join(' · ');
  const rows = r.requirements.map((q) => [
    `${mdCode(q.id)}<br>${md(q.title)}`,
    `_${md(q.source.quote)}_<br>${md(sourceLocation(q.source))}`,
    codes(q.constrains),
    [testList(q.tests, failed), ...q.evidence.map(md)].filter((x) => x.length > 0).join('<br>') || '—',
    `${STATUS_SYMBOL[q.status]} ${q.status === 'failed' ? '**FAILED**' : md(REQUIREMENT_STATUS_LABEL[q.status])}`,
  ]);
  return ['## Traceability matrix', '', `${r.requirements.length} requirements: ${md(counts)}.`, '', mdTable(['Requirement', 'Seed source', 'Model elements', 'Tests and evidence', 'Result'], rows)].join('\n');
}

const KEY_STATE: Readonly<Record<string, string>> = { disabled: 'Disabled', pendingDeletion: 'Scheduled deletion', deleted: 'Deleted' };

function table1Rows(c: Table1CellRecord): string[][] {
  const fields = [...Object.keys(c.seed), ...Object.keys(c.model).filter((f) => !Object.hasOwn(c.seed, f))];
  return fields.map((f, i) => {
    const differs = c.differences.includes(f);
    const show = (v: string | undefined): string => (v === undefined ? '_(none)_' : differs ? `**${md(v)}**` : md(v));
    return [
      i === 0 ? `**${md(KEY_STATE[c.keyState] ?? c.keyState)}**` : '',
      i === 0 ? `${md(c.attachment)}${c.covered ? '' : ' (not covered)'}` : '',
      mdCode(f),
      show(c.seed[f]),
      show(c.model[f]),
      differs ? '**≠ differs**' : c.seed[f] === undefined ? '+ model only' : c.model[f] === undefined ? 'not derived' : '=',
    ];
  });
}

export function mdTable1(r: VerifyResults): string {
  if (r.table1.length === 0) return '## Table 1: seed and model\n\nThis run derived no Table 1 cells.';
  const differing = r.table1.filter((c) => c.differences.length > 0).length;
  const witnesses = r.table1.map((c) =>
    [`<details><summary>Witness: ${md(KEY_STATE[c.keyState] ?? c.keyState)} / ${md(c.attachment)} (${c.witness.length} steps)</summary>`, '', `Requirements: ${codes(c.requirementIds)}`, '', mdSteps(c.witness), '', '</details>'].join('\n'),
  );
  return [
    '## Table 1: seed and model',
    '',
    `${r.table1.length} cells; ${r.table1.length - differing} match the seed, **${differing} differ** (fields marked ≠, values in bold).`,
    '',
    mdTable(['Key state', 'Disk', 'Field', 'Seed says', 'Model derives', 'Match'], r.table1.flatMap(table1Rows)),
    '',
    ...witnesses,
  ].join('\n');
}

function finding(f: FindingRecord): string {
  return [
    `### ${mdCode(f.id, false)} ${md(f.title)}`,
    '',
    `_${md(f.severity)} · ${f.origin === 'derived' ? 'found by this run' : 'recorded with the catalog'} · requirements: ${f.requirementIds.map((id) => mdCode(id, false)).join(', ') || '—'}_`,
    '',
    mdQuote(f.seedSays),
    '',
    ...f.readings.map((x) => `- ${x.id === f.modelTakes ? '**➜ ' : ''}${mdCode(x.id, false)}${x.id === f.modelTakes ? ' (the model takes this)**' : ''}: ${md(x.text)}`),
    '',
    md(f.rationale),
  ].join('\n');
}

export function mdFindings(r: VerifyResults): string {
  const derived = r.findings.filter((f) => f.origin === 'derived');
  const catalog = r.findings.filter((f) => f.origin === 'catalog');
  return ['## Findings', '', `${r.findings.length} findings: ${derived.length} found by this run, ${catalog.length} recorded with the requirement catalog.`, '', [...derived, ...catalog].map(finding).join('\n\n')].join('\n');
}

export function mdModelChecking(r: VerifyResults): string {
  const m = r.summary.model;
  const rows = r.properties.map((p) => [mdCode(p.id), md(p.description), p.holds ? '✓ holds' : '**✗ VIOLATED**']);
  const violations = r.properties
    .filter((p) => !p.holds)
    .map((p) => [`### ✗ ${mdCode(p.id, false)}`, '', md(p.message ?? 'violated'), '', p.counterexample === null ? '_No counterexample recorded._' : mdSteps(p.counterexample)].join('\n'));
  return [
    '## Model checking',
    '',
    `${m.states} reachable states, ${m.transitions} transitions, ${m.propertiesChecked} properties checked, ${m.violations} violations.`,
    '',
    mdTable(['Property', 'Description', 'Verdict'], rows),
    ...(violations.length > 0 ? ['', ...violations] : []),
  ].join('\n');
}

const METRICS: ReadonlyArray<readonly [keyof VerifyResults['coverage'], string]> = [
  ['states', 'Model states'],
  ['transitions', 'Model transitions'],
  ['table1Cells', 'Table 1 cells'],
  ['requirements', 'Requirements'],
  ['transitionPairs', 'Transition pairs'],
];

export function mdCoverage(r: VerifyResults): string {
  const rows = METRICS.map(([k, label]) => [md(label), md(ratio(r.coverage[k].covered, r.coverage[k].total)), String(r.coverage[k].uncovered.length)]);
  const lists = METRICS.filter(([k]) => r.coverage[k].uncovered.length > 0).map(([k, label]) =>
    [`<details><summary>${md(label)}: not covered (${r.coverage[k].uncovered.length})</summary>`, '', mdTable(['Item', 'Why'], r.coverage[k].uncovered.map((u) => [mdCode(u.item), md(u.reason)])), '', '</details>'].join('\n'),
  );
  return ['## Coverage', '', mdTable(['Metric', 'Covered', 'Not covered (listed)'], rows), '', ...lists].join('\n');
}

export function mdDiagrams(r: VerifyResults): string {
  if (r.diagrams.length === 0) return '## Diagrams\n\nNo diagrams in this run.';
  return ['## Diagrams', '', ...r.diagrams.map((d) => [`### ${md(d.title)}`, '', mdFence(d.mermaid, 'mermaid'), ''].join('\n'))].join('\n');
}

/** Above this many tests report.md lists per strategy and the failed tests only (report.html, junit.xml and results.json have all). */
export const MD_TEST_LIST_MAX = 300;

export function mdTests(r: VerifyResults): string {
  const row = (t: VerifyResults['tests'][number]): string[] => [mdCode(t.id), mdCode(t.strategy), `${md(t.title)}<br>_${md(t.purpose)}_`, codes(t.requirementIds), String(t.steps), md(formatDuration(t.durationMs)), t.status === 'failed' ? '**✗ FAILED**' : '✓ passed'];
  const head = ['Test', 'Strategy', 'Title and purpose', 'Requirements', 'Steps', 'Time', 'Result'];
  if (r.tests.length <= MD_TEST_LIST_MAX) return ['## All tests', '', mdTable(head, r.tests.map(row))].join('\n');
  const strategies = [...new Set(r.tests.map((t) => t.strategy))];
  const perStrategy = strategies.map((s) => {
    const mine = r.tests.filter((t) => t.strategy === s);
    return [mdCode(s), String(mine.length), String(mine.filter((t) => t.status === 'passed').length), String(mine.filter((t) => t.status === 'failed').length)];
  });
  const failed = r.tests.filter((t) => t.status === 'failed');
  return [
    '## All tests',
    '',
    `${r.tests.length} generated tests: too many to list here. Every test is in report.html (filterable), junit.xml and results.json; the failed ones follow.`,
    '',
    mdTable(['Strategy', 'Tests', 'Passed', 'Failed'], perStrategy),
    ...(failed.length > 0 ? ['', mdTable(head, failed.map(row))] : []),
  ].join('\n');
}
