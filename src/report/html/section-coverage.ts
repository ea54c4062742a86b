import type { CoverageMetric, VerifyResults } from '../results.ts';
import { ratio } from '../markdown/report-text.ts';
import { esc } from './escape.ts';

/** Coverage metrics as bars, each with the list of what was not covered and why. */

export const COVERAGE_LABELS: ReadonlyArray<readonly [keyof VerifyResults['coverage'], string]> = [
  ['states', 'Model states'],
  ['transitions', 'Model transitions'],
  ['table1Cells', 'Table 1 cells'],
  ['requirements', 'Requirements'],
  ['transitionPairs', 'Transition pairs'],
];

function percent(m: CoverageMetric): number {
  return m.total === 0 ? 100 : Math.max(0, Math.min(100, (m.covered / m.total) * 100));
}

function uncovered(m: CoverageMetric): string {
  if (m.uncovered.length === 0) return m.covered < m.total ? '<span class="muted">not listed</span>' : '<span class="muted">nothing</span>';
  const rows = m.uncovered.map((u) => `<tr><td><code>${esc(u.item)}</code></td><td>${esc(u.reason)}</td></tr>`).join('');
  return `<details><summary>${m.uncovered.length} not covered</summary><table><thead><tr><th>Item</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

export function renderCoverage(results: VerifyResults): string {
  const rows = COVERAGE_LABELS.map(([key, label]) => {
    const m = results.coverage[key];
    const p = percent(m);
    return [
      `<tr data-metric="${esc(key)}"><td>${esc(label)}</td>`,
      `<td data-value="${p.toFixed(1)}">${esc(ratio(m.covered, m.total))}</td>`,
      `<td><div class="bar" role="img" aria-label="${esc(`${p.toFixed(1)} percent covered`)}"><span style="width:${p.toFixed(1)}%"></span></div></td>`,
      `<td>${uncovered(m)}</td></tr>`,
    ].join('');
  });
  return `<div class="table-wrap"><table id="coverage-table"><thead><tr><th>Metric</th><th>Covered</th><th></th><th>Not covered, and why</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
