import { CONFORM_INPUT_CODES, type LogOp, type LogOpName } from '../log-line.ts';
import { parseLogTime } from '../log-time.ts';
import { classifyAwsError } from './aws-error-table.ts';
import { DEFAULT_KEY, KeyAliases } from './cloudtrail-keys.ts';
import { modelCodeFor } from './failure-codes.ts';
import { at, BadRecord, guarded, isObject, RecordFields, type JsonObject } from './record-fields.ts';
import type { RecordTranslator, TrailFormatSpec, Translation } from './trail-format.ts';

/**
 * AWS CloudTrail records → log lines. Only management events of EC2 (EBS
 * volumes and snapshots) and KMS (key lifecycle) are translated; reads and
 * writes of a volume are data-plane operations CloudTrail never records.
 * Events are recognised by `eventSource` and `eventName` together (other
 * services have a `CreateKey` or `CreateSnapshot` too).
 */
const EC2 = 'ec2.amazonaws.com';
const KMS = 'kms.amazonaws.com';

/** The translated events, `eventSource eventName` → operation (CreateVolume with a snapshotId is createDiskFromSnapshot). */
export const CLOUDTRAIL_EVENTS: Readonly<Record<string, LogOpName>> = {
  [`${EC2} CreateVolume`]: 'createDisk',
  [`${EC2} AttachVolume`]: 'attachDisk',
  [`${EC2} DetachVolume`]: 'detachDisk',
  [`${EC2} DeleteVolume`]: 'deleteDisk',
  [`${EC2} CreateSnapshot`]: 'createSnapshot',
  [`${KMS} CreateKey`]: 'createKey',
  [`${KMS} EnableKey`]: 'enableKey',
  [`${KMS} DisableKey`]: 'disableKey',
  [`${KMS} ScheduleKeyDeletion`]: 'scheduleKeyDeletion',
  [`${KMS} CancelKeyDeletion`]: 'cancelKeyDeletion',
  [`${KMS} DeleteKey`]: 'keyDeleted',
};

/** Events not translated although they change volumes, snapshots or keys the model tracks: the report warns about them. */
export const CLOUDTRAIL_STATE_CHANGING: ReadonlySet<string> = new Set([
  ...['RunInstances', 'TerminateInstances', 'CopySnapshot', 'DeleteSnapshot', 'CreateImage', 'RegisterImage', 'CreateReplaceRootVolumeTask',
    'EnableEbsEncryptionByDefault', 'DisableEbsEncryptionByDefault', 'ModifyEbsDefaultKmsKeyId', 'ResetEbsDefaultKmsKeyId', 'RestoreSnapshotFromRecycleBin'].map((n) => `${EC2} ${n}`),
  ...['ImportKeyMaterial', 'DeleteImportedKeyMaterial', 'DeleteExpiredKeyMaterial', 'ReplicateKey'].map((n) => `${KMS} ${n}`),
]);

/** AWS's default waiting period when ScheduleKeyDeletion has no pendingWindowInDays. */
export const AWS_DEFAULT_PENDING_DAYS = 30;

const FIX = 'Give the record as CloudTrail writes it (see examples/trails/README.md): a translated event needs the ids named above to be judged.';

function eventTimeOf(record: JsonObject): number | null {
  const t = record['eventTime'];
  return typeof t === 'string' ? parseLogTime(t) : null;
}

class CloudTrailTranslator implements RecordTranslator {
  private readonly aliases = new KeyAliases();

  translate(record: JsonObject, position: number): Translation {
    return guarded(() => this.translateRecord(record, position));
  }

  private translateRecord(r: JsonObject, position: number): Translation {
    const source = r['eventSource'];
    const name = r['eventName'];
    if (typeof source !== 'string' || typeof name !== 'string') {
      throw new BadRecord(
        'not a CloudTrail record: eventSource and eventName are missing.',
        'Pass --format cloudtrail only for CloudTrail records ({"Records": [...]} or one record per line); our own log needs no --format.',
        CONFORM_INPUT_CODES.unknownOp,
      );
    }
    const event = `${source} ${name}`;
    const failure = typeof r['errorCode'] === 'string' && r['errorCode'] !== '' ? r['errorCode'] : null;
    if (source === KMS && (name === 'CreateAlias' || name === 'UpdateAlias' || name === 'DeleteAlias')) {
      if (failure === null) this.noteAlias(r, name);
      return { kind: 'skip', reason: 'key-alias', name: event };
    }
    const base = CLOUDTRAIL_EVENTS[event];
    if (base === undefined) return { kind: 'skip', reason: CLOUDTRAIL_STATE_CHANGING.has(event) ? 'changes-state' : 'not-translated', name: event };
    const timeMs = eventTimeOf(r);
    if (timeMs === null) {
      throw new BadRecord(`${name}: eventTime must be an ISO 8601 UTC timestamp, got ${JSON.stringify(r['eventTime'])}.`, 'Keep eventTime as CloudTrail writes it, e.g. "2026-03-02T09:00:00Z".', CONFORM_INPUT_CODES.badTime);
    }
    const op: LogOpName = base === 'createDisk' && at(r, 'requestParameters.snapshotId') != null ? 'createDiskFromSnapshot' : base;
    const f = new RecordFields(r, name, FIX);
    if (failure === null) return { kind: 'line', op: this.build(op, f, null), timeMs, result: 'ok', error: null };
    if (op === 'keyDeleted') return { kind: 'skip', reason: 'failed-deletion-record', name: event };
    const message = typeof r['errorMessage'] === 'string' ? r['errorMessage'] : null;
    const outcome = classifyAwsError(op, failure, message);
    if (outcome.kind === 'skip') return { kind: 'skip', reason: outcome.reason, name: event };
    const placeholder = `failed:${typeof r['eventID'] === 'string' ? r['eventID'] : `record-${position}`}`;
    return { kind: 'line', op: this.build(op, f, placeholder), timeMs, result: 'error', error: modelCodeFor(op, outcome.cause) };
  }

