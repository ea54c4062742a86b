import type { Table1CellRecord, VerifyResults } from '../results.ts';
import { coveredBadge, knownRequirements, requirementLinks, stepsTable } from './components.ts';
import { esc } from './escape.ts';

/**
 * Table 1 of the seed beside the one the model derives: one row per cell
 * and field, the seed's statement next to the model's answer, differing
 * fields highlighted and marked (not by colour alone). The witness trace of
 * each cell is available below the table.
 */

const KEY_STATE_LABEL: Readonly<Record<string, string>> = { disabled: 'Disabled', pendingDeletion: 'Scheduled deletion', deleted: 'Deleted' };

function fieldsOf(c: Table1CellRecord): string[] {
  const fields = [...Object.keys(c.seed)];
  for (const f of Object.keys(c.model)) if (!fields.includes(f)) fields.push(f);
  return fields;
}

function cellRows(c: Table1CellRecord): string {
  const fields = fieldsOf(c);
  const head = (n: number): string =>
    `<td rowspan="${n}"><strong>${esc(KEY_STATE_LABEL[c.keyState] ?? c.keyState)}</strong></td><td rowspan="${n}">${esc(c.attachment)}<div>${coveredBadge(c.covered)}</div></td>`;
  if (fields.length === 0) return `<tr>${head(1)}<td colspan="4" class="muted">no fields</td></tr>`;
  return fields
    .map((f, i) => {
      const differs = c.differences.includes(f);
      const seed = c.seed[f];
      const model = c.model[f];
      const mark = differs
        ? '<span class="diff-mark">≠ differs</span>'
        : seed === undefined
          ? '<span class="muted" title="the seed says nothing here; the model decides">+ model only</span>'
          : model === undefined
            ? '<span class="muted">not derived</span>'
            : '<span class="muted">= same</span>';
      return [
        `<tr class="${differs ? 'differs' : ''}" data-cell="${esc(`${c.keyState}/${c.attachment}`)}" data-field="${esc(f)}">`,
        i === 0 ? head(fields.length) : '',
        `<td><code>${esc(f)}</code></td>`,
        `<td>${seed === undefined ? '<span class="muted">(not stated)</span>' : esc(seed)}</td>`,
        `<td>${model === undefined ? '<span class="muted">(not derived)</span>' : esc(model)}</td>`,
        `<td>${mark}</td></tr>`,
      ].join('');
    })
    .join('');
}

function witness(c: Table1CellRecord, known: ReadonlySet<string>): string {
  const title = `${KEY_STATE_LABEL[c.keyState] ?? c.keyState} / ${c.attachment}`;
  const body = c.covered || c.witness.length > 0 ? stepsTable(c.witness) : '<p class="muted">No witness: no reachable state of this configuration is in this cell.</p>';
  return `<details><summary>Witness for ${esc(title)} (${c.witness.length} steps) · requirements</summary>${requirementLinks(c.requirementIds, known)}${body}</details>`;
}

export function renderTable1(results: VerifyResults): string {
  const cells = results.table1;
  if (cells.length === 0) return '<p class="muted">This run derived no Table 1 cells.</p>';
  const known = knownRequirements(results);
  const differing = cells.filter((c) => c.differences.length > 0).length;
  return [
    `<p>${cells.length} cells; ${cells.length - differing} match the seed, <strong>${differing} differ</strong> (highlighted, marked ≠). The seed column is Table 1 as the seed states it; the model column is what the model checker derived from the machines.</p>`,
    '<div class="table-wrap"><table id="table1-grid">',
    '<thead><tr><th>Key state</th><th>Disk</th><th>Field</th><th>Seed says</th><th>Model derives</th><th>Match</th></tr></thead>',
    `<tbody>${cells.map(cellRows).join('')}</tbody></table></div>`,
    `<h3>Witnesses</h3>${cells.map((c) => witness(c, known)).join('')}`,
  ].join('');
}
