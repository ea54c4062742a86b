import type { FindingRecord, VerifyResults } from '../results.ts';
import { knownRequirements, requirementLinks } from './components.ts';
import { anchor, esc } from './escape.ts';

/**
 * Findings: where the seed is ambiguous, silent or contradicts itself, the
 * readings considered and the one the model takes; first those this run
 * derived, then those recorded with the catalog.
 */

function finding(f: FindingRecord, known: ReadonlySet<string>): string {
  const readings = f.readings
    .map((r) => `<li class="${r.id === f.modelTakes ? 'taken' : ''}"><code>${esc(r.id)}</code>${r.id === f.modelTakes ? ' <strong>(the model takes this)</strong>' : ''}: ${esc(r.text)}</li>`)
    .join('');
  return [
    `<article class="finding" id="${anchor('finding', f.id)}" data-origin="${esc(f.origin)}">`,
    `<header><span class="id">${esc(f.id)}</span><span class="badge sev">${esc(f.severity)}</span>`,
    `<span class="badge ${f.origin === 'derived' ? 'fail' : 'none'}">${f.origin === 'derived' ? 'found by this run' : 'catalog'}</span></header>`,
    `<h3>${esc(f.title)}</h3>`,
    `<p class="muted">The seed says:</p><blockquote class="quote">${esc(f.seedSays)}</blockquote>`,
    readings.length > 0 ? `<p class="muted">Readings:</p><ul>${readings}</ul>` : '',
    `<p>${esc(f.rationale)}</p>`,
    `<div class="muted">Requirements:</div>${requirementLinks(f.requirementIds, known)}`,
    '</article>',
  ].join('');
}

export function renderFindings(results: VerifyResults): string {
  const known = knownRequirements(results);
  const derived = results.findings.filter((f) => f.origin === 'derived');
  const catalog = results.findings.filter((f) => f.origin === 'catalog');
  const severities = [...new Set(results.findings.map((f) => f.severity))].sort();
  const bySeverity = severities.map((s) => `${results.findings.filter((f) => f.severity === s).length} ${esc(s)}`).join(' · ');
  return [
    `<p>${results.findings.length} findings (${bySeverity}): ${derived.length} found by this run, ${catalog.length} recorded with the requirement catalog.</p>`,
    derived.length > 0 ? `<h3>Found by this run</h3>${derived.map((f) => finding(f, known)).join('')}` : '<p class="muted">This run found no new differences from the seed.</p>',
    catalog.length > 0 ? `<h3>Recorded with the catalog</h3>${catalog.map((f) => finding(f, known)).join('')}` : '',
  ].join('');
}
