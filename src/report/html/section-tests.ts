import type { TestRecord, VerifyResults } from '../results.ts';
import { failureSequenceMermaid } from '../markdown/test-sequence.ts';
import { formatDuration, numberingNote } from '../markdown/report-text.ts';
import { code, filterBar, knownRequirements, metaList, requirementLinks, statusBadge, stepsTable } from './components.ts';
import { embedSvg } from './embed-svg.ts';
import { anchor, esc } from './escape.ts';

/**
 * The generated tests: each failing one in full (the counterexample step by
 * step, expected against actual, the observation diff, the replay command
 * and its sequence diagram), then every test in one filterable list that
 * the traceability matrix links into.
 */

function diffList(lines: readonly string[]): string {
  if (lines.length === 0) return '<p class="muted">No observation differences recorded.</p>';
  const item = (l: string): string => `<li class="${l.startsWith('-') ? 'del' : l.startsWith('+') ? 'add' : ''}">${esc(l)}</li>`;
  return `<ul class="diff" aria-label="observation diff: - model, + implementation">${lines.map(item).join('')}</ul>`;
}

function sequence(t: TestRecord, svg: string | undefined, index: number): string {
  const note = t.failure === null ? '' : numberingNote(t.failure.steps);
  if (svg !== undefined) return `<figure><figcaption>Sequence diagram${note === '' ? '' : ` <span class="muted">(${esc(note)})</span>`}</figcaption><div class="svg">${embedSvg(svg, `seq${index}`)}</div></figure>`;
  const mermaid = failureSequenceMermaid(t);
  return mermaid === null ? '' : `<figure><figcaption>Sequence diagram (Mermaid source; not rendered in this run)</figcaption><pre class="mermaid-source">${esc(mermaid)}</pre></figure>`;
}

export function failureDetail(t: TestRecord, svg: string | undefined, index: number, known: ReadonlySet<string>): string {
  const f = t.failure;
  if (f === null) return '';
  return [
    `<article class="test-failure" id="${anchor('failure', t.id)}" data-test="${esc(t.id)}">`,
    `<h3>${statusBadge('failed')} ${esc(t.title)}</h3>`,
    metaList([
      ['Test', code(t.id)],
      ['Strategy', code(t.strategy)],
      ['Purpose', esc(t.purpose)],
      ['Requirements', requirementLinks(t.requirementIds, known)],
      ['Failed at', `step ${f.stepIndex}: ${code(f.event)}`],
      ['Model expects', code(f.expected)],
      ['Implementation answered', code(f.actual)],
      ['Trace', code(t.trace)],
    ]),
    `<p><strong>${esc(f.message)}</strong></p>`,
    `<h4>Replay</h4><pre>${esc(f.replay)}</pre>`,
    '<h4>Counterexample</h4>',
    stepsTable(f.steps, f.stepIndex),
    '<h4>Observation diff <span class="muted">(− model, + implementation)</span></h4>',
    diffList(f.observationDiff),
    sequence(t, svg, index),
    '</article>',
  ].join('');
}

export function renderFailures(results: VerifyResults, sequenceDiagrams: Readonly<Record<string, string>>): string {
  const failing = results.tests.filter((t) => t.failure !== null);
  if (failing.length === 0) return '<p>No generated test failed.</p>';
  const known = knownRequirements(results);
  return failing.map((t, i) => failureDetail(t, Object.hasOwn(sequenceDiagrams, t.id) ? sequenceDiagrams[t.id] : undefined, i, known)).join('');
}

function testRow(t: TestRecord, known: ReadonlySet<string>): string {
  const status = t.status === 'failed' ? 'failed' : 'passed';
  return [
    `<tr id="${anchor('test', t.id)}" data-status="${status}">`,
    `<td>${t.failure === null ? code(t.id) : `<a href="#${anchor('failure', t.id)}">${code(t.id)}</a>`}</td>`,
    `<td>${code(t.strategy)}</td>`,
    `<td>${esc(t.title)}<div class="muted">${esc(t.purpose)}</div></td>`,
    `<td>${requirementLinks(t.requirementIds, known)}</td>`,
    `<td data-value="${t.steps}">${t.steps}${t.probes > 0 ? ` <span class="muted">+${t.probes} probes</span>` : ''}</td>`,
    `<td data-value="${t.durationMs}">${esc(formatDuration(t.durationMs))}</td>`,
    `<td data-value="${status === 'failed' ? 0 : 1}">${statusBadge(status)}</td></tr>`,
  ].join('');
}

/** Above this many tests the list starts closed (it opens by itself when a link points into it). */
export const OPEN_TEST_LIST_MAX = 300;

export function renderTestList(results: VerifyResults): string {
  const known = knownRequirements(results);
  const strategies = [...new Set(results.tests.map((t) => t.strategy))];
  const counts = strategies.map((s) => `${results.tests.filter((t) => t.strategy === s).length} ${esc(s)}`).join(' · ');
  const many = results.tests.length > OPEN_TEST_LIST_MAX;
  return [
    `<p>${results.tests.length} generated tests (${counts}).</p>`,
    many ? `<details id="test-list-details"><summary>Show all ${results.tests.length} tests</summary>` : '',
    filterBar('test-list', 'Filter tests (id, strategy, event, requirement…)', [
      { value: 'failed', label: 'failed' },
      { value: 'passed', label: 'passed' },
    ]),
    '<div class="table-wrap"><table id="test-list"><thead><tr><th data-sort="text">Test</th><th data-sort="text">Strategy</th><th>Title and purpose</th><th>Requirements</th><th data-sort="number">Steps</th><th data-sort="number">Time</th><th data-sort="number">Result</th></tr></thead>',
    `<tbody>${results.tests.map((t) => testRow(t, known)).join('')}</tbody></table></div>`,
    many ? '</details>' : '',
  ].join('');
}
