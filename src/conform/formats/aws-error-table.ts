import type { LogOpName } from '../log-line.ts';
import type { FailureCause } from './failure-codes.ts';
import type { SkipReason } from './trail-format.ts';

/**
 * AWS error codes (CloudTrail `errorCode`) → why the operation failed, or why
 * the record is not the model's business (skipped). EC2 writes its codes
 * with a `Client.`/`Server.` prefix (`Client.InvalidVolume.NotFound`), KMS
 * without (`NotFoundException`); the prefix is stripped before the lookup,
 * and every `Server.` code is a service fault. Rows are tried in order; a
 * row may be limited to some operations and to messages matching a pattern.
 * A code in no row is `unspecified`: kept as a refusal without a code.
 */
export type AwsOutcome = { readonly kind: 'cause'; readonly cause: FailureCause } | { readonly kind: 'skip'; readonly reason: SkipReason };

interface AwsRow {
  readonly codes: readonly string[];
  readonly ops?: readonly LogOpName[];
  readonly message?: RegExp;
  readonly outcome: AwsOutcome;
}

const cause = (c: FailureCause): AwsOutcome => ({ kind: 'cause', cause: c });
const skip = (reason: SkipReason): AwsOutcome => ({ kind: 'skip', reason });

const DISK_CREATES: readonly LogOpName[] = ['createDisk', 'createDiskFromSnapshot'];
const KEY_USERS: readonly LogOpName[] = ['attachDisk', 'createDisk', 'createDiskFromSnapshot'];
const KMS_STATE_ERRORS = ['KMSInvalidStateException', 'KMS.KMSInvalidStateException', 'InvalidKMSKey.InvalidState', 'DisabledException', 'KMS.DisabledException'];

export const AWS_ERROR_TABLE: readonly AwsRow[] = [
  // Not the model's business: nothing happened, or it was refused before the service looked at the volume or key.
  { codes: ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthFailure', 'UnrecognizedClientException', 'InvalidClientTokenId', 'ExpiredToken', 'ExpiredTokenException', 'OptInRequired', 'Blocked'], outcome: skip('not-authorized') },
  { codes: ['DryRunOperation'], outcome: skip('dry-run') },
  { codes: ['RequestLimitExceeded', 'ThrottlingException', 'Throttling'], outcome: skip('throttled') },
  { codes: ['InternalError', 'InternalFailure', 'ServiceUnavailable', 'Unavailable', 'KMSInternalException', 'DependencyTimeoutException', 'InsufficientVolumeCapacity'], outcome: skip('service-fault') },
  { codes: ['LimitExceededException', 'VolumeLimitExceeded', 'SnapshotLimitExceeded', 'MaxIOPSLimitExceeded', 'VolumeIOPSLimit', 'AttachmentLimitExceeded'], outcome: skip('quota') },
  { codes: ['InvalidInstanceID.NotFound', 'InvalidInstanceID.Malformed', 'InvalidInstanceID', 'IncorrectInstanceState'], outcome: skip('servers-not-modelled') },
  // The key.
  { codes: ['CustomerKeyHasBeenRevoked'], outcome: cause('keyUnusable') },
  { codes: ['NotFoundException', 'KMS.NotFoundException', 'InvalidKMSKey.NotFound', 'InvalidArnException', 'KMS.InvalidArnException'], outcome: cause('keyNotFound') },
  { codes: KMS_STATE_ERRORS, message: /not pending deletion/i, outcome: cause('keyNotPendingDeletion') },
  { codes: KMS_STATE_ERRORS, message: /pending deletion/i, outcome: cause('keyPendingDeletion') },
  { codes: KMS_STATE_ERRORS, message: /disabled/i, outcome: cause('keyDisabled') },
  { codes: KMS_STATE_ERRORS, outcome: cause('keyUnusable') },
  { codes: ['ValidationException'], ops: ['scheduleKeyDeletion'], message: /pendingWindowInDays|waiting period/i, outcome: cause('pendingDaysOutOfRange') },
  // The volume.
  { codes: ['InvalidVolume.NotFound', 'InvalidVolumeID.Malformed'], outcome: cause('diskNotFound') },
  { codes: ['InvalidSnapshot.NotFound', 'InvalidSnapshotID.Malformed'], outcome: cause('snapshotNotFound') },
  { codes: ['VolumeInUse'], ops: ['attachDisk', 'deleteDisk'], outcome: cause('diskAttached') },
  { codes: ['IncorrectState'], ops: ['detachDisk'], message: /available|not attached|detached/i, outcome: cause('diskNotAttached') },
  { codes: ['IncorrectState'], ops: ['attachDisk', 'deleteDisk'], message: /in-use|already attached/i, outcome: cause('diskAttached') },
  { codes: ['IncorrectState'], ops: KEY_USERS, message: /\bkms\b|\bkey\b/i, outcome: cause('keyUnusable') },
  // Request validation the model does not do (size, zone, volume type, policy), unless it is about the key of a new disk.
  { codes: ['InvalidParameterValue', 'InvalidParameter', 'InvalidParameterCombination'], ops: DISK_CREATES, message: /\bkms\b|\bkey\b/i, outcome: cause('keyNotFound') },
  { codes: ['InvalidParameterValue', 'InvalidParameter', 'InvalidParameterCombination', 'InvalidParameterDependency', 'MissingParameter', 'UnknownParameter', 'ValidationException', 'MalformedPolicyDocumentException', 'TagException', 'InvalidZone.NotFound', 'IdempotentParameterMismatch'], outcome: skip('request-validation') },
];

/** The AWS code without EC2's `Client.` prefix; null for a `Server.` code (a service fault). */
function bareCode(errorCode: string): string | null {
  if (errorCode.startsWith('Server.')) return null;
  return errorCode.startsWith('Client.') ? errorCode.slice('Client.'.length) : errorCode;
}

/** Why `op` failed with `errorCode` (and `errorMessage`), or why the record is skipped. */
export function classifyAwsError(op: LogOpName, errorCode: string, errorMessage: string | null): AwsOutcome {
  const code = bareCode(errorCode);
  if (code === null) return skip('service-fault');
  for (const row of AWS_ERROR_TABLE) {
    if (!row.codes.includes(code)) continue;
    if (row.ops && !row.ops.includes(op)) continue;
    if (row.message && !row.message.test(errorMessage ?? '')) continue;
    return row.outcome;
  }
  return cause('unspecified');
}
