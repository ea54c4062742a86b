import {
  badPendingDays,
  defaultKeyRefused,
  invalidArgument,
  keyAlreadyPending,
  keyDeleted,
  keyDisabled,
  keyNotDisabled,
  keyNotEnabled,
  keyNotPending,
  keyPendingDeletion,
  type KmsOperation,
} from './kms-errors.ts';
import type { KeyInfo, KeyState } from './kms-types.ts';
import { DEFAULT_KEY_ALIAS, MAX_PENDING_DAYS, MIN_PENDING_DAYS } from './kms-types.ts';

/**
 * The rules of the key lifecycle, as pure functions: given a key, either the
 * next state or the error. Checked in this order: deleted (KMS.0207), default
 * key (KMS.0211), then the state.
 *
 *   operation            enabled    disabled   pendingDeletion   deleted
 *   enableKey            KMS.1201   enabled    KMS.0210          KMS.0207
 *   disableKey           disabled   KMS.1301   KMS.0210          KMS.0207
 *   scheduleKeyDeletion  pending    pending    KMS.1402          KMS.0207
 *   cancelKeyDeletion    KMS.1501   KMS.1501   disabled          KMS.0207
 *   use (DK operations)  ok         KMS.0209   KMS.0210          KMS.0207
 *
 * Enabling or disabling a key pending deletion is refused with KMS.0210, as
 * in the KMS APIs (AWS: KMSInvalidStateException "is pending deletion"): the
 * deletion must be cancelled first. Every state change of a default key,
 * including cancelKeyDeletion, is KMS.0211.
 */
export type Transition = 'enableKey' | 'disableKey' | 'scheduleKeyDeletion' | 'cancelKeyDeletion';

export function nextState(key: KeyInfo, op: Transition): Exclude<KeyState, 'deleted'> {
  if (key.state === 'deleted') throw keyDeleted(key, op);
  if (key.isDefault) throw defaultKeyRefused(key, op);
  switch (op) {
    case 'enableKey':
      if (key.state === 'disabled') return 'enabled';
      throw key.state === 'pendingDeletion' ? keyPendingDeletion(key, op) : keyNotDisabled(key);
    case 'disableKey':
      if (key.state === 'enabled') return 'disabled';
      throw key.state === 'pendingDeletion' ? keyPendingDeletion(key, op) : keyNotEnabled(key);
    case 'scheduleKeyDeletion':
      if (key.state === 'pendingDeletion') throw keyAlreadyPending(key);
      return 'pendingDeletion';
    case 'cancelKeyDeletion':
      if (key.state === 'pendingDeletion') return 'disabled';
      throw keyNotPending(key);
    default:
      return unreachable(op);
  }
}

/** Data-key operations need an enabled key. */
export function assertUsable(key: KeyInfo, op: KmsOperation): void {
  switch (key.state) {
    case 'enabled':
      return;
    case 'disabled':
      throw keyDisabled(key, op);
    case 'pendingDeletion':
      throw keyPendingDeletion(key, op);
    case 'deleted':
      throw keyDeleted(key, op);
    default:
      unreachable(key.state);
  }
}

/** A whole number of days in 7..1096; KMS.1401 otherwise (NaN, fractions, strings included). */
export function checkPendingDays(days: unknown): number {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < MIN_PENDING_DAYS || days > MAX_PENDING_DAYS) throw badPendingDays(days);
  return days;
}

const ALIAS_PATTERN = /^[a-zA-Z0-9:/_-]{1,255}$/;

/**
 * Alias rules of the KMS create-key API: 1 to 255 characters of
 * `[a-zA-Z0-9:/_-]`; aliases ending in `/default` (and the bare `default`)
 * are reserved for the service default keys such as evs/default.
 */
export function checkAlias(alias: unknown): string {
  if (typeof alias !== 'string' || !ALIAS_PATTERN.test(alias)) {
    throw invalidArgument(
      `the alias ${JSON.stringify(alias)} is invalid: it must be 1 to 255 characters of letters, digits, ':', '/', '_' and '-'.`,
      'Choose an alias matching ^[a-zA-Z0-9:/_-]{1,255}$, for example "disk-keys/finance".',
      { alias: typeof alias === 'string' ? alias : String(alias) },
    );
  }
  if (alias === 'default' || alias.endsWith('/default')) {
    throw invalidArgument(
      `the alias "${alias}" is reserved: aliases ending in /default (such as ${DEFAULT_KEY_ALIAS}) belong to the service default keys.`,
      `Choose another alias; ${DEFAULT_KEY_ALIAS} itself is created by grantEvsAccess.`,
      { alias },
    );
  }
  return alias;
}

const PROJECT_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function checkProject(project: unknown): string {
  if (typeof project !== 'string' || !PROJECT_PATTERN.test(project)) {
    throw invalidArgument(
      `the project id ${JSON.stringify(project)} is invalid: it must be 1 to 128 characters of letters, digits, '.', '_', ':' and '-'.`,
      'Pass the project id, e.g. "project-a".',
      { project: typeof project === 'string' ? project : String(project) },
    );
  }
  return project;
}

function unreachable(x: never): never {
  throw new Error(`unreachable: ${String(x)}`);
}

/** A key id or alias argument: a non-empty string of at most 255 characters; KMS.0401 otherwise. */
export function checkKeyRef(ref: unknown): string {
  if (typeof ref !== 'string' || ref.length === 0 || ref.length > 255) {
    throw invalidArgument(
      `the key reference ${JSON.stringify(ref)} is invalid: pass a key id (or, for describeKey, an alias).`,
      'Pass the keyId returned by createKey, grantEvsAccess or listKeys.',
      { keyId: typeof ref === 'string' ? ref : String(ref) },
    );
  }
  return ref;
}
