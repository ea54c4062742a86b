import type { RequirementRecord, VerifyResults } from '../results.ts';
import { REQUIREMENT_STATUS_LABEL, sourceLocation, statusCounts } from '../markdown/report-text.ts';
import { code, filterBar, statusBadge, testLinks } from './components.ts';
import { anchor, esc } from './escape.ts';

/**
 * The traceability matrix: every requirement with the seed text it comes
 * from, the model elements it constrains, the tests and other evidence
 * that check it, and the result. Filterable by text and status, sortable.
 */

const STATUS_ORDER = { failed: 0, 'not-covered': 1, inspection: 2, passed: 3 } as const;

function modelElements(r: RequirementRecord): string {
  if (r.constrains.length === 0) return '<span class="muted">—</span>';
  const items = r.constrains.map((c) => `<li>${code(c)}</li>`).join('');
  return r.constrains.length <= 3 ? `<ul class="plain">${items}</ul>` : `<details><summary>${r.constrains.length} elements</summary><ul class="plain">${items}</ul></details>`;
}

function evidence(r: RequirementRecord, failed: ReadonlySet<string>, known: ReadonlySet<string>): string {
  const parts = [testLinks(r.tests, failed, known)];
  if (r.evidence.length > 0) parts.push(`<ul class="plain evidence">${r.evidence.map((e) => `<li class="muted">${esc(e)}</li>`).join('')}</ul>`);
  if (r.verifiedBy.length > 0) parts.push(`<div class="muted">verified by ${r.verifiedBy.map(esc).join(', ')}</div>`);
  return parts.join('');
}

function row(r: RequirementRecord, failed: ReadonlySet<string>, known: ReadonlySet<string>): string {
  return [
    `<tr id="${anchor('req', r.id)}" data-status="${esc(r.status)}">`,
    `<td><strong>${code(r.id)}</strong><div>${esc(r.title)}</div><div class="muted">${esc(r.kind)}</div></td>`,
    `<td><blockquote class="quote">${esc(r.source.quote)}</blockquote><div class="muted">${esc(sourceLocation(r.source))}</div>`,
    `<details><summary>statement</summary><p>${esc(r.statement)}</p></details></td>`,
    `<td>${modelElements(r)}</td>`,
    `<td>${evidence(r, failed, known)}</td>`,
    `<td data-value="${STATUS_ORDER[r.status]}">${statusBadge(r.status)}${r.failedTests.length > 0 ? `<div class="muted">${r.failedTests.length} failed</div>` : ''}</td>`,
    '</tr>',
  ].join('');
}

export function renderTraceability(results: VerifyResults): string {
  const failed = new Set(results.tests.filter((t) => t.status === 'failed').map((t) => t.id));
  const known = new Set(results.tests.map((t) => t.id));
  const counts = statusCounts(results.requirements);
  const summary = counts.filter((c) => c.count > 0).map((c) => `${c.count} ${REQUIREMENT_STATUS_LABEL[c.status]}`).join(' · ');
  const statuses = counts.filter((c) => c.count > 0).map((c) => ({ value: c.status, label: `${REQUIREMENT_STATUS_LABEL[c.status]} (${c.count})` }));
  return [
    `<p>${results.requirements.length} requirements from the seed: ${esc(summary)}.</p>`,
    filterBar('trace-matrix', 'Filter requirements (id, words of the quote, test id…)', statuses),
    '<div class="table-wrap"><table id="trace-matrix" class="matrix">',
    '<colgroup><col style="width:16%"><col style="width:28%"><col style="width:22%"><col style="width:22%"><col style="width:12%"></colgroup>',
    '<thead><tr><th data-sort="text">Requirement</th><th>Seed source</th><th>Model elements</th><th>Tests and evidence</th><th data-sort="number">Result</th></tr></thead>',
    `<tbody>${results.requirements.map((r) => row(r, failed, known)).join('')}</tbody></table></div>`,
  ].join('');
}
