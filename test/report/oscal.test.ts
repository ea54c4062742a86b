import { describe, expect, it } from 'vitest';
import { OSCAL_NS, oscalToken, renderOscalAssessmentResults } from '../../src/report/oscal/assessment-results.ts';
import { EVS_WORKBENCH_NAMESPACE, NAMESPACE_DNS, NAMESPACE_URL, uuidV5 } from '../../src/report/oscal/uuid-v5.ts';
import { hostileResults, sampleResults } from '../fixtures/results/sample-results.ts';
import { checkOscal } from './oscal-structure.ts';

interface Finding {
  uuid: string;
  title: string;
  target: { 'target-id': string; status: { state: string; reason?: string } };
  'related-observations'?: Array<{ 'observation-uuid': string }>;
}
interface Observation {
  uuid: string;
  'relevant-evidence': Array<{ href: string }>;
  props: Array<{ name: string; value: string; ns: string }>;
  remarks?: string;
}
interface Doc {
  'assessment-results': { uuid: string; results: Array<{ findings: Finding[]; observations: Observation[] }> };
}

const doc = (r = sampleResults()): Doc => JSON.parse(JSON.stringify(renderOscalAssessmentResults(r))) as Doc;

describe('uuidV5', () => {
  it('matches RFC 4122 version 5 as Python computes it', () => {
    expect(uuidV5(NAMESPACE_DNS, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(EVS_WORKBENCH_NAMESPACE).toBe('529edb8a-affd-56ea-ac3a-f506d10200b8');
    expect(uuidV5(NAMESPACE_URL, 'évs ✓')).toBe('a9fcfe7b-a6b6-5882-921e-c68b5607fc98');
  });
});

describe('renderOscalAssessmentResults', () => {
  it('satisfies the assessment-results schema structure (required members, no extras, datatypes, enumerations), hostile text included', () => {
    expect(checkOscal(doc())).toEqual([]);
    expect(checkOscal(doc(hostileResults()))).toEqual([]);
  });

  it('the structure check can fail: it rejects a missing member, an extra one, a bad UUID and a bad state', () => {
    const d = doc() as unknown as { 'assessment-results': { uuid: string; metadata: Record<string, unknown>; results: Array<{ findings: Array<{ target: { status: { state: string } } }> }> } };
    const ar = d['assessment-results'];
    ar.uuid = 'not-a-uuid';
    delete ar.metadata['oscal-version'];
    ar.metadata['extra'] = 1;
    const f0 = ar.results[0]?.findings[0];
    if (f0 !== undefined) f0.target.status.state = 'maybe';
    expect(checkOscal(d)).toEqual([
      '$.assessment-results.uuid: "not-a-uuid" does not match /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/',
      '$.assessment-results.metadata.oscal-version: required',
      '$.assessment-results.metadata.extra: additional property not allowed',
      '$.assessment-results.results[0].findings[0].target.status.state: "maybe" is not one of satisfied, not-satisfied',
    ]);
  });

  it('has one finding per requirement, satisfied exactly when it passed, related to the observations of its tests', () => {
    const r = sampleResults();
    const [result] = doc(r)['assessment-results'].results;
    expect(result?.findings).toHaveLength(r.requirements.length);
    const observations = new Set(result?.observations.map((o) => o.uuid));
    r.requirements.forEach((q, i) => {
      const f = result?.findings[i];
      expect(f?.target['target-id']).toBe(q.id);
      expect(f?.target.status.state).toBe(q.status === 'passed' ? 'satisfied' : 'not-satisfied');
      expect(f?.target.status.reason).toBe({ passed: 'pass', failed: 'fail', 'not-covered': 'other', inspection: 'other' }[q.status]);
      expect(f?.['related-observations']?.length ?? 0).toBe(q.tests.length);
      for (const rel of f?.['related-observations'] ?? []) expect(observations.has(rel['observation-uuid'])).toBe(true);
    });
  });

  it('points each test observation at its trace in the bundle and says why a failed test failed', () => {
    const r = sampleResults();
    const [result] = doc(r)['assessment-results'].results;
    for (const t of r.tests) {
      const o = result?.observations.find((x) => x.props.some((p) => p.name === 'test-id' && p.value === t.id));
      expect(o?.['relevant-evidence'][0]?.href).toBe(`traces/${t.id}.json`);
      expect(o?.props.every((p) => p.ns === OSCAL_NS)).toBe(true);
      expect(o?.remarks === undefined).toBe(t.failure === null);
    }
    expect(result?.observations).toHaveLength(r.tests.length + r.properties.length);
  });

  it('is reproducible: the same results give the same document; UUIDs are unique and change with the run', () => {
    expect(JSON.stringify(renderOscalAssessmentResults(sampleResults()))).toBe(JSON.stringify(renderOscalAssessmentResults(sampleResults())));
    const text = JSON.stringify(renderOscalAssessmentResults(sampleResults()));
    const uuids = [...text.matchAll(/"uuid":"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(uuids).size).toBe(uuids.length);
    const other = doc({ ...sampleResults(), seed: 7 });
    expect(other['assessment-results'].uuid).not.toBe(doc()['assessment-results'].uuid);
  });

  it('turns any id into an OSCAL token', () => {
    expect(oscalToken('T1-DISABLED-ATTACHED-IMPACT')).toBe('T1-DISABLED-ATTACHED-IMPACT');
    expect(oscalToken('1 a/b')).toBe('_1_a_b');
  });
});
