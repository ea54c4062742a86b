import { describe, expect, it } from 'vitest';
import { AWS_DEFAULT_PENDING_DAYS, CLOUDTRAIL_EVENTS, CLOUDTRAIL_FORMAT } from '../../../src/conform/formats/cloudtrail.ts';
import type { Translation } from '../../../src/conform/formats/trail-format.ts';

const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:eu-central-1:111122223333:key/${KEY}`;
const EC2 = 'ec2.amazonaws.com';
const KMS = 'kms.amazonaws.com';

/** A CloudTrail record with the fields the translator reads, as CloudTrail writes them. */
function ct(source: string, name: string, rest: Record<string, unknown> = {}): Record<string, unknown> {
  return { eventVersion: '1.09', eventTime: '2026-03-02T09:00:00Z', eventSource: source, eventName: name, eventID: 'e-1', requestParameters: null, responseElements: null, ...rest };
}

function translateAll(...records: Array<Record<string, unknown>>): Translation[] {
  const t = CLOUDTRAIL_FORMAT.createTranslator();
  return records.map((r, i) => t.translate(r, i + 1));
}

function one(record: Record<string, unknown>): Translation {
  const [t] = translateAll(record);
  if (!t) throw new Error('no translation');
  return t;
}

const volume = (req: Record<string, unknown>, resp: Record<string, unknown> = {}) =>
  ct(EC2, 'CreateVolume', { requestParameters: { size: 8, zone: 'eu-central-1a', ...req }, responseElements: { volumeId: 'vol-1', status: 'creating', ...resp } });

describe('CloudTrail translation, event by event', () => {
  it.each<[string, Record<string, unknown>, object]>([
    ['CreateVolume encrypted with a key id', volume({ encrypted: true, kmsKeyId: KEY }, { encrypted: true }), { op: 'createDisk', disk: 'vol-1', encrypted: true, key: KEY }],
    ['CreateVolume encrypted with a key ARN', volume({ encrypted: true, kmsKeyId: KEY_ARN }, { encrypted: true }), { op: 'createDisk', disk: 'vol-1', encrypted: true, key: KEY }],
    ['CreateVolume encrypted without a key: the default key', volume({ encrypted: true }, { encrypted: true, kmsKeyId: 'arn:aws:kms:eu-central-1:111122223333:key/aws-managed' }), { op: 'createDisk', encrypted: true, key: null }],
    ['CreateVolume with alias/aws/ebs: the default key', volume({ encrypted: true, kmsKeyId: 'alias/aws/ebs' }), { op: 'createDisk', encrypted: true, key: null }],
    ['CreateVolume without encrypted: unencrypted', volume({}), { op: 'createDisk', encrypted: false, key: null }],
    ['CreateVolume encrypted false', volume({ encrypted: false }), { op: 'createDisk', encrypted: false, key: null }],
    ['CreateVolume encrypted by default (response says so)', volume({}, { encrypted: true }), { op: 'createDisk', encrypted: true, key: null }],
    ['CreateVolume from a snapshot', volume({ snapshotId: 'snap-1' }, { encrypted: true }), { op: 'createDiskFromSnapshot', disk: 'vol-1', snapshot: 'snap-1', encrypted: true }],
    ['AttachVolume', ct(EC2, 'AttachVolume', { requestParameters: { volumeId: 'vol-1', instanceId: 'i-1', device: '/dev/sdf' } }), { op: 'attachDisk', disk: 'vol-1', server: 'i-1' }],
    ['DetachVolume', ct(EC2, 'DetachVolume', { requestParameters: { volumeId: 'vol-1', force: false } }), { op: 'detachDisk', disk: 'vol-1' }],
    ['DeleteVolume', ct(EC2, 'DeleteVolume', { requestParameters: { volumeId: 'vol-1' } }), { op: 'deleteDisk', disk: 'vol-1' }],
    ['CreateSnapshot', ct(EC2, 'CreateSnapshot', { requestParameters: { volumeId: 'vol-1' }, responseElements: { snapshotId: 'snap-1' } }), { op: 'createSnapshot', snapshot: 'snap-1', disk: 'vol-1' }],
    ['CreateKey', ct(KMS, 'CreateKey', { responseElements: { keyMetadata: { keyId: KEY, arn: KEY_ARN } } }), { op: 'createKey', key: KEY }],
    ['DisableKey', ct(KMS, 'DisableKey', { requestParameters: { keyId: KEY }, responseElements: { keyId: KEY_ARN } }), { op: 'disableKey', key: KEY }],
    ['EnableKey by ARN', ct(KMS, 'EnableKey', { requestParameters: { keyId: KEY_ARN } }), { op: 'enableKey', key: KEY }],
    ['ScheduleKeyDeletion', ct(KMS, 'ScheduleKeyDeletion', { requestParameters: { keyId: KEY, pendingWindowInDays: 7 } }), { op: 'scheduleKeyDeletion', key: KEY, pendingDays: 7 }],
    ['ScheduleKeyDeletion without a window: AWS default', ct(KMS, 'ScheduleKeyDeletion', { requestParameters: { keyId: KEY } }), { op: 'scheduleKeyDeletion', key: KEY, pendingDays: AWS_DEFAULT_PENDING_DAYS }],
    ['CancelKeyDeletion', ct(KMS, 'CancelKeyDeletion', { requestParameters: { keyId: KEY } }), { op: 'cancelKeyDeletion', key: KEY }],
    ['DeleteKey (end of the waiting period)', ct(KMS, 'DeleteKey', { eventType: 'AwsServiceEvent', resources: [{ type: 'AWS::KMS::Key', ARN: KEY_ARN }] }), { op: 'keyDeleted', key: KEY }],
  ])('%s', (_name, record, op) => {
    const t = one(record);
    expect(t).toMatchObject({ kind: 'line', result: 'ok', error: null, timeMs: Date.UTC(2026, 2, 2, 9) });
    expect(t.kind === 'line' ? t.op : null).toMatchObject(op);
  });

  it('covers every translated event in the table above', () => {
    expect(Object.keys(CLOUDTRAIL_EVENTS).sort()).toEqual(
      [...['CreateVolume', 'AttachVolume', 'DetachVolume', 'DeleteVolume', 'CreateSnapshot'].map((n) => `${EC2} ${n}`),
        ...['CreateKey', 'EnableKey', 'DisableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion', 'DeleteKey'].map((n) => `${KMS} ${n}`)].sort(),
    );
  });

  it('resolves an alias through the CreateAlias record before it, and follows UpdateAlias and DeleteAlias', () => {
    const alias = (name: string, target?: string) => ct(KMS, name, { requestParameters: { aliasName: 'alias/evs-demo', ...(target ? { targetKeyId: target } : {}) } });
    const [created, used, , usedAgain, deleted, unknown] = translateAll(
      alias('CreateAlias', KEY),
      volume({ encrypted: true, kmsKeyId: 'arn:aws:kms:eu-central-1:111122223333:alias/evs-demo' }),
      alias('UpdateAlias', 'k-2'),
      volume({ encrypted: true, kmsKeyId: 'alias/evs-demo' }),
      alias('DeleteAlias'),
      volume({ encrypted: true, kmsKeyId: 'alias/evs-demo' }),
    );
    expect(created).toMatchObject({ kind: 'skip', reason: 'key-alias' });
    expect(used).toMatchObject({ kind: 'line', op: { key: KEY } });
    expect(usedAgain).toMatchObject({ kind: 'line', op: { key: 'k-2' } });
    expect(deleted).toMatchObject({ kind: 'skip', reason: 'key-alias' });
    expect(unknown).toMatchObject({ kind: 'bad', message: expect.stringContaining('key alias alias/evs-demo is not defined earlier in the trail') });
  });

  it('keeps a failed create with a placeholder id, its key refused as the model says (EVS.2002), the alias text as key when unknown', () => {
    const t = one({ ...volume({ encrypted: true, kmsKeyId: 'alias/nowhere' }), responseElements: null, errorCode: 'Client.CustomerKeyHasBeenRevoked', errorMessage: 'revoked', eventID: 'ev-9' });
    expect(t).toMatchObject({ kind: 'line', result: 'error', error: 'EVS.2002', op: { op: 'createDisk', disk: 'failed:ev-9', key: 'alias/nowhere' } });
  });

  it.each<[string, Record<string, unknown>, string | null]>([
    ['attach of a volume whose key is revoked', ct(EC2, 'AttachVolume', { requestParameters: { volumeId: 'v', instanceId: 'i' }, errorCode: 'Client.CustomerKeyHasBeenRevoked' }), 'EVS.2001'],
    ['attach refused by IncorrectState about the key', ct(EC2, 'AttachVolume', { requestParameters: { volumeId: 'v', instanceId: 'i' }, errorCode: 'Client.IncorrectState', errorMessage: "The KMS key of volume 'v' is not enabled." }), 'EVS.2001'],
    ['attach of an attached volume', ct(EC2, 'AttachVolume', { requestParameters: { volumeId: 'v', instanceId: 'i' }, errorCode: 'Client.VolumeInUse' }), 'EVS.1002'],
    ['detach of a detached volume', ct(EC2, 'DetachVolume', { requestParameters: { volumeId: 'v' }, errorCode: 'Client.IncorrectState', errorMessage: "Volume 'v' is in the 'available' state." }), 'EVS.1001'],
    ['detach of an unknown volume', ct(EC2, 'DetachVolume', { requestParameters: { volumeId: 'v' }, errorCode: 'Client.InvalidVolume.NotFound' }), 'EVS.0404'],
    ['disable of a key pending deletion', ct(KMS, 'DisableKey', { requestParameters: { keyId: KEY }, errorCode: 'KMSInvalidStateException', errorMessage: `${KEY_ARN} is pending deletion.` }), 'KMS.0210'],
    ['cancel of a key not pending deletion', ct(KMS, 'CancelKeyDeletion', { requestParameters: { keyId: KEY }, errorCode: 'KMSInvalidStateException', errorMessage: `${KEY_ARN} is not pending deletion.` }), 'KMS.1501'],
    ['enable of an unknown key', ct(KMS, 'EnableKey', { requestParameters: { keyId: KEY }, errorCode: 'NotFoundException' }), 'KMS.0207'],
    ['a waiting period outside the range', ct(KMS, 'ScheduleKeyDeletion', { requestParameters: { keyId: KEY, pendingWindowInDays: 3 }, errorCode: 'ValidationException', errorMessage: 'pendingWindowInDays must be between 7 and 30' }), 'KMS.1401'],
    ['an error with no exact equivalent', ct(EC2, 'AttachVolume', { requestParameters: { volumeId: 'v', instanceId: 'i' }, errorCode: 'Client.SomethingNew' }), null],
  ])('a failure: %s', (_name, record, code) => {
    expect(one(record)).toMatchObject({ kind: 'line', result: 'error', error: code });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a read-only EC2 call', ct(EC2, 'DescribeVolumes', { readOnly: true }), 'not-translated'],
    ['a KMS call made by EBS', ct(KMS, 'GenerateDataKeyWithoutPlaintext'), 'not-translated'],
    ['a CreateKey of another service', ct('payment-cryptography.amazonaws.com', 'CreateKey'), 'not-translated'],
    ['RunInstances (creates volumes)', ct(EC2, 'RunInstances'), 'changes-state'],
    ['an AccessDenied', ct(KMS, 'DisableKey', { requestParameters: { keyId: KEY }, errorCode: 'AccessDenied' }), 'not-authorized'],
    ['a dry run', ct(EC2, 'AttachVolume', { requestParameters: { volumeId: 'v', instanceId: 'i' }, errorCode: 'Client.DryRunOperation' }), 'dry-run'],
    ['a server fault', ct(EC2, 'AttachVolume', { requestParameters: { volumeId: 'v', instanceId: 'i' }, errorCode: 'Server.InternalError' }), 'service-fault'],
    ['an unknown instance', ct(EC2, 'AttachVolume', { requestParameters: { volumeId: 'v', instanceId: 'i' }, errorCode: 'Client.InvalidInstanceID.NotFound' }), 'servers-not-modelled'],
    ['a size the service rejects', ct(EC2, 'CreateVolume', { requestParameters: { size: 99999 }, errorCode: 'Client.InvalidParameterValue', errorMessage: 'Volume of 99999GiB is too large' }), 'request-validation'],
  ])('skips %s', (_name, record, reason) => {
    expect(one(record)).toMatchObject({ kind: 'skip', reason });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['CreateVolume without the volume id', ct(EC2, 'CreateVolume', { requestParameters: { size: 8 }, responseElements: { status: 'creating' } }), 'CLI.0404', 'CreateVolume: responseElements.volumeId is missing.'],
    ['AttachVolume without the instance', ct(EC2, 'AttachVolume', { requestParameters: { volumeId: 'v' } }), 'CLI.0404', 'AttachVolume: requestParameters.instanceId is missing.'],
    ['CreateKey without keyMetadata', ct(KMS, 'CreateKey', { responseElements: {} }), 'CLI.0404', 'CreateKey: responseElements.keyMetadata.keyId or responseElements.keyMetadata.arn is missing.'],
    ['a mistyped window', ct(KMS, 'ScheduleKeyDeletion', { requestParameters: { keyId: KEY, pendingWindowInDays: 'soon' } }), 'CLI.0404', 'ScheduleKeyDeletion: requestParameters.pendingWindowInDays must be a whole number, got "soon".'],
    ['a bad eventTime', ct(KMS, 'DisableKey', { eventTime: 'yesterday', requestParameters: { keyId: KEY } }), 'CLI.0406', 'DisableKey: eventTime must be an ISO 8601 UTC timestamp, got "yesterday".'],
    ['not a CloudTrail record', { seq: 1, op: 'createKey', key: 'k1', result: 'ok' }, 'CLI.0403', 'not a CloudTrail record'],
  ])('a malformed record is unreadable: %s', (_name, record, code, message) => {
    const t = one(record);
    expect(t).toMatchObject({ kind: 'bad', code });
    expect(t.kind === 'bad' ? t.message : '').toContain(message);
  });

  it('unwraps lookup-events output (CloudTrailEvent as a JSON string) and reads the account for the grant', () => {
    const inner = ct(EC2, 'AttachVolume', { recipientAccountId: '111122223333' });
    const wrapped = { EventId: 'e', EventName: 'AttachVolume', CloudTrailEvent: JSON.stringify(inner) };
    const unwrapped = CLOUDTRAIL_FORMAT.unwrap(wrapped);
    expect(unwrapped).toEqual(inner);
    expect(typeof unwrapped === 'string' ? null : CLOUDTRAIL_FORMAT.projectOf(unwrapped)).toBe('111122223333');
    expect(CLOUDTRAIL_FORMAT.unwrap({ CloudTrailEvent: '{not json' })).toMatch(/^CloudTrailEvent is not valid JSON/);
  });
});
