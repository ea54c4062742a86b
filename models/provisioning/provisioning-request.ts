import type { ProvisioningRuleId } from './rule-ids.ts';

/**
 * Requests that create or change disks, snapshots, backups and images, and the
 * decisions Tables 2, 3 and 4 of the seed give for them.
 *
 * Every key named is assumed to exist and be enabled, and (except in
 * `createEncryptedDisk` and `grantAgency`) the agency is assumed to exist: key
 * states and the agency are the composed system's business (EVS.2002,
 * EVS.1201), not these tables'. Encrypted sources always carry their key and
 * unencrypted ones never do, so inconsistent requests cannot be written.
 */

/** `evs/default` or the name of a customer master key. */
export type KeyName = string;
export const DEFAULT_KEY: KeyName = 'evs/default';

/** The EVS disk types (finding F-ALL-DISK-TYPES). */
export const DISK_TYPES = ['SATA', 'SAS', 'GPSSD', 'SSD', 'ESSD'] as const;
export type DiskType = (typeof DISK_TYPES)[number];

/** The user's encryption choice for a new disk: a key may be named only when encrypting. */
export type EncryptionChoice = { readonly encrypted: true; readonly key?: KeyName } | { readonly encrypted: false };

export type ImageSource =
  | { readonly imageEncrypted: true; readonly imageKey: KeyName }
  | { readonly imageEncrypted: false; readonly imageKey: null };
export type SnapshotSource =
  | { readonly snapshotEncrypted: true; readonly snapshotKey: KeyName }
  | { readonly snapshotEncrypted: false; readonly snapshotKey: null };
export type BackupSource =
  | { readonly backupEncrypted: true; readonly backupKey: KeyName }
  | { readonly backupEncrypted: false; readonly backupKey: null };
export type DiskSource =
  | { readonly diskEncrypted: true; readonly diskKey: KeyName }
  | { readonly diskEncrypted: false; readonly diskKey: null };

type Typed = { readonly diskType?: DiskType };

export type ProvisioningRequest =
  | ({ readonly kind: 'systemDiskFromImage' } & Typed & ImageSource)
  | ({ readonly kind: 'dataDiskWithServer' } & Typed & EncryptionChoice)
  | ({ readonly kind: 'emptyDisk' } & Typed & EncryptionChoice)
  | ({ readonly kind: 'diskFromBackup' } & Typed & BackupSource & EncryptionChoice)
  | ({ readonly kind: 'backupOfDisk' } & DiskSource)
  | ({ readonly kind: 'diskFromSnapshot'; readonly requestedEncrypted?: boolean } & Typed & SnapshotSource)
  | ({ readonly kind: 'diskFromImage'; readonly requestedEncrypted?: boolean } & Typed & ImageSource)
  | ({ readonly kind: 'snapshotOfDisk' } & DiskSource)
  | ({ readonly kind: 'imageOfDisk' } & DiskSource)
  | ({ readonly kind: 'replicateImage'; readonly sameRegion: boolean } & ImageSource)
  | ({ readonly kind: 'exportImage' } & ImageSource)
  | ({ readonly kind: 'changeImageEncryption'; readonly toEncrypted: boolean } & ImageSource)
  | ({ readonly kind: 'changeDiskEncryption'; readonly toEncrypted: boolean; readonly toKey?: KeyName } & DiskSource)
  | { readonly kind: 'grantAgency'; readonly securityAdministrator: boolean }
  | { readonly kind: 'createEncryptedDisk'; readonly agencyExists: boolean; readonly diskType: DiskType; readonly key?: KeyName };

export type ProvisioningRequestKind = ProvisioningRequest['kind'];

export const PROVISIONING_REQUEST_KINDS: readonly ProvisioningRequestKind[] = [
  'systemDiskFromImage',
  'dataDiskWithServer',
  'emptyDisk',
  'diskFromBackup',
  'backupOfDisk',
  'diskFromSnapshot',
  'diskFromImage',
  'snapshotOfDisk',
  'imageOfDisk',
  'replicateImage',
  'exportImage',
  'changeImageEncryption',
  'changeDiskEncryption',
  'grantAgency',
  'createEncryptedDisk',
];

/** The request kinds that create a disk (and so may carry a disk type). */
export const DISK_CREATING_KINDS: readonly ProvisioningRequestKind[] = [
  'systemDiskFromImage',
  'dataDiskWithServer',
  'emptyDisk',
  'diskFromBackup',
  'diskFromSnapshot',
  'diskFromImage',
  'createEncryptedDisk',
];

/** The EVS codes (docs/CONTRACTS.md) these tables refuse with. */
export type ProvisioningRefusalCode = 'EVS.1101' | 'EVS.1201' | 'EVS.1202' | 'EVS.4001' | 'EVS.4002' | 'EVS.4003';

/**
 * The decision for one request. When allowed, `encrypted` and `key` describe
 * the resulting disk, backup, snapshot or image (for `grantAgency`, which
 * creates no such thing: `encrypted` false and `key` the default key it creates).
 */
export type ProvisioningDecision =
  | { readonly allowed: true; readonly encrypted: boolean; readonly key: KeyName | null; readonly rule: ProvisioningRuleId }
  | { readonly allowed: false; readonly code: ProvisioningRefusalCode; readonly rule: ProvisioningRuleId; readonly reason: string };
