import type { RequirementStatus, StepRecord, VerifyResults } from '../results.ts';
import { actualText, REQUIREMENT_STATUS_LABEL, STATUS_SYMBOL, stepDiffers } from '../markdown/report-text.ts';
import { anchor, esc } from './escape.ts';

/**
 * Small HTML building blocks shared by the report's sections. Every
 * function takes raw text and escapes it; every function returns safe HTML.
 */

const STATUS_CLASS: Readonly<Record<RequirementStatus, string>> = { passed: 'pass', failed: 'fail', 'not-covered': 'none', inspection: 'insp' };

/** A status badge: colour, border style, symbol and word (never colour alone). */
export function statusBadge(status: RequirementStatus): string {
  return `<span class="badge ${STATUS_CLASS[status]}"><span aria-hidden="true">${STATUS_SYMBOL[status]}</span> ${esc(REQUIREMENT_STATUS_LABEL[status])}</span>`;
}

export function holdsBadge(holds: boolean): string {
  return holds ? '<span class="badge pass"><span aria-hidden="true">✓</span> holds</span>' : '<span class="badge fail"><span aria-hidden="true">✗</span> VIOLATED</span>';
}

export function coveredBadge(covered: boolean): string {
  return covered ? '<span class="badge pass"><span aria-hidden="true">✓</span> covered</span>' : '<span class="badge none"><span aria-hidden="true">○</span> not covered</span>';
}

export function code(text: string): string {
  return `<code>${esc(text)}</code>`;
}

/** At most this many test links per requirement (failed ones first); the test list's filter finds the rest. */
export const MAX_TEST_LINKS = 40;

/** Links to the tests' rows in the test list; more than `open` of them go into a closed <details>, at most `MAX_TEST_LINKS`. */
export function testLinks(ids: readonly string[], failed: ReadonlySet<string>, known: ReadonlySet<string>, open = 4): string {
  if (ids.length === 0) return '<span class="muted">—</span>';
  const link = (id: string): string =>
    !known.has(id) ? `<span title="not in this run's tests">${esc(id)}</span>` : `<a href="#${anchor('test', id)}"${failed.has(id) ? ' class="failed-link" title="failed"' : ''}>${failed.has(id) ? '✗ ' : ''}${esc(id)}</a>`;
  if (ids.length <= open) return `<div class="ids">${ids.map(link).join('')}</div>`;
  const failedFirst = [...ids].sort((a, b) => Number(failed.has(b)) - Number(failed.has(a)));
  const shown = failedFirst.slice(0, MAX_TEST_LINKS);
  const more = ids.length - shown.length;
  const nFailed = ids.filter((i) => failed.has(i)).length;
  return [
    `<details><summary>${ids.length} tests${nFailed > 0 ? ` (${nFailed} failed)` : ''}</summary><div class="ids">${shown.map(link).join('')}</div>`,
    more > 0 ? `<div class="muted">… and ${more} more: filter the test list by the requirement id.</div>` : '',
    '</details>',
  ].join('');
}

/** Links to the requirements' rows in the matrix; ids not in `known` (not in this run's results) are shown unlinked. */
export function requirementLinks(ids: readonly string[], known: ReadonlySet<string>): string {
  if (ids.length === 0) return '<span class="muted">—</span>';
  const one = (id: string): string => (known.has(id) ? `<a href="#${anchor('req', id)}">${esc(id)}</a>` : `<span title="not in this run's requirements">${esc(id)}</span>`);
  return `<div class="ids">${ids.map(one).join('')}</div>`;
}

/**
 * A trace as a table: step, event, what the model expects, what the implementation answered,
 * the model state after. Steps where the two differ (and the step named `failingIndex`) are marked.
 */
export function stepsTable(steps: readonly StepRecord[], failingIndex: number | null = null, caption?: string): string {
  if (steps.length === 0) return '<p class="muted">No steps (the initial state).</p>';
  const executed = steps.some((s) => s.actual !== null);
  const rows = steps.map((s) => {
    const failed = s.index === failingIndex || stepDiffers(s);
    const cells = [
      `<td data-value="${s.index}">${s.index}${failed ? ' <span class="badge fail" title="the implementation differs from the model here">✗</span>' : ''}</td>`,
      `<td>${code(s.event)}</td>`,
      `<td>${code(s.expected)}</td>`,
      executed ? `<td>${s.actual === null ? '<span class="muted">not executed</span>' : code(actualText(s))}</td>` : '',
      `<td>${esc(s.state)}</td>`,
    ];
    return `<tr${failed ? ' class="step-failed"' : ''}>${cells.join('')}</tr>`;
  });
  const head = `<tr><th>#</th><th>Event</th><th>Model expects</th>${executed ? '<th>Implementation answered</th>' : ''}<th>Model state after</th></tr>`;
  return `<div class="table-wrap"><table class="steps">${caption === undefined ? '' : `<caption class="muted">${esc(caption)}</caption>`}<thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** A definition list of label/value pairs; values are HTML (already safe). */
export function metaList(items: ReadonlyArray<readonly [string, string]>): string {
  return `<dl class="meta">${items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/** A filter bar for the table `tableId`: a text box, optionally a status select, and a live count. */
export function filterBar(tableId: string, label: string, statuses: ReadonlyArray<{ value: string; label: string }> = []): string {
  const select =
    statuses.length === 0
      ? ''
      : `<label>Status <select data-status-filter="${esc(tableId)}"><option value="">all</option>${statuses.map((s) => `<option value="${esc(s.value)}">${esc(s.label)}</option>`).join('')}</select></label>`;
  return `<div class="filters"><input type="search" data-filter="${esc(tableId)}" placeholder="${esc(label)}" aria-label="${esc(label)}">${select}<span class="muted" data-count-for="${esc(tableId)}"></span></div>`;
}

export function knownRequirements(results: VerifyResults): ReadonlySet<string> {
  return new Set(results.requirements.map((r) => r.id));
}

export function section(id: string, title: string, body: string): string {
  return `<section id="${esc(id)}" aria-labelledby="${esc(id)}-title"><h2 id="${esc(id)}-title">${esc(title)}</h2>${body}</section>`;
}
