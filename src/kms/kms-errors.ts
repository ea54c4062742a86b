import { WorkbenchError } from '../errors/workbench-error.ts';
import type { KeyInfo } from './kms-types.ts';
import { MAX_PENDING_DAYS, MIN_PENDING_DAYS } from './kms-types.ts';

/**
 * The KMS's errors (codes of docs/CONTRACTS.md). Each message names the key,
 * its state and the operation; each fix names the next step.
 */
export type KmsOperation =
  | 'enableKey'
  | 'disableKey'
  | 'scheduleKeyDeletion'
  | 'cancelKeyDeletion'
  | 'generateDataKey'
  | 'encryptDataKey'
  | 'decryptDataKey';

function name(key: KeyInfo): string {
  return `key ${key.keyId} ("${key.alias}", project ${key.project})`;
}

function iso(ms: number | null): string {
  return ms === null ? 'unknown' : new Date(ms).toISOString();
}

function keyData(key: KeyInfo, operation: string): Record<string, unknown> {
  return { keyId: key.keyId, alias: key.alias, project: key.project, state: key.state, deletionDate: key.deletionDate, operation };
}

export function keyNotFound(ref: string, project: string | undefined, operation: string): WorkbenchError {
  return new WorkbenchError({
    code: 'KMS.0207',
    message: `key ${ref} does not exist${project === undefined ? '' : ` in project ${project}`} (${operation}).`,
    fix: 'Check the key id or alias with listKeys, or create a key with createKey.',
    data: { keyId: ref, project: project ?? null, state: null, operation },
  });
}

export function keyDeleted(key: KeyInfo, operation: string): WorkbenchError {
  return new WorkbenchError({
    code: 'KMS.0207',
    message: `${name(key)} was deleted on ${iso(key.deletionDate)} when its waiting period ended; its material is destroyed (${operation}).`,
    fix: 'Nothing can restore a deleted key: data encrypted under it can never be decrypted. Use another key for new data.',
    data: keyData(key, operation),
  });
}

export function keyDisabled(key: KeyInfo, operation: KmsOperation): WorkbenchError {
  return new WorkbenchError({
    code: 'KMS.0209',
    message: `${name(key)} is disabled, so ${operation} cannot use it.`,
    fix: `Enable it with enableKey("${key.keyId}") before using it.`,
    data: keyData(key, operation),
  });
}

export function keyPendingDeletion(key: KeyInfo, operation: KmsOperation): WorkbenchError {
  return new WorkbenchError({
    code: 'KMS.0210',
    message: `${name(key)} is scheduled for deletion on ${iso(key.deletionDate)}, so ${operation} is refused.`,
    fix: `Cancel the deletion with cancelKeyDeletion("${key.keyId}") before ${iso(key.deletionDate)} (the key is then disabled), then enable it with enableKey.`,
    data: keyData(key, operation),
  });
}

export function defaultKeyRefused(key: KeyInfo, operation: KmsOperation): WorkbenchError {
  return new WorkbenchError({
    code: 'KMS.0211',
    message: `${name(key)} is a default master key; ${operation} is not allowed on it (it can be neither disabled nor scheduled for deletion).`,
    fix: 'Use a customer master key (createKey) if you need to control its state.',
    data: keyData(key, operation),
  });
}

export function keyNotDisabled(key: KeyInfo): WorkbenchError {
  return new WorkbenchError({
    code: 'KMS.1201',
    message: `${name(key)} is ${key.state}, not disabled, so enableKey has nothing to do.`,
    fix: 'Only a disabled key can be enabled; check the state with describeKey.',
    data: keyData(key, 'enableKey'),
  });
}

export function keyNotEnabled(key: KeyInfo): WorkbenchError {
  return new WorkbenchError({
    code: 'KMS.1301',
    message: `${name(key)} is ${key.state}, not enabled, so disableKey has nothing to do.`,
    fix: 'Only an enabled key can be disabled; check the state with describeKey.',
    data: keyData(key, 'disableKey'),
  });
}

