/**
 * The part of NIST's OSCAL assessment-results JSON schema that our documents
 * use, transcribed by hand (required members, no additional members, array
 * minItems 1, datatype patterns, enumerations) from
 * usnistgov/OSCAL json/schema/oscal_assessment-results_schema.json (1.0.4,
 * the newest version in the repository tree; 1.1.x is published only as a
 * release asset) and the 1.1.2 model reference, which adds `group` to
 * properties and `actions` to metadata. The 1.1.2 allowed values for
 * observation methods and finding status reasons are checked too.
 * Independent of the generator: it checks the document, not the code.
 */
type Node =
  | { readonly t: 'obj'; readonly props: Readonly<Record<string, Node>>; readonly required: readonly string[] }
  | { readonly t: 'arr'; readonly items: Node }
  | { readonly t: 'str'; readonly pattern?: RegExp; readonly enum?: readonly string[] }
  | { readonly t: 'any-obj' };

const obj = (props: Record<string, Node>, required: string[] = []): Node => ({ t: 'obj', props, required });
const arr = (items: Node): Node => ({ t: 'arr', items });
const str = (pattern?: RegExp, values?: readonly string[]): Node => ({ t: 'str', ...(pattern ? { pattern } : {}), ...(values ? { enum: values } : {}) });

// Datatypes, as in the schema's definitions.
const UUID = str(/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/);
const DATETIME = str(/^(((19|2[0-9])[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))T(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$/);
const TOKEN = str(/^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u);
const STRING = str(/^\S(.*\S)?$/s);
const URI = str(/^[a-zA-Z][a-zA-Z0-9+\-.]+:.+$/);
const URI_REF = str(/^[^\s<>"{}|\\^`]*$/);
const TEXT = str();

const PROPERTY = obj({ name: TOKEN, uuid: UUID, ns: URI, value: STRING, class: TOKEN, group: TOKEN, remarks: TEXT }, ['name', 'value']);
const LINK = obj({ href: URI_REF, rel: TOKEN, 'media-type': STRING, 'resource-fragment': STRING, text: TEXT }, ['href']);
const common = { props: arr(PROPERTY), links: arr(LINK) };

const METADATA = obj(
  { title: TEXT, published: DATETIME, 'last-modified': DATETIME, version: STRING, 'oscal-version': str(/^1\.[0-9]+\.[0-9]+(-.+)?$/), ...common, remarks: TEXT },
  ['title', 'last-modified', 'version', 'oscal-version'],
);
const IMPORT_AP = obj({ href: URI_REF, remarks: TEXT }, ['href']);
const SELECT_CONTROL = obj({ 'control-id': TOKEN, 'statement-ids': arr(TOKEN) }, ['control-id']);
const REVIEWED = obj(
  {
    description: TEXT,
    ...common,
    'control-selections': arr(obj({ description: TEXT, ...common, 'include-all': obj({}), 'include-controls': arr(SELECT_CONTROL), 'exclude-controls': arr(SELECT_CONTROL), remarks: TEXT })),
    remarks: TEXT,
  },
  ['control-selections'],
);
const OBSERVATION = obj(
  {
    uuid: UUID,
    title: TEXT,
    description: TEXT,
    ...common,
    methods: arr(str(undefined, ['EXAMINE', 'INTERVIEW', 'TEST', 'UNKNOWN'])),
    types: arr(TOKEN),
    'relevant-evidence': arr(obj({ href: URI_REF, description: TEXT, ...common, remarks: TEXT }, ['description'])),
    collected: DATETIME,
    expires: DATETIME,
    remarks: TEXT,
  },
  ['uuid', 'description', 'methods', 'collected'],
);
const TARGET = obj(
  {
    type: str(undefined, ['statement-id', 'objective-id']),
    'target-id': TOKEN,
    title: TEXT,
    description: TEXT,
    ...common,
    status: obj({ state: str(undefined, ['satisfied', 'not-satisfied']), reason: str(undefined, ['pass', 'fail', 'other']), remarks: TEXT }, ['state']),
    remarks: TEXT,
  },
  ['type', 'target-id', 'status'],
);
const FINDING = obj(
  { uuid: UUID, title: TEXT, description: TEXT, ...common, target: TARGET, 'related-observations': arr(obj({ 'observation-uuid': UUID }, ['observation-uuid'])), remarks: TEXT },
  ['uuid', 'title', 'description', 'target'],
);
const RESULT = obj(
  { uuid: UUID, title: TEXT, description: TEXT, start: DATETIME, end: DATETIME, ...common, 'reviewed-controls': REVIEWED, observations: arr(OBSERVATION), findings: arr(FINDING), remarks: TEXT },
  ['uuid', 'title', 'description', 'start', 'reviewed-controls'],
);
export const ASSESSMENT_RESULTS_DOCUMENT = obj({ 'assessment-results': obj({ uuid: UUID, metadata: METADATA, 'import-ap': IMPORT_AP, results: arr(RESULT) }, ['uuid', 'metadata', 'import-ap', 'results']) }, ['assessment-results']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkOscal(value: unknown, node: Node = ASSESSMENT_RESULTS_DOCUMENT, path = '$'): string[] {
  switch (node.t) {
    case 'any-obj':
      return isObject(value) ? [] : [`${path}: expected an object`];
    case 'str':
      if (typeof value !== 'string') return [`${path}: expected a string`];
      if (node.pattern && !node.pattern.test(value)) return [`${path}: ${JSON.stringify(value)} does not match ${String(node.pattern)}`];
      if (node.enum && !node.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} is not one of ${node.enum.join(', ')}`];
      return [];
    case 'arr':
      if (!Array.isArray(value)) return [`${path}: expected an array`];
      if (value.length === 0) return [`${path}: minItems 1`];
      return value.flatMap((v: unknown, i) => checkOscal(v, node.items, `${path}[${i}]`));
    case 'obj': {
      if (!isObject(value)) return [`${path}: expected an object`];
      const out = node.required.filter((k) => !Object.hasOwn(value, k)).map((k) => `${path}.${k}: required`);
      for (const [k, v] of Object.entries(value)) {
        const child = node.props[k];
        if (child === undefined) out.push(`${path}.${k}: additional property not allowed`);
        else out.push(...checkOscal(v, child, `${path}.${k}`));
      }
      return out;
    }
  }
}
