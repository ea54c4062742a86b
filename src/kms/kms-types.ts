import type { Clock } from '../clock/clock.ts';
import type { RootKey } from '../hsm/root-key.ts';
import type { RandomSource } from '../rng/random-source.ts';
import type { Db } from '../store/database.ts';

/**
 * Key states, in the vocabulary of docs/CONTRACTS.md. `deleted` is the
 * tombstone left once the waiting period of a scheduled deletion has elapsed:
 * the key material is destroyed and the key can never be used again.
 */
export type KeyState = 'enabled' | 'disabled' | 'pendingDeletion' | 'deleted';

export const KEY_STATES: readonly KeyState[] = ['enabled', 'disabled', 'pendingDeletion', 'deleted'];

export interface KeyInfo {
  keyId: string;
  alias: string;
  project: string;
  state: KeyState;
  /** True for the service default key `evs/default`. */
  isDefault: boolean;
  /** Milliseconds since the epoch (injected clock). */
  createdAt: number;
  /** When pendingDeletion: the instant the key is deleted; when deleted: the instant it was; otherwise null. */
  deletionDate: number | null;
}

/** A data key (DK) for XTS-AES-256: 64 bytes, two different 32-byte halves. */
export interface DataKey {
  /** Plaintext DK; the caller keeps it in memory only and zeroes it when done. */
  plaintext: Buffer;
  /** The DK wrapped under the CMK, bound to the CMK id and the encryption context. Safe to store. */
  wrapped: Buffer;
}

/** Non-secret, authenticated context of a DK, e.g. `{ diskId: 'disk-1' }`; must match at decryption. */
export type EncryptionContext = Readonly<Record<string, string>>;

export interface KmsOptions {
  db: Db;
  clock: Clock;
  random: RandomSource;
  rootKey: RootKey;
}

/** Who asks to grant KMS access to EVS (create the agency). */
export interface GrantActor {
  securityAdministrator: boolean;
}

export interface EvsAccessGrant {
  project: string;
  grantedAt: number;
  defaultKeyId: string;
}

export const DEFAULT_KEY_ALIAS = 'evs/default';
export const DATA_KEY_BYTES = 64;
export const CMK_MATERIAL_BYTES = 32;
export const MIN_PENDING_DAYS = 7;
export const MAX_PENDING_DAYS = 1096;
