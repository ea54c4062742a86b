import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedSourceHash, readSourceHash, sourceHash } from '../../../src/report/diagrams/source-hash.ts';

describe('source hash in SVG', () => {
  it('is the SHA-256 of the UTF-8 text (known answer)', () => {
    expect(sourceHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sourceHash('⟂')).not.toBe(sourceHash('?'));
  });

  it('round-trips through an SVG, before the root element and after an XML declaration', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (text, declared) => {
        const svg = `${declared ? '<?xml version="1.0"?>\n' : ''}<svg><text>x</text></svg>`;
        const out = embedSourceHash(svg, sourceHash(text));
        expect(readSourceHash(out)).toBe(sourceHash(text));
        expect(out.indexOf('<!--')).toBeLessThan(out.indexOf('<svg'));
        if (declared) expect(out.startsWith('<?xml')).toBe(true);
      }),
    );
  });

  it('replaces an existing hash rather than adding a second one', () => {
    const once = embedSourceHash('<svg/>', sourceHash('a'));
    const twice = embedSourceHash(once, sourceHash('b'));
    expect(readSourceHash(twice)).toBe(sourceHash('b'));
    expect(twice.match(/source-sha256/g)).toHaveLength(1);
  });

  it('finds nothing in an SVG without one', () => {
    expect(readSourceHash('<svg><!-- other comment --></svg>')).toBeNull();
  });
});
