import { requirements } from '../requirements/catalog.ts';
import type { RequirementId } from '../requirements/requirement.ts';
import { decideProvisioning } from './decide-provisioning.ts';
import { DEFAULT_KEY, DISK_CREATING_KINDS, DISK_TYPES } from './provisioning-request.ts';
import type {
  BackupSource,
  DiskSource,
  EncryptionChoice,
  ImageSource,
  KeyName,
  ProvisioningDecision,
  ProvisioningRequest,
  SnapshotSource,
} from './provisioning-request.ts';
import type { ProvisioningRuleId } from './rule-ids.ts';

export interface ProvisioningCase {
  readonly request: ProvisioningRequest;
  readonly expected: ProvisioningDecision;
  readonly requirementIds: readonly RequirementId[];
}

/** The keys the enumeration uses: the default key and one customer master key. */
export const CASE_KEYS: readonly KeyName[] = [DEFAULT_KEY, 'cmk-1'];

const imageSources: readonly ImageSource[] = [
  { imageEncrypted: false, imageKey: null },
  ...CASE_KEYS.map((k): ImageSource => ({ imageEncrypted: true, imageKey: k })),
];
const snapshotSources: readonly SnapshotSource[] = [
  { snapshotEncrypted: false, snapshotKey: null },
  ...CASE_KEYS.map((k): SnapshotSource => ({ snapshotEncrypted: true, snapshotKey: k })),
];
const backupSources: readonly BackupSource[] = [
  { backupEncrypted: false, backupKey: null },
  ...CASE_KEYS.map((k): BackupSource => ({ backupEncrypted: true, backupKey: k })),
];
const diskSources: readonly DiskSource[] = [
  { diskEncrypted: false, diskKey: null },
  ...CASE_KEYS.map((k): DiskSource => ({ diskEncrypted: true, diskKey: k })),
];
const choices: readonly EncryptionChoice[] = [
  { encrypted: false },
  { encrypted: true },
  ...CASE_KEYS.map((k): EncryptionChoice => ({ encrypted: true, key: k })),
];
const requested: readonly (boolean | undefined)[] = [undefined, true, false];
const booleans: readonly boolean[] = [false, true];

/** Every request the enumeration covers, kind by kind (disk-creating kinds once per disk type). */
function allRequests(): ProvisioningRequest[] {
  const out: ProvisioningRequest[] = [];
  for (const diskType of DISK_TYPES) {
    for (const s of imageSources) out.push({ kind: 'systemDiskFromImage', diskType, ...s });
    for (const c of choices) out.push({ kind: 'dataDiskWithServer', diskType, ...c }, { kind: 'emptyDisk', diskType, ...c });
    for (const b of backupSources) for (const c of choices) out.push({ kind: 'diskFromBackup', diskType, ...b, ...c });
    for (const r of requested) {
      for (const s of snapshotSources) out.push({ kind: 'diskFromSnapshot', diskType, ...s, ...(r === undefined ? {} : { requestedEncrypted: r }) });
      for (const s of imageSources) out.push({ kind: 'diskFromImage', diskType, ...s, ...(r === undefined ? {} : { requestedEncrypted: r }) });
    }
    for (const agencyExists of booleans) {
      out.push({ kind: 'createEncryptedDisk', agencyExists, diskType });
      for (const key of CASE_KEYS) out.push({ kind: 'createEncryptedDisk', agencyExists, diskType, key });
    }
  }
  for (const d of diskSources) {
    out.push({ kind: 'backupOfDisk', ...d }, { kind: 'snapshotOfDisk', ...d }, { kind: 'imageOfDisk', ...d });
    out.push({ kind: 'changeDiskEncryption', ...d, toEncrypted: false }, { kind: 'changeDiskEncryption', ...d, toEncrypted: true });
    for (const toKey of CASE_KEYS) out.push({ kind: 'changeDiskEncryption', ...d, toEncrypted: true, toKey });
  }
  for (const s of imageSources) {
    out.push({ kind: 'exportImage', ...s });
    for (const b of booleans) out.push({ kind: 'replicateImage', ...s, sameRegion: b }, { kind: 'changeImageEncryption', ...s, toEncrypted: b });
  }
  for (const b of booleans) out.push({ kind: 'grantAgency', securityAdministrator: b });
  return out;
}

function requirementsForRule(rule: ProvisioningRuleId): RequirementId[] {
  return requirements.filter((r) => r.constrains.some((c) => c.kind === 'rule' && c.rule === rule)).map((r) => r.id);
}

/**
 * Every combination of request kind, source attribute, key, requested
 * attribute and disk type, with the decision the seed's tables give and the
 * requirements behind it (those constraining the deciding rule, plus the
 * all-disk-types requirements for every encrypted disk created).
 * This is what test generation runs against the implementation.
 */
export function enumerateProvisioningCases(): ProvisioningCase[] {
  return allRequests().map((request) => {
    const expected = decideProvisioning(request);
    const ids = new Set<RequirementId>(requirementsForRule(expected.rule));
    if (expected.allowed && expected.encrypted && DISK_CREATING_KINDS.includes(request.kind)) {
      for (const id of requirementsForRule('table4.all-disk-types')) ids.add(id);
    }
    return { request, expected, requirementIds: [...ids] };
  });
}
