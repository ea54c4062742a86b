/**
 * The KMS of the reference implementation: CMK lifecycle (enabled, disabled,
 * pendingDeletion, deleted), the evs/default key, and data keys wrapped under
 * CMKs whose material is wrapped under the root key (src/hsm).
 */
export { Kms } from './kms.ts';
export type { DataKey, EncryptionContext, EvsAccessGrant, GrantActor, KeyInfo, KeyState, KmsOptions } from './kms-types.ts';
export { DATA_KEY_BYTES, DEFAULT_KEY_ALIAS, KEY_STATES, MAX_PENDING_DAYS, MIN_PENDING_DAYS } from './kms-types.ts';
