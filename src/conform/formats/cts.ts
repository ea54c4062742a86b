import { CONFORM_INPUT_CODES, type LogOp, type LogOpName } from '../log-line.ts';
import { modelCodeFromServiceCode } from './failure-codes.ts';
import { at, BadRecord, guarded, isObject, RecordFields, type JsonObject } from './record-fields.ts';
import type { RecordTranslator, TrailFormatSpec, Translation } from './trail-format.ts';

/**
 * Open Telekom Cloud Cloud Trace Service (CTS) traces → log lines. Traces are
 * recognised by `service_type` and `trace_name` together (DWS and RDS have a
 * `createSnapshot` too). `request` and `response` are JSON strings in the
 * CTS API (objects are accepted too); they carry the volume and key fields,
 * e.g. `{"volume": {"metadata": {"__system__encrypted": "1", "__system__cmkid": "…"}}}`.
 *
 * A trace failed when `trace_rating` is `warning` or `incident`, or `code`
 * (the HTTP status) is 400 or more. Its model code comes from the response
 * body when that carries a KMS/EVS code (`{"error": {"error_code": "KMS.0209"}}`),
 * through failure-codes.ts; otherwise the line has no code. 401/403 (access
 * control) and 429 (throttling) are skipped: the model does not cover them.
 *
 * The end of a waiting period: KMS deletes the key itself; we read it as a
 * `deleteKey` trace of service KMS (trace_type `SystemAction`, no user
 * request; `source_ip` is the service's), the counterpart of CloudTrail's
 * DeleteKey event → `keyDeleted`.
 */
const SERVICES_KMS = ['KMS', 'DEW'];

const KMS_TRACES: Readonly<Record<string, LogOpName>> = {
  createKey: 'createKey',
  enableKey: 'enableKey',
  disableKey: 'disableKey',
  scheduleKeyDeletion: 'scheduleKeyDeletion',
  cancelKeyDeletion: 'cancelKeyDeletion',
  deleteKey: 'keyDeleted',
};

/** The translated traces, `service_type trace_name` → operation (createVolume with a snapshot_id is createDiskFromSnapshot). */
export const CTS_TRACES: Readonly<Record<string, LogOpName>> = {
  'EVS createVolume': 'createDisk',
  'EVS deleteVolume': 'deleteDisk',
  'EVS createSnapshot': 'createSnapshot',
  'ECS attachVolume': 'attachDisk',
  'ECS attachVolumeV2': 'attachDisk',
  'ECS attachVolume2': 'attachDisk',
  'ECS detachVolume': 'detachDisk',
  ...Object.fromEntries(SERVICES_KMS.flatMap((s) => Object.entries(KMS_TRACES).map(([t, op]) => [`${s} ${t}`, op]))),
};

/** Traces not translated although they change volumes or keys the model tracks: the report warns about them. */
export const CTS_STATE_CHANGING: ReadonlySet<string> = new Set([
  'EVS batchCreateVolume', 'EVS bulkDeleteVolume', 'EVS deleteSnapshot', 'EVS rollbackSnapshot',
  'ECS createServer', 'ECS createServerV2', 'ECS deleteServer', 'ECS deleteServerV2',
  ...SERVICES_KMS.flatMap((s) => ['importKeyMaterial', 'deleteImportedKeyMaterial'].map((t) => `${s} ${t}`)),
]);

const FIX = 'Give the trace as CTS records it (see examples/trails/README.md): request and response must be JSON (objects or JSON strings) with the ids named above.';

/** A number of milliseconds or an HTTP status, written as a number or a string of digits. */
function wholeNumber(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

function traceTimeOf(trace: JsonObject): number | null {
  return wholeNumber(trace['time']) ?? wholeNumber(trace['record_time']);
}

/** `request`/`response` as objects: JSON strings are parsed; anything else is kept (and reads as missing fields). */
function withBodies(trace: JsonObject): JsonObject {
  const body = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  };
  return { ...trace, request: body(trace['request']), response: body(trace['response']) };
}

/** A KMS/EVS error code in a response body (KMS: error.error_code; EVS/ECS: error.code), or null. */
export function serviceCodeOf(response: unknown): string | null {
  if (!isObject(response)) return null;
  for (const path of ['error.error_code', 'error.code', 'error_code', 'code', 'errorCode']) {
    const v = at(response, path);
    if (typeof v === 'string' && /^(KMS|EVS)\.\d{4}$/.test(v)) return v;
  }
  return null;
}

class CtsTranslator implements RecordTranslator {
  translate(record: JsonObject, position: number): Translation {
    return guarded(() => this.translateTrace(withBodies(record), position));
  }

