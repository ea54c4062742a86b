import type { VerifyResults } from '../results.ts';
import { configText, formatDuration, ratio, replayCommand } from '../markdown/report-text.ts';
import { code, metaList } from './components.ts';
import { esc } from './escape.ts';

/**
 * The top of the report: the verdict in large type, the summary counts as
 * cards (a card with failures is marked), then how the run was made and the
 * one command that replays it.
 */

function card(label: string, value: string, detail: string, state: 'good' | 'bad' | 'plain'): string {
  return `<div class="card ${state === 'plain' ? '' : state}"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div><div class="detail">${esc(detail)}</div></div>`;
}

export function verdictBadge(verdict: VerifyResults['verdict'], large = true): string {
  const cls = large ? 'verdict-badge' : 'badge';
  return verdict === 'pass'
    ? `<span class="${cls} pass" data-verdict="pass"><span aria-hidden="true">✓</span> PASS</span>`
    : `<span class="${cls} fail" data-verdict="fail"><span aria-hidden="true">✗</span> FAIL</span>`;
}

export function renderVerdict(r: VerifyResults): string {
  const s = r.summary;
  const notCovered = s.requirements.total - s.requirements.covered;
  const cards = [
    card('Requirements passed', `${s.requirements.passed} / ${s.requirements.total}`, `${s.requirements.failed} failed · ${notCovered} not covered`, s.requirements.failed > 0 ? 'bad' : 'good'),
    card('Generated tests passed', `${s.tests.passed} / ${s.tests.total}`, `${s.tests.failed} failed`, s.tests.failed > 0 ? 'bad' : 'good'),
    card('Table 1 cells matching the seed', `${s.table1.matchingSeed} / ${s.table1.cells}`, `covered by tests: ${ratio(s.table1.covered, s.table1.cells)}`, s.table1.matchingSeed < s.table1.cells ? 'bad' : 'good'),
    card('Property violations', String(s.model.violations), `${s.model.propertiesChecked} properties · ${s.model.states} states · ${s.model.transitions} transitions`, s.model.violations > 0 ? 'bad' : 'good'),
  ];
  const meta = metaList([
    ['Seed', code(String(r.seed))],
    ['Implementation', esc(r.implementation)],
    ['Strategies', r.strategies.map(code).join(' ')],
    ['Started', `<time datetime="${esc(r.startedAt)}">${esc(r.startedAt)}</time>`],
    ['Finished', `<time datetime="${esc(r.finishedAt)}">${esc(r.finishedAt)}</time>`],
    ['Duration', esc(formatDuration(r.durationMs))],
    ['Tool', esc(`${r.tool.name} ${r.tool.version}`)],
    ['Configuration', `<details><summary>show</summary><pre>${esc(configText(r.config))}</pre></details>`],
  ]);
  return [
    `<header class="verdict">${verdictBadge(r.verdict)}<div><h1>Verification of encrypted EVS disks</h1>`,
    `<p class="muted">${r.verdict === 'pass' ? 'Every generated test passed, every checked property holds.' : 'The implementation or the model disagrees with the requirements: see the failures below.'}</p></div></header>`,
    `<div class="cards">${cards.join('')}</div>`,
    meta,
    `<h3>Replay</h3><div class="replay"><pre id="replay-command">${esc(replayCommand(r))}</pre></div>`,
  ].join('');
}
