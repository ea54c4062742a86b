/**
 * HTML escaping for the report. Every piece of text from results.json goes
 * through `esc` (element content and attribute values alike: `& < > " '`
 * are all written as entities). Characters that HTML forbids or that
 * confuse readers (C0 controls other than tab and newline, noncharacters,
 * lone surrogates) are shown as `\u{…}`. Pure.
 */
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// C0 controls except \t \n \r, DEL, C1 controls, lone surrogates, U+FFFE/U+FFFF.
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function visible(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}}`);
}

/** Text safe in element content and in double- or single-quoted attribute values. */
export function esc(text: string): string {
  return visible(text).replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);
}

/**
 * An HTML id (and URL fragment) for an arbitrary id: letters, digits, `-` and `_` kept,
 * anything else written as `.<hex>.`, so different ids never share an anchor.
 */
export function anchor(prefix: string, id: string): string {
  let out = `${prefix}-`;
  for (const ch of id) out += /^[A-Za-z0-9_-]$/.test(ch) ? ch : `.${(ch.codePointAt(0) ?? 0).toString(16)}.`;
  return out;
}

/** Tagged template helper: interpolations are NOT escaped; use it only to join already safe HTML. */
export function join(parts: ReadonlyArray<string | null | undefined | false>, separator = ''): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(separator);
}