  private translateTrace(t: JsonObject, position: number): Translation {
    const service = t['service_type'];
    const name = t['trace_name'];
    if (typeof service !== 'string' || typeof name !== 'string') {
      throw new BadRecord(
        'not a CTS trace: service_type and trace_name are missing.',
        'Pass --format cts only for CTS traces (a JSON array, {"traces": [...]} or one trace per line); our own log needs no --format.',
        CONFORM_INPUT_CODES.unknownOp,
      );
    }
    const trace = `${service} ${name}`;
    const base = CTS_TRACES[trace];
    if (base === undefined) return { kind: 'skip', reason: CTS_STATE_CHANGING.has(trace) ? 'changes-state' : 'not-translated', name: trace };
    const timeMs = traceTimeOf(t);
    if (timeMs === null) {
      throw new BadRecord(`${name}: time must be milliseconds since the epoch, got ${JSON.stringify(t['time'])}.`, 'Keep time as CTS records it, e.g. 1772442000000.', CONFORM_INPUT_CODES.badTime);
    }
    const status = wholeNumber(t['code']);
    const failed = t['trace_rating'] === 'warning' || t['trace_rating'] === 'incident' || (status !== null && status >= 400);
    if (failed && (status === 401 || status === 403)) return { kind: 'skip', reason: 'not-authorized', name: trace };
    if (failed && status === 429) return { kind: 'skip', reason: 'throttled', name: trace };
    if (failed && base === 'keyDeleted') return { kind: 'skip', reason: 'failed-deletion-record', name: trace };
    const op: LogOpName = base === 'createDisk' && at(t, 'request.volume.snapshot_id') != null ? 'createDiskFromSnapshot' : base;
    const f = new RecordFields(t, name, FIX);
    if (!failed) return { kind: 'line', op: build(op, f, null), timeMs, result: 'ok', error: null };
    const placeholder = `failed:${typeof t['trace_id'] === 'string' ? t['trace_id'] : `record-${position}`}`;
    const code = serviceCodeOf(t['response']);
    return { kind: 'line', op: build(op, f, placeholder), timeMs, result: 'error', error: code === null ? null : modelCodeFromServiceCode(op, code) };
  }
}

/** The operation with its ids. `placeholder` (failed traces only) names what a failed create never got. */
function build(op: LogOpName, f: RecordFields, placeholder: string | null): LogOp {
  const created = (...paths: string[]): string => (placeholder === null ? f.id(...paths) : (f.optId(...paths) ?? placeholder));
  switch (op) {
    case 'createDisk': {
      const encrypted = f.optBool('response.volume.metadata.__system__encrypted') ?? f.optBool('request.volume.metadata.__system__encrypted') ?? false;
      const cmk = encrypted ? f.optId('response.volume.metadata.__system__cmkid', 'request.volume.metadata.__system__cmkid') : null;
      return { op, disk: created('resource_id', 'response.volume.id'), encrypted, key: cmk };
    }
    case 'createDiskFromSnapshot':
      return {
        op,
        disk: created('resource_id', 'response.volume.id'),
        snapshot: f.id('request.volume.snapshot_id'),
        encrypted: placeholder === null ? f.optBool('response.volume.metadata.__system__encrypted') : null,
      };
    case 'deleteDisk':
      return { op, disk: f.id('resource_id', 'request.volume_id') };
    case 'createSnapshot':
      return { op, snapshot: created('resource_id', 'response.snapshot.id'), disk: f.id('request.snapshot.volume_id') };
    case 'attachDisk':
      return { op, disk: f.id('request.volumeAttachment.volumeId'), server: f.id('resource_id', 'request.server_id') };
    case 'detachDisk':
      return { op, disk: f.id('request.volumeAttachment.volumeId', 'request.volume_id', 'request.volumeId') };
    case 'createKey':
      return { op, key: created('response.key_info.key_id', 'resource_id') };
    case 'enableKey':
    case 'disableKey':
    case 'cancelKeyDeletion':
      return { op, key: f.id('request.key_id', 'response.key_info.key_id', 'resource_id') };
    case 'scheduleKeyDeletion':
      return { op, key: f.id('request.key_id', 'response.key_info.key_id', 'resource_id'), pendingDays: f.integer('request.pending_days') };
    case 'keyDeleted':
      return { op, key: f.id('resource_id', 'request.key_id') };
    default:
      throw new Error(`CTS translation has no builder for ${op}`);
  }
}

export const CTS_FORMAT: TrailFormatSpec = {
  name: 'cts',
  title: 'Open Telekom Cloud CTS',
  containers: ['traces'],
  timeOf: traceTimeOf,
  unwrap: (trace) => trace,
  projectOf: (t) => {
    const id = t['project_id'] ?? t['domain_id'];
    return typeof id === 'string' && id !== '' ? id : null;
  },
  createTranslator: () => new CtsTranslator(),
};