export function badPendingDays(days: unknown): WorkbenchError {
  return new WorkbenchError({
    code: 'KMS.1401',
    message: `the waiting period of a scheduled deletion must be a whole number of days from ${MIN_PENDING_DAYS} to ${MAX_PENDING_DAYS}; got ${String(days)}.`,
    fix: `Pass an integer number of days between ${MIN_PENDING_DAYS} and ${MAX_PENDING_DAYS}.`,
    data: { pendingDays: typeof days === 'number' ? days : String(days) },
  });
}

export function keyAlreadyPending(key: KeyInfo): WorkbenchError {
  return new WorkbenchError({
    code: 'KMS.1402',
    message: `${name(key)} is already scheduled for deletion on ${iso(key.deletionDate)}.`,
    fix: 'To change the date, cancel the deletion with cancelKeyDeletion and schedule it again.',
    data: keyData(key, 'scheduleKeyDeletion'),
  });
}

export function keyNotPending(key: KeyInfo): WorkbenchError {
  return new WorkbenchError({
    code: 'KMS.1501',
    message: `${name(key)} is ${key.state}, not scheduled for deletion, so there is no deletion to cancel.`,
    fix: 'Check the state with describeKey; cancelKeyDeletion applies only to keys pending deletion.',
    data: keyData(key, 'cancelKeyDeletion'),
  });
}

export function dataKeyUnwrapRefused(key: KeyInfo, reason: string): WorkbenchError {
  return new WorkbenchError({
    code: 'KMS.0301',
    message: `the wrapped data key cannot be decrypted under ${name(key)}: ${reason}.`,
    fix: 'Pass the wrapped value exactly as returned, the key that wrapped it, and the same encryption context (e.g. the same disk id) used at generateDataKey or encryptDataKey.',
    data: { keyId: key.keyId, reason },
  });
}

export function invalidArgument(message: string, fix: string, data: Record<string, unknown>): WorkbenchError {
  return new WorkbenchError({ code: 'KMS.0401', message, fix, data });
}

export function evsAccessNotGranted(project: string): WorkbenchError {
  return new WorkbenchError({
    code: 'EVS.1201',
    message: `KMS access has not been granted to EVS in project ${project} (no agency), so there is no evs/default key yet.`,
    fix: 'Ask a user with the Security Administrator permission to grant KMS access to EVS (grantEvsAccess) in this project.',
    data: { project },
  });
}

export function notSecurityAdministrator(project: string): WorkbenchError {
  return new WorkbenchError({
    code: 'EVS.1202',
    message: `granting KMS access to EVS in project ${project} needs the Security Administrator permission, which this user lacks.`,
    fix: 'Ask a user with the Security Administrator permission to grant the access, or have the account administrator give you that permission.',
    data: { project },
  });
}

export function rootKeyMismatch(key: KeyInfo, storedRootKeyId: string, openedRootKeyId: string): WorkbenchError {
  return new WorkbenchError({
    code: 'HSM.0002',
    message: `the material of ${name(key)} is wrapped under root key ${storedRootKeyId}, but the KMS was opened with root key ${openedRootKeyId}.`,
    fix: `Open the KMS with root key ${storedRootKeyId} (the same root-key.bin, or the same HSM token and key label).`,
    data: { keyId: key.keyId, storedRootKeyId, openedRootKeyId },
  });
}

export function duplicateAlias(alias: string, project: string, existingKeyId: string): WorkbenchError {
  return invalidArgument(
    `the alias "${alias}" already names key ${existingKeyId} in project ${project}.`,
    'Choose another alias, or use the existing key.',
    { alias, project, keyId: existingKeyId },
  );
}

export function ambiguousAlias(alias: string, projects: readonly string[]): WorkbenchError {
  return invalidArgument(
    `the alias "${alias}" names keys in several projects (${projects.join(', ')}).`,
    'Pass the project to describeKey, or use the key id.',
    { alias, projects: [...projects] },
  );
}
