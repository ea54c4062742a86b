import { createHash } from 'node:crypto';

/**
 * The report's only script: filtering and sorting of tables. The page works
 * without it (every row is shown, in the order of results.json). The page's
 * Content-Security-Policy allows exactly this script, by its SHA-256, so no
 * other script can run even if some text escaped its escaping.
 *
 * - `<input data-filter="TABLE_ID">` keeps the rows whose text contains every word typed;
 * - `<select data-status-filter="TABLE_ID">` keeps the rows whose `data-status` equals its value ('' = all);
 * - `<th data-sort="text|number">` sorts its table's body by that column (numbers by `data-value` or the text);
 * - following a link into a closed <details> opens it.
 */
export const REPORT_SCRIPT = `(function () {
  'use strict';
  function apply(tableId) {
    var table = document.getElementById(tableId);
    if (!table) return;
    var input = document.querySelector('input[data-filter="' + tableId + '"]');
    var select = document.querySelector('select[data-status-filter="' + tableId + '"]');
    var words = input ? input.value.toLowerCase().split(/\\s+/).filter(Boolean) : [];
    var status = select ? select.value : '';
    var shown = 0;
    var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var text = row.textContent.toLowerCase();
      var ok = (!status || row.getAttribute('data-status') === status) && words.every(function (w) { return text.indexOf(w) >= 0; });
      row.classList.toggle('hidden', !ok);
      if (ok) shown++;
    }
    var counter = document.querySelector('[data-count-for="' + tableId + '"]');
    if (counter) counter.textContent = shown + ' of ' + rows.length + ' shown';
  }
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    for (var p = el; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
    if (el) el.scrollIntoView({ block: 'start', behavior: 'instant' });
  }
  window.addEventListener('hashchange', reveal);
  if (location.hash) reveal();
  document.querySelectorAll('input[data-filter]').forEach(function (el) {
    el.addEventListener('input', function () { apply(el.getAttribute('data-filter')); });
  });
  document.querySelectorAll('select[data-status-filter]').forEach(function (el) {
    el.addEventListener('change', function () { apply(el.getAttribute('data-status-filter')); });
  });
  document.querySelectorAll('th[data-sort]').forEach(function (th) {
    th.addEventListener('click', function () {
      var table = th.closest('table');
      var body = table && table.tBodies[0];
      if (!body) return;
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var numeric = th.getAttribute('data-sort') === 'number';
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      th.parentNode.querySelectorAll('th').forEach(function (o) { o.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      function key(row) {
        var cell = row.cells[index];
        if (!cell) return '';
        var v = cell.getAttribute('data-value');
        if (v === null) v = cell.textContent.trim();
        return numeric ? Number(v) : v.toLowerCase();
      }
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) { var x = key(a), y = key(b); return x < y ? -dir : x > y ? dir : 0; });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();`;

/** The CSP source expression allowing exactly `REPORT_SCRIPT`. */
export function scriptHash(script: string = REPORT_SCRIPT): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/** The page's Content-Security-Policy: nothing may be fetched; only inline styles and this one script. */
export function contentSecurityPolicy(): string {
  return ["default-src 'none'", "style-src 'unsafe-inline'", `script-src ${scriptHash()}`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
}
