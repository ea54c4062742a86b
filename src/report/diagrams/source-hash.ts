import { createHash } from 'node:crypto';

/**
 * Ties a rendered SVG to the Mermaid text it was rendered from: the SVG
 * carries the SHA-256 of that text in a comment, so a check can tell whether
 * a committed SVG is up to date without starting a browser. Pure.
 */
const MARKER = 'evs-workbench source-sha256:';
const COMMENT = /<!--\s*evs-workbench source-sha256:\s*([0-9a-f]{64})\s*-->/;

/** SHA-256 (hex) of the Mermaid source text, as UTF-8. */
export function sourceHash(mermaid: string): string {
  return createHash('sha256').update(mermaid, 'utf8').digest('hex');
}

/**
 * The SVG with `<!-- evs-workbench source-sha256: HASH -->` in front of the root element
 * (after an XML declaration if there is one); an existing marker is replaced.
 */
export function embedSourceHash(svg: string, hash: string): string {
  const comment = `<!-- ${MARKER} ${hash} -->`;
  if (COMMENT.test(svg)) return svg.replace(COMMENT, comment);
  const declaration = /^\s*<\?xml[^>]*\?>\s*/.exec(svg);
  if (declaration) return `${declaration[0].trimEnd()}\n${comment}\n${svg.slice(declaration[0].length)}`;
  return `${comment}\n${svg}`;
}

/** The source hash embedded in an SVG, or null when it carries none. */
export function readSourceHash(svg: string): string | null {
  return COMMENT.exec(svg)?.[1] ?? null;
}
