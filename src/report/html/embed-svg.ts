/**
 * Puts a rendered SVG (from mermaid-cli) inline in the report. Several
 * Mermaid SVGs on one page reuse ids (`edge0`, `arrowhead`, ...): the last
 * definition of a marker would win and a diagram inside a closed <details>
 * could lose its arrowheads, so every id of one SVG gets a prefix and every
 * reference to it (`url(#…)`, `href="#…"`, `#…` in its <style>) follows.
 * As defence in depth (the page's Content-Security-Policy also blocks them),
 * scripts, event-handler attributes, foreign `href`s and the XML prolog are
 * removed: an SVG never loads or runs anything. Pure.
 */

const ID_ATTR = /\bid="([^"]+)"/g;

function definedIds(svg: string): Set<string> {
  const ids = new Set<string>();
  for (const m of svg.matchAll(ID_ATTR)) if (m[1] !== undefined) ids.add(m[1]);
  return ids;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes what could run code or fetch anything. */
export function sanitizeSvg(svg: string): string {
  return svg
    .replace(/<\?xml[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[\s\S]*?>/gi, '')
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/\s(?:xlink:)?href\s*=\s*("(?!#)[^"]*"|'(?!#)[^']*')/gi, '')
    .replace(/@import[^;]*;/gi, '')
    .replace(/url\((?!\s*['"]?#)[^)]*\)/gi, 'none');
}

/** The SVG with its ids prefixed by `prefix-` and all references to them updated. */
export function prefixSvgIds(svg: string, prefix: string): string {
  const ids = definedIds(svg);
  if (ids.size === 0) return svg;
  const rename = (id: string): string => (ids.has(id) ? `${prefix}-${id}` : id);
  let out = svg.replace(ID_ATTR, (_m, id: string) => `id="${rename(id)}"`);
  out = out.replace(/url\(\s*(['"]?)#([^)'"]+)\1\s*\)/g, (_m, q: string, id: string) => `url(${q}#${rename(id)}${q})`);
  out = out.replace(/(\s(?:xlink:)?href\s*=\s*")#([^"]+)"/g, (_m, head: string, id: string) => `${head}#${rename(id)}"`);
  out = out.replace(/(\saria-(?:labelledby|describedby)\s*=\s*")([^"]*)"/g, (_m, head: string, list: string) => `${head}${list.split(/\s+/).map(rename).join(' ')}"`);
  // In style sheets: `#id` followed by something that cannot continue a CSS identifier.
  const sorted = [...ids].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const selector = new RegExp(`#(${sorted.join('|')})(?![A-Za-z0-9_-])`, 'g');
  out = out.replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/g, (_m, open: string, css: string, close: string) => `${open}${css.replace(selector, (_s, id: string) => `#${rename(id)}`)}${close}`);
  return out;
}

/** The SVG ready to sit inline in the page, under a unique id prefix. */
export function embedSvg(svg: string, prefix: string): string {
  return prefixSvgIds(sanitizeSvg(svg), prefix).trim();
}
