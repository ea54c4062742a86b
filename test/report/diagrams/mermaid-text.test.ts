import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frontMatter, MermaidIds, mermaidText, wrapWords } from '../../../src/report/diagrams/mermaid-text.ts';
import { mermaidVerdict } from './mermaid-parser.ts';

/** What Mermaid shows for a label: entity codes decoded. */
function decode(text: string): string {
  return text.replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
}

const RISKY = ['#', ':', ';', '"', "'", '`', '<', '>', '%', '&', '\\', '|', '{', '}', '[', ']', '-->', '--', '[*]', 'end', 'note', 'end note', 'state', '\n', '\t', ' ', '\u0000', '\u001b'];
const hostile = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...RISKY), fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

describe('mermaidText', () => {
  it('escapes every risky character as an entity code that decodes back to the text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const safe = mermaidText(text);
        expect(safe.replace(/#\d+;/g, '_')).not.toMatch(/[#:;"'`<>%&\\|{}[\]\n\r\t\u0000-\u001f]|end note/i);
        expect(decode(safe)).toBe(text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim());
      }),
      { numRuns: 500 },
    );
  });

  it('yields text Mermaid parses in every place a label goes: state name, description, arrow, note, sequence', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        const t = mermaidText(text) || 'x';
        const diagrams = [
          `stateDiagram-v2\nstate "${t}" as a\n[*] --> a\na : ${t}\na --> b : ${t}\nnote right of a\n  ${t}\n  • ${t}\nend note\n`,
          `sequenceDiagram\nparticipant p as ${t}\np->>p: ${t}\np-xp: ${t}\nNote right of p: ${t}\n`,
        ];
        for (const d of diagrams) expect(await mermaidVerdict(d), d).toEqual({ ok: true });
      }),
      { numRuns: 150 },
    );
  });

  it('shows the examples a reader would expect', () => {
    expect(mermaidText('a: "b"')).toBe('a#58; #34;b#34;');
    expect(mermaidText('  two\n lines ')).toBe('two lines');
    expect(mermaidText('x end note y')).toBe('x #101;nd note y');
    expect(mermaidText('#12;')).toBe('#35;12#59;');
  });
});

describe('MermaidIds', () => {
  it('gives safe, distinct, stable identifiers, cutting long ones with a hash', () => {
    const ids = new MermaidIds('s_');
    const a = ids.of('cmk.enabled');
    const b = ids.of('cmk_enabled');
    const long = ids.of(`{"keys":{"k1":"${'x'.repeat(200)}"}}`);
    const long2 = ids.of(`{"keys":{"k1":"${'x'.repeat(200)}y"}}`);
    expect([a, b]).toEqual(['s_cmk_enabled', 's_cmk_enabled_2']);
    expect(ids.of('cmk.enabled')).toBe(a);
    expect(long).toMatch(/^s_keys_k1_x+_[0-9a-f]{10}$/);
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long2).not.toBe(long);
    expect(ids.of('end')).toBe('s_end');
  });

  it('never yields the same identifier for different ids', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 60 }), { maxLength: 30 }), (names) => {
        const ids = new MermaidIds('n_');
        const all = names.map((n) => ids.of(n));
        expect(new Set(all).size).toBe(names.length);
        for (const id of all) expect(id).toMatch(/^n_[A-Za-z0-9_]*$/);
      }),
    );
  });
});

describe('wrapWords and frontMatter', () => {
  it('wraps at spaces without losing words', () => {
    expect(wrapWords('Usable: KMS issues and decrypts data keys under it', 20)).toEqual(['Usable: KMS issues', 'and decrypts data', 'keys under it']);
    expect(wrapWords('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
  });

  it('writes the title as a YAML double-quoted string', () => {
    expect(frontMatter('a "b"\nc')).toEqual(['---', 'title: "a \\"b\\" c"', '---']);
    expect(frontMatter(undefined)).toEqual([]);
  });
});
