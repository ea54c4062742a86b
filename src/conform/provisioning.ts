import { decideProvisioning } from '../../models/provisioning/decide-provisioning.ts';
import { DEFAULT_KEY, type ProvisioningDecision } from '../../models/provisioning/provisioning-request.ts';
import type { Attribute } from './monitor-state.ts';

/**
 * The one place where conform asks the provisioning rules (Tables 2-4,
 * `models/provisioning`) about copies and disks created from them. Each
 * function takes attributes as the monitor keeps them and returns the
 * model's decision. The composed system model (`stepSystem`) then decides
 * the agency and the key's state for the disk that gets created.
 */
export type { ProvisioningDecision };

const keyOf = (a: Attribute): string => a.key ?? DEFAULT_KEY;
const diskSource = (a: Attribute) => (a.encrypted ? { diskEncrypted: true as const, diskKey: keyOf(a) } : { diskEncrypted: false as const, diskKey: null });
const snapshotSource = (a: Attribute) =>
  a.encrypted ? { snapshotEncrypted: true as const, snapshotKey: keyOf(a) } : { snapshotEncrypted: false as const, snapshotKey: null };
const imageSource = (a: Attribute) => (a.encrypted ? { imageEncrypted: true as const, imageKey: keyOf(a) } : { imageEncrypted: false as const, imageKey: null });
const backupSource = (a: Attribute) =>
  a.encrypted ? { backupEncrypted: true as const, backupKey: keyOf(a) } : { backupEncrypted: false as const, backupKey: null };
const choice = (encrypted: boolean, key: string | null) => (encrypted ? (key === null ? { encrypted: true as const } : { encrypted: true as const, key }) : { encrypted: false as const });
const requestedOf = (r: boolean | null) => (r === null ? {} : { requestedEncrypted: r });

export const provisioning = {
  emptyDisk: (encrypted: boolean, key: string | null): ProvisioningDecision => decideProvisioning({ kind: 'emptyDisk', ...choice(encrypted, key) }),
  snapshotOf: (disk: Attribute): ProvisioningDecision => decideProvisioning({ kind: 'snapshotOfDisk', ...diskSource(disk) }),
  backupOf: (disk: Attribute): ProvisioningDecision => decideProvisioning({ kind: 'backupOfDisk', ...diskSource(disk) }),
  imageOf: (disk: Attribute): ProvisioningDecision => decideProvisioning({ kind: 'imageOfDisk', ...diskSource(disk) }),
  diskFromSnapshot: (snapshot: Attribute, requested: boolean | null): ProvisioningDecision =>
    decideProvisioning({ kind: 'diskFromSnapshot', ...snapshotSource(snapshot), ...requestedOf(requested) }),
  diskFromImage: (image: Attribute, requested: boolean | null): ProvisioningDecision =>
    decideProvisioning({ kind: 'diskFromImage', ...imageSource(image), ...requestedOf(requested) }),
  diskFromBackup: (backup: Attribute, encrypted: boolean, key: string | null): ProvisioningDecision =>
    decideProvisioning({ kind: 'diskFromBackup', ...backupSource(backup), ...choice(encrypted, key) }),
  /** The log names only the target region; replication is judged as going to another region. */
  replicate: (image: Attribute): ProvisioningDecision => decideProvisioning({ kind: 'replicateImage', sameRegion: false, ...imageSource(image) }),
  exportImage: (image: Attribute): ProvisioningDecision => decideProvisioning({ kind: 'exportImage', ...imageSource(image) }),
} as const;

/** The attribute a decision gives the created thing (for an allowed decision). */
export function attributeOf(d: ProvisioningDecision & { allowed: true }): Attribute {
  return { encrypted: d.encrypted, key: d.encrypted ? d.key : null };
}
