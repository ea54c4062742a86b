import { visible } from '../html/escape.ts';

/**
 * Escaping for GitHub-flavoured Markdown. Text is shown literally: the
 * characters that start inline syntax anywhere (emphasis, code, links,
 * HTML, entities, strikethrough, math, mentions, and the `:` of `://` and
 * `.` of `www.` that start autolinks) get a backslash
 * (CommonMark allows one before any ASCII punctuation), `|` too, so a
 * table cell never splits; a line-start block marker (`#`, `-`, `+`, `=`,
 * `1.`) is escaped as well; newlines become `<br>` (the only way to break
 * a line inside a table cell); control characters are shown as `\u{…}`.
 * Pure.
 */
const INLINE_SYNTAX = /[\\`*_[\]<>|~&$@]|:(?=\/)|(?<=\bwww)\./gi;
const BLOCK_START = /^(\s*)([#+=-](?=[\s#=-]|$)|\d+(?=[.)](?:\s|$)))/;

/** Text for a paragraph, list item, heading or table cell. */
export function md(text: string): string {
  const escaped = visible(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(INLINE_SYNTAX, (c) => `\\${c}`))
    .join('<br>');
  // `# x` → `\# x`; `1. x` → `1\. x` (the backslash goes before the `.` or `)`).
  return escaped.replace(BLOCK_START, (_m, ws: string, mark: string) => (/^\d/.test(mark) ? `${ws}${mark}\\` : `${ws}\\${mark}`));
}

/**
 * An inline code span that shows `text` exactly (newlines as spaces). In a table (the default) `|` is
 * written `\|`, which GFM turns back into `|` before reading the span; outside tables pass `inTable: false`.
 */
export function mdCode(text: string, inTable = true): string {
  const flat = visible(text).replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${inTable ? flat.replace(/\|/g, '\\|') : flat}${pad}${fence}`;
}

/** A fenced block (```lang) that contains `text` verbatim, with a fence longer than any backtick run in it. */
export function mdFence(text: string, lang = ''): string {
  const body = visible(text).replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const longest = Math.max(2, ...[...body.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}

/** A GFM table; cells are already Markdown (use `md`/`mdCode`). */
export function mdTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => (c.length === 0 ? ' ' : c)).join(' | ')} |`;
  return [line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** A block quote of possibly multi-line text. */
export function mdQuote(text: string): string {
  return `> ${md(text)}`;
}
