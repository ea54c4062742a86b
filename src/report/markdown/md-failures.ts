import type { StepRecord, TestRecord, VerifyResults } from '../results.ts';
import { md, mdCode, mdFence, mdTable } from './escape.ts';
import { actualText, configText, formatDuration, numberingNote, ratio, replayCommand, stepDiffers } from './report-text.ts';
import { failureSequenceMermaid } from './test-sequence.ts';

/** The head of report.md (verdict, counts, run facts, replay) and the failing tests in full. Pure. */

export function mdVerdict(r: VerifyResults): string {
  const s = r.summary;
  const verdict = r.verdict === 'pass' ? '✓ PASS' : '✗ FAIL';
  const rows = [
    ['Requirements', `${s.requirements.passed} / ${s.requirements.total} passed · ${s.requirements.failed} failed · ${s.requirements.total - s.requirements.covered} not covered`],
    ['Generated tests', `${s.tests.passed} / ${s.tests.total} passed · ${s.tests.failed} failed`],
    ['Table 1 cells', `${s.table1.matchingSeed} / ${s.table1.cells} match the seed · covered ${ratio(s.table1.covered, s.table1.cells)}`],
    ['Model checking', `${s.model.violations} violations · ${s.model.propertiesChecked} properties · ${s.model.states} states · ${s.model.transitions} transitions`],
  ].map(([k, v]) => [md(k ?? ''), md(v ?? '')]);
  return [
    `# evs-workbench verification: **${verdict}**`,
    '',
    mdTable(['Summary', ''], rows),
    '',
    `- **Seed:** ${mdCode(String(r.seed), false)}`,
    `- **Implementation:** ${md(r.implementation)}`,
    `- **Strategies:** ${r.strategies.map((x) => mdCode(x, false)).join(', ')}`,
    `- **Started / finished:** ${md(r.startedAt)} / ${md(r.finishedAt)} (${md(formatDuration(r.durationMs))})`,
    `- **Tool:** ${md(`${r.tool.name} ${r.tool.version}`)}`,
    '',
    'Replay:',
    '',
    mdFence(replayCommand(r), 'sh'),
    '',
    '<details><summary>Configuration</summary>',
    '',
    mdFence(configText(r.config), 'json'),
    '',
    '</details>',
  ].join('\n');
}

/** A trace as a table; rows where the implementation differs from the model (or the failing step) are marked ✗. */
export function mdSteps(steps: readonly StepRecord[], failingIndex: number | null = null): string {
  if (steps.length === 0) return '_No steps (the initial state)._';
  const executed = steps.some((s) => s.actual !== null);
  const head = ['#', 'Event', 'Model expects', ...(executed ? ['Implementation answered'] : []), 'Model state after'];
  const rows = steps.map((s) => {
    const bad = s.index === failingIndex || stepDiffers(s);
    return [`${bad ? '**✗ ' : ''}${s.index}${bad ? '**' : ''}`, mdCode(s.event), mdCode(s.expected), ...(executed ? [mdCode(actualText(s))] : []), md(s.state)];
  });
  return mdTable(head, rows);
}

function failure(t: TestRecord): string {
  const f = t.failure;
  if (f === null) return '';
  const sequence = failureSequenceMermaid(t);
  return [
    `### ✗ ${md(t.title)}`,
    '',
    `- **Test:** ${mdCode(t.id, false)} (strategy ${mdCode(t.strategy, false)}, ${md(formatDuration(t.durationMs))}, trace ${mdCode(t.trace, false)})`,
    `- **Purpose:** ${md(t.purpose)}`,
    `- **Requirements:** ${t.requirementIds.map((id) => mdCode(id, false)).join(', ') || '—'}`,
    `- **Failed at step ${f.stepIndex}:** ${mdCode(f.event, false)}: the model expects ${mdCode(f.expected, false)}, the implementation answered ${mdCode(f.actual, false)}`,
    '',
    `**${md(f.message)}**`,
    '',
    mdFence(f.replay, 'sh'),
    '',
    mdSteps(f.steps, f.stepIndex),
    '',
    f.observationDiff.length > 0 ? `Observation diff (\`-\` model, \`+\` implementation):\n\n${mdFence(f.observationDiff.join('\n'), 'diff')}` : '_No observation differences recorded._',
    '',
    sequence === null ? '' : `Sequence diagram${numberingNote(f.steps) === '' ? '' : ` (${numberingNote(f.steps)})`}:\n\n${mdFence(sequence, 'mermaid')}`,
  ].join('\n');
}

export function mdFailures(r: VerifyResults): string {
  const failing = r.tests.filter((t) => t.failure !== null);
  return ['## Failing tests', '', failing.length === 0 ? 'No generated test failed.' : failing.map(failure).join('\n\n')].join('\n');
}
