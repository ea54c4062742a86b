import { describe, expect, it } from 'vitest';
import { renderJunit, xmlAttr, xmlText } from '../../src/report/junit.ts';
import { HOSTILE, hostileResults, sampleResults } from '../fixtures/results/sample-results.ts';
import { childrenNamed, parseXml, type XmlElement } from './junit-xml-check.ts';

function suiteNamed(root: XmlElement, name: string): XmlElement {
  const s = childrenNamed(root, 'testsuite').find((x) => x.attrs['name'] === name);
  if (s === undefined) throw new Error(`no suite ${name}`);
  return s;
}

describe('the strict XML reader used here', () => {
  it('rejects what a parser rejects', () => {
    for (const bad of ['<a><b></a></b>', '<a x=1/>', '<a>1 < 2</a>', '<a>&nope;</a>', '<a>a & b</a>', '<a/><b/>', '<a>\u0001</a>', '<a x="1" x="2"/>']) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    expect(parseXml('<?xml version="1.0"?>\n<a x="&quot;&#10;">t&amp;<b/></a>').attrs['x']).toBe('"\n');
  });
});

describe('xmlText / xmlAttr', () => {
  it('escapes markup, keeps newlines in attributes as references, drops characters XML 1.0 cannot carry', () => {
    expect(xmlText('a<b>&]]>')).toBe('a&lt;b&gt;&amp;]]&gt;');
    expect(xmlText('x\u0000\u0008\u000b\ufffe\uffff\ud800y😀')).toBe('xy😀');
    expect(xmlAttr(`"'\n\t`)).toBe('&quot;&apos;&#10;&#9;');
  });
});

describe('renderJunit', () => {
  const r = sampleResults();
  const root = parseXml(renderJunit(r));

  it('has one suite per strategy, then model-checking and requirements, with counts that add up', () => {
    expect(root.name).toBe('testsuites');
    expect(childrenNamed(root, 'testsuite').map((s) => s.attrs['name'])).toEqual([...r.strategies, 'model-checking', 'requirements']);
    for (const s of childrenNamed(root, 'testsuite')) {
      const cases = childrenNamed(s, 'testcase');
      expect(Number(s.attrs['tests'])).toBe(cases.length);
      expect(Number(s.attrs['failures'])).toBe(cases.filter((c) => childrenNamed(c, 'failure').length > 0).length);
      expect(Number(s.attrs['skipped'])).toBe(cases.filter((c) => childrenNamed(c, 'skipped').length > 0).length);
    }
    expect(Number(root.attrs['tests'])).toBe(r.tests.length + r.properties.length + r.requirements.length);
    expect(Number(root.attrs['failures'])).toBe(2 + 1 + r.requirements.filter((q) => q.status === 'failed').length);
    expect(root.attrs['time']).toBe('4.250');
  });

  it('names each test case by its title and strategy, with its time in seconds and its failure step list', () => {
    const table1 = childrenNamed(suiteNamed(root, 'table1'), 'testcase');
    const failed = table1.find((c) => c.attrs['name']?.startsWith('[T1-PENDING-DETACHED-RESTORE'));
    expect(failed?.attrs['classname']).toBe('table1');
    expect(failed?.attrs['time']).toBe('0.112');
    const failure = failed === undefined ? undefined : childrenNamed(failed, 'failure')[0];
    expect(failure?.attrs['message']).toBe('step 5 disk.attach d1 → s1: expected EVS.2001, got ok');
    expect(failure?.text).toContain('>> 5. disk.attach d1 → s1   model: EVS.2001   implementation: ok');
    expect(failure?.text).toContain('   4. key.cancelDeletion k1   model: ok   implementation: ok');
    expect(failure?.text).toContain('+ disk d1: attached to s1');
    expect(failure?.text).toContain('replay: evs-workbench verify --config minimal --seed 24301 --only table1-pending-detached');
    const passed = table1.find((c) => c.attrs['name']?.startsWith('[T1-DISABLED-DETACHED'));
    expect(passed === undefined ? [] : childrenNamed(passed, 'failure')).toEqual([]);
  });

  it('fails the violated property with its counterexample, skips uncovered and inspected requirements', () => {
    const props = childrenNamed(suiteNamed(root, 'model-checking'), 'testcase');
    const violated = props.filter((c) => childrenNamed(c, 'failure').length > 0);
    expect(violated.map((c) => c.attrs['name'])).toEqual(['io-only-while-attached']);
    expect(violated[0] === undefined ? '' : childrenNamed(violated[0], 'failure')[0]?.text).toContain('3. disk.write d1   model: EVS.1001');
    const reqs = childrenNamed(suiteNamed(root, 'requirements'), 'testcase');
    const skipped = reqs.filter((c) => childrenNamed(c, 'skipped').length > 0).map((c) => c.attrs['name']?.split(':')[0]);
    expect(skipped.sort()).toEqual(['T4-ALL-DISK-TYPES', 'T4-NOT-FIRST-USER', 'TXT-XTS-AES-256']);
    const failing = reqs.filter((c) => childrenNamed(c, 'failure').length > 0).map((c) => c.attrs['name']?.split(':')[0]);
    expect(failing.sort()).toEqual(r.requirements.filter((q) => q.status === 'failed').map((q) => q.id).sort());
  });

  it('stays well-formed with hostile text, which reads back verbatim minus non-XML characters', () => {
    const hostile = parseXml(renderJunit(hostileResults()));
    const names = childrenNamed(suiteNamed(hostile, 'states'), 'testcase').map((c) => c.attrs['name']);
    expect(names).toContain(HOSTILE.replace(/[\u0000\u0007\uFFFE]/g, ''));
  });
});
