import type { PropertyRecord, VerifyResults } from '../results.ts';
import { code, holdsBadge, metaList, stepsTable } from './components.ts';
import { anchor, esc } from './escape.ts';

/**
 * Model checking: the size of the explored state space and every property
 * with its verdict; a violated property shows its counterexample step by
 * step.
 */

function propertyRow(p: PropertyRecord): string {
  const name = p.holds ? code(p.id) : `<a href="#${anchor('violation', p.id)}">${code(p.id)}</a>`;
  return `<tr id="${anchor('prop', p.id)}" data-status="${p.holds ? 'holds' : 'violated'}"><td>${name}</td><td>${esc(p.description)}</td><td>${holdsBadge(p.holds)}</td></tr>`;
}

function violation(p: PropertyRecord): string {
  return [
    `<div class="test-failure" id="${anchor('violation', p.id)}"><h3>${holdsBadge(false)} ${code(p.id)}</h3>`,
    `<p>${esc(p.description)}</p>`,
    p.message === null ? '' : `<p><strong>What is wrong:</strong> ${esc(p.message)}</p>`,
    p.counterexample === null ? '<p class="muted">No counterexample recorded.</p>' : stepsTable(p.counterexample, null, 'Counterexample: the shortest path to the violating state'),
    '</div>',
  ].join('');
}

export function renderModelChecking(results: VerifyResults): string {
  const m = results.summary.model;
  const violated = results.properties.filter((p) => !p.holds);
  return [
    metaList([
      ['Reachable states', esc(String(m.states))],
      ['Transitions explored', esc(String(m.transitions))],
      ['Properties checked', esc(String(m.propertiesChecked))],
      ['Violations', esc(String(m.violations))],
    ]),
    '<div class="table-wrap"><table id="properties"><thead><tr><th data-sort="text">Property</th><th>Description</th><th data-sort="text">Verdict</th></tr></thead>',
    `<tbody>${results.properties.map(propertyRow).join('')}</tbody></table></div>`,
    violated.length > 0 ? `<h3>Counterexamples</h3>${violated.map(violation).join('')}` : '<p>Every property holds on every explored state and transition.</p>',
  ].join('');
}
