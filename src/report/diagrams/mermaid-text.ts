import { createHash } from 'node:crypto';

/**
 * Making arbitrary text safe inside Mermaid source, and turning arbitrary ids
 * into Mermaid identifiers. Mermaid's grammars are picky: a `:` ends a state
 * description or a transition label, `"` ends a quoted state label, `;` ends a
 * sequence diagram statement, `%%` starts a comment, `<...>` is read as HTML
 * and `end note` anywhere in a line closes a note. Mermaid decodes numeric
 * entity codes (`#58;`) in every label, so each risky character is written as
 * one; the rendered text shows the original.
 */

/** Characters written as Mermaid entity codes (`#<decimal>;`). `#` itself is one, so user text never forms an entity. */
const RISKY = /[#:;"'`<>%&\\|{}[\]]/g;

/** One line of label text: whitespace and control characters collapsed to one space, risky characters as entity codes. */
export function mermaidText(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  return line
    .replace(RISKY, (c) => `#${c.codePointAt(0) ?? 0};`)
    .replace(/e(nd note)/gi, (m, rest: string) => `#${m.codePointAt(0) ?? 0};${rest}`);
}

/** Splits text into lines of at most `width` characters at spaces (words longer than `width` stay whole). */
export function wrapWords(text: string, width: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current.length === 0) current = word;
    else if (current.length + 1 + word.length <= width) current = `${current} ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

/** Longest identifier kept as is; longer ones (JSON state keys) are cut and suffixed with a hash. */
const MAX_ID_LENGTH = 40;

/**
 * Allocates Mermaid identifiers for arbitrary ids: letters, digits and `_` only, prefixed so that no
 * identifier is a Mermaid keyword (`end`, `note`, `state`, `class`, ...). A long id is cut and gets the
 * first 10 hex digits of its SHA-256, so Mermaid's text size limit is not spent on identifiers.
 * Different ids that sanitise to the same text get `_2`, `_3`, ... in the order they are first asked
 * for, so allocation is deterministic when callers ask in a deterministic order.
 */
export class MermaidIds {
  private readonly byId = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly prefix: string) {}

  /** The identifier of `id`, allocated on first use. */
  of(id: string): string {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const clean = `${this.prefix}${id.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
    const base = clean.length <= MAX_ID_LENGTH ? clean : `${clean.slice(0, MAX_ID_LENGTH - 11)}_${createHash('sha256').update(id).digest('hex').slice(0, 10)}`;
    let candidate = base;
    for (let n = 2; this.taken.has(candidate); n += 1) candidate = `${base}_${n}`;
    this.byId.set(id, candidate);
    this.taken.add(candidate);
    return candidate;
  }
}

/**
 * Front matter carrying the diagram title. The title is a YAML double-quoted scalar: JSON string
 * syntax is a subset of it, so `JSON.stringify` escapes quotes, backslashes and control characters.
 */
export function frontMatter(title: string | undefined): string[] {
  if (title === undefined || title.trim().length === 0) return [];
  return ['---', `title: ${JSON.stringify(title.replace(/\s+/g, ' ').trim())}`, '---'];
}
