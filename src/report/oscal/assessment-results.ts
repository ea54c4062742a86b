import type { PropertyRecord, RequirementRecord, TestRecord, VerifyResults } from '../results.ts';
import { EVS_WORKBENCH_NAMESPACE, uuidV5 } from './uuid-v5.ts';

/**
 * An OSCAL 1.1.2 assessment-results document (JSON) from results.json: one
 * result for the run; one observation per generated test (its trace file as
 * relevant evidence) and per checked property; one finding per requirement,
 * targeting the requirement id as an objective, `satisfied` when it passed
 * and `not-satisfied` otherwise (reason `fail`, or `other` when it was not
 * covered or only inspected), related to the observations of its tests.
 * UUIDs are version 5, derived from ids, so the same results give the same
 * document. Custom properties carry the namespace `OSCAL_NS`. Pure.
 */
export const OSCAL_VERSION = '1.1.2';
export const OSCAL_NS = 'urn:evs-workbench:oscal';

type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json | undefined };
type Prop = { readonly name: string; readonly ns: string; readonly value: string };

const uuid = (kind: string, ...parts: readonly (string | number)[]): string => uuidV5(EVS_WORKBENCH_NAMESPACE, [kind, ...parts.map(String)].join('\u0000'));

/** A property value: OSCAL strings may not be empty or start or end with whitespace. */
function prop(name: string, value: string): Prop {
  const v = value.replace(/\s+/g, ' ').trim();
  return { name, ns: OSCAL_NS, value: v.length > 0 ? v : '-' };
}

/** An OSCAL token (ids): a letter or `_`, then letters, digits, `.`, `-`, `_`; other characters become `_`. */
export function oscalToken(id: string): string {
  const t = id.replace(/[^\p{L}\p{N}._-]/gu, '_');
  return /^[\p{L}_]/u.test(t) ? t : `_${t}`;
}

/** OSCAL arrays have at least one item: an empty list is left out. */
const nonEmpty = <T extends Json>(items: readonly T[]): readonly T[] | undefined => (items.length > 0 ? items : undefined);

/** Text ending in a full stop (purposes are sometimes written without one). */
const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** A bundle path as a URI reference (each segment percent-encoded). */
const href = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

function testObservation(t: TestRecord, collected: string): Json {
  const f = t.failure;
  return {
    uuid: uuid('observation', 'test', t.id),
    title: t.title,
    description: `${sentence(t.purpose)} Generated test ${t.id} (strategy ${t.strategy}, ${t.steps} steps): ${t.status}.`,
    // The requirements a test stands for are the findings that relate to this observation.
    props: [prop('test-id', t.id), prop('strategy', t.strategy), prop('test-status', t.status)],
    methods: ['TEST'],
    'relevant-evidence': [{ href: href(t.trace), description: `Trace of test ${t.id} (ITF JSON, inside the evidence bundle).` }],
    collected,
    remarks: f === null ? undefined : `${f.message} Step ${f.stepIndex} (${f.event}): the model expects ${f.expected}, the implementation answered ${f.actual}. Replay: ${f.replay}`,
  };
}

function propertyObservation(p: PropertyRecord, collected: string): Json {
  return {
    uuid: uuid('observation', 'property', p.id),
    title: `Model property ${p.id}`,
    description: `${p.description} Checked on every explored state and transition of the model: ${p.holds ? 'holds' : 'violated'}.`,
    props: [prop('property-id', p.id), prop('property-holds', String(p.holds))],
    methods: ['TEST'],
    'relevant-evidence': [{ href: 'results.json', description: `Model-checking verdict of ${p.id} (results.json, properties).` }],
    collected,
    remarks: p.holds ? undefined : (p.message ?? 'violated'),
  };
}

const REASON: Readonly<Record<RequirementRecord['status'], { state: 'satisfied' | 'not-satisfied'; reason: string; remark?: string }>> = {
  passed: { state: 'satisfied', reason: 'pass' },
  failed: { state: 'not-satisfied', reason: 'fail' },
  'not-covered': { state: 'not-satisfied', reason: 'other', remark: 'Not covered: no generated test or other evidence of this run checks it.' },
  inspection: { state: 'not-satisfied', reason: 'other', remark: 'Verified by inspection, not by this run: no machine evidence.' },
};

function finding(q: RequirementRecord, observed: ReadonlySet<string>): Json {
  const r = REASON[q.status];
  const related = q.tests.filter((id) => observed.has(id)).map((id) => ({ 'observation-uuid': uuid('observation', 'test', id) }));
  return {
    uuid: uuid('finding', q.id),
    title: `${q.id}: ${q.title}`,
    description: q.statement,
    props: [prop('requirement-status', q.status), ...q.evidence.map((e) => prop('evidence', e))],
    target: {
      type: 'objective-id',
      'target-id': oscalToken(q.id),
      description: `Seed (${q.source.section}): "${q.source.quote}"`,
      status: { state: r.state, reason: r.reason, remarks: r.remark },
    },
    'related-observations': nonEmpty(related),
    remarks: q.failedTests.length > 0 ? `Failed tests: ${q.failedTests.join(', ')}.` : undefined,
  };
}

/** Drops `undefined` members (JSON.stringify would too; this keeps the object shape exact for tests). */
function clean(v: Json | undefined): Json | undefined {
  if (Array.isArray(v)) return v.map((x: Json) => clean(x) ?? null);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v as Record<string, Json | undefined>)) {
      const c = clean(x);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return v;
}

export function renderOscalAssessmentResults(results: VerifyResults): Record<string, Json> {
  const run = `${results.seed}\u0000${results.startedAt}`;
  const observed = new Set(results.tests.map((t) => t.id));
  const observations = [...results.tests.map((t) => testObservation(t, results.finishedAt)), ...results.properties.map((p) => propertyObservation(p, results.finishedAt))];
  const controls = results.requirements.map((q) => ({ 'control-id': oscalToken(q.id) }));
  const doc: Json = {
    'assessment-results': {
      uuid: uuid('assessment-results', run),
      metadata: {
        title: `evs-workbench verification of encrypted EVS disks (seed ${results.seed}): ${results.verdict.toUpperCase()}`,
        'last-modified': results.finishedAt,
        version: `${results.tool.version}+seed.${results.seed}`,
        'oscal-version': OSCAL_VERSION,
        props: [prop('tool', `${results.tool.name} ${results.tool.version}`), prop('seed', String(results.seed)), prop('verdict', results.verdict)],
      },
      'import-ap': { href: 'results.json', remarks: 'No separate assessment plan: the generated tests and the checked properties are recorded in results.json of this evidence bundle.' },
      results: [
        {
          uuid: uuid('result', run),
          title: `evs-workbench verify (seed ${results.seed})`,
          description: `Model-based verification of the implementation "${results.implementation}" against the requirements of the seed; strategies ${results.strategies.join(', ') || '(none)'}. Replay: ${results.command.join(' ')}`,
          start: results.startedAt,
          end: results.finishedAt,
          props: [prop('verdict', results.verdict), prop('seed', String(results.seed))],
          'reviewed-controls': {
            description: 'The requirements of the seed (evs_01_0009), one control each, identified by requirement id.',
            'control-selections': [controls.length > 0 ? { 'include-controls': controls } : { 'include-all': {} }],
          },
          observations: nonEmpty(observations),
          findings: nonEmpty(results.requirements.map((q) => finding(q, observed))),
        },
      ],
    },
  };
  return clean(doc) as Record<string, Json>;
}
