/**
 * A small strict XML 1.0 reader for the tests: it rejects what a conforming
 * parser rejects in the subset junit.xml uses (unbalanced or mismatched
 * tags, unquoted or duplicate attributes, `<` or a bare `&` in text or
 * attribute values, characters outside XML's Char production, more than one
 * root) and returns the element tree with entities decoded.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const CHAR = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`'<' in ${where}`);
  return raw.replace(/&([^;]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new Error(`bare & in ${where}: ${m}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[ref] !== undefined) return named[ref];
    const num = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (num === null) throw new Error(`unknown entity &${ref}; in ${where}`);
    const cp = num[1] !== undefined ? parseInt(num[1], 16) : Number(num[2]);
    const ch = String.fromCodePoint(cp);
    if (!CHAR.test(ch)) throw new Error(`character reference to a non-XML character in ${where}`);
    return ch;
  });
}

export function parseXml(xml: string): XmlElement {
  if (!CHAR.test(xml)) throw new Error('document contains characters outside XML 1.0 Char');
  let i = 0;
  const decl = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (decl) i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (stack.length === 0) {
      if (text.trim() !== '') throw new Error(`text outside the root: ${text.slice(0, 20)}`);
    } else {
      const top = stack[stack.length - 1];
      if (top !== undefined) top.text += decode(text, 'text');
    }
    if (lt === -1) break;
    if (xml.startsWith('</', lt)) {
      const m = /^<\/([A-Za-z_][A-Za-z0-9_.:-]*)\s*>/.exec(xml.slice(lt));
      const top = stack.pop();
      if (m === null || top === undefined || m[1] !== top.name) throw new Error(`mismatched end tag at ${lt}`);
      i = lt + m[0].length;
      continue;
    }
    let j = lt + 1;
    const name = NAME.exec(xml.slice(j))?.[0];
    if (name === undefined) throw new Error(`bad tag at ${lt}`);
    j += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(j))?.[0] ?? '';
      j += ws.length;
      if (xml.startsWith('/>', j) || xml.startsWith('>', j)) break;
      if (ws.length === 0) throw new Error(`attributes must be separated by whitespace at ${j}`);
      const a = /^([A-Za-z_][A-Za-z0-9_.:-]*)="([^"]*)"/.exec(xml.slice(j));
      if (a === null || a[1] === undefined || a[2] === undefined) throw new Error(`bad attribute at ${j}: ${xml.slice(j, j + 30)}`);
      if (Object.hasOwn(attrs, a[1])) throw new Error(`duplicate attribute ${a[1]}`);
      attrs[a[1]] = decode(a[2], `attribute ${a[1]}`);
      j += a[0].length;
    }
    const selfClosing = xml.startsWith('/>', j);
    i = j + (selfClosing ? 2 : 1);
    const el: XmlElement = { name, attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.children.push(el);
    else if (root === null) root = el;
    else throw new Error('more than one root element');
    if (!selfClosing) stack.push(el);
  }
  if (stack.length > 0 || root === null) throw new Error('unclosed elements or no root');
  return root;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