  /** The operation with its ids. `placeholder` (failed records only) names what a failed create never got. */
  private build(op: LogOpName, f: RecordFields, placeholder: string | null): LogOp {
    const failed = placeholder !== null;
    const created = (path: string): string => (failed ? (f.optId(path) ?? placeholder) : f.id(path));
    const key = (...paths: string[]): string => this.keyName(f.id(...paths), failed);
    switch (op) {
      case 'createDisk': {
        const encrypted = (failed ? null : f.optBool('responseElements.encrypted')) ?? f.optBool('requestParameters.encrypted') ?? false;
        const ref = encrypted ? f.optId('requestParameters.kmsKeyId') : null;
        const name = ref === null ? null : this.keyName(ref, failed);
        return { op, disk: created('responseElements.volumeId'), encrypted, key: name === DEFAULT_KEY ? null : name };
      }
      case 'createDiskFromSnapshot':
        return { op, disk: created('responseElements.volumeId'), snapshot: f.id('requestParameters.snapshotId'), encrypted: failed ? null : f.optBool('responseElements.encrypted') };
      case 'attachDisk':
        return { op, disk: f.id('requestParameters.volumeId'), server: f.id('requestParameters.instanceId') };
      case 'detachDisk':
      case 'deleteDisk':
        return { op, disk: f.id('requestParameters.volumeId') };
      case 'createSnapshot':
        return { op, snapshot: created('responseElements.snapshotId'), disk: f.id('requestParameters.volumeId') };
      case 'createKey':
        return { op, key: failed ? placeholder : key('responseElements.keyMetadata.keyId', 'responseElements.keyMetadata.arn') };
      case 'enableKey':
      case 'disableKey':
      case 'cancelKeyDeletion':
        return { op, key: key('requestParameters.keyId', 'responseElements.keyId') };
      case 'scheduleKeyDeletion': {
        const days = f.has('requestParameters.pendingWindowInDays') ? f.integer('requestParameters.pendingWindowInDays') : AWS_DEFAULT_PENDING_DAYS;
        return { op, key: key('requestParameters.keyId', 'responseElements.keyId'), pendingDays: days };
      }
      case 'keyDeleted':
        return { op, key: key('responseElements.keyId', 'resources.0.ARN') };
      default:
        throw new Error(`CloudTrail translation has no builder for ${op}`);
    }
  }

  /** A key reference → the model's key name. An alias the trail never defined is unreadable on a success (the key is unknown). */
  private keyName(ref: string, failed: boolean): string {
    const name = this.aliases.resolve(ref);
    if (name !== null) return name;
    if (failed) return ref;
    throw new BadRecord(
      `key alias ${ref} is not defined earlier in the trail (no CreateAlias record for it), so its key cannot be named.`,
      'Include the CreateAlias record of that alias in the trail (or start the trail before it was created).',
    );
  }

  private noteAlias(r: JsonObject, name: string): void {
    const alias = at(r, 'requestParameters.aliasName');
    const target = at(r, 'requestParameters.targetKeyId');
    if (typeof alias !== 'string') return;
    if (name === 'DeleteAlias') this.aliases.delete(alias);
    else if (typeof target === 'string') this.aliases.set(alias, target);
  }
}

function unwrapLookupEvent(record: JsonObject): JsonObject | string {
  const inner = record['CloudTrailEvent'];
  if (inner === undefined) return record;
  if (isObject(inner)) return inner;
  if (typeof inner !== 'string') return 'CloudTrailEvent must be the record as a JSON string.';
  try {
    const parsed: unknown = JSON.parse(inner);
    return isObject(parsed) ? parsed : 'CloudTrailEvent is not a JSON object.';
  } catch (e) {
    return `CloudTrailEvent is not valid JSON (${e instanceof Error ? e.message : String(e)}).`;
  }
}

export const CLOUDTRAIL_FORMAT: TrailFormatSpec = {
  name: 'cloudtrail',
  title: 'AWS CloudTrail',
  containers: ['Records', 'Events'],
  timeOf: eventTimeOf,
  unwrap: unwrapLookupEvent,
  projectOf: (r) => {
    const id = r['recipientAccountId'] ?? at(r, 'userIdentity.accountId');
    return typeof id === 'string' && id !== '' ? id : null;
  },
  createTranslator: () => new CloudTrailTranslator(),
};
