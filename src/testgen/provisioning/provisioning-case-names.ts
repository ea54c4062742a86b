import type { ProvisioningCase } from '../../../models/provisioning/enumerate-cases.ts';
import type { KeyName, ProvisioningDecision, ProvisioningRequest } from '../../../models/provisioning/provisioning-request.ts';

/**
 * Stable ids and readable titles for the enumerated provisioning cases:
 * `prov-<kind>-<n>` (n counts the cases of that kind in enumeration order,
 * from 1) and `[T3-FROM-BACKUP] disk from encrypted backup (cmk-1) →
 * unencrypted (SATA): allowed, unencrypted, data preserved`.
 */
export interface IdentifiedProvisioningCase extends ProvisioningCase {
  readonly id: string;
  readonly title: string;
}

/** `table3.from-backup` → `T3-FROM-BACKUP`. */
export function ruleTag(rule: string): string {
  return rule.replace(/^table(\d)\./, 'T$1-').replace(/[.]/g, '-').toUpperCase();
}

const attr = (encrypted: boolean, key: KeyName | null): string => (encrypted ? `encrypted (${key ?? '?'})` : 'unencrypted');

function choice(r: { encrypted: boolean; key?: KeyName }): string {
  if (!r.encrypted) return 'unencrypted';
  return r.key === undefined ? 'encrypted, no key named' : `encrypted with ${r.key}`;
}

const asking = (r: boolean | undefined): string => (r === undefined ? '' : `, asking for ${r ? 'encrypted' : 'unencrypted'}`);
const typed = (t: string | undefined): string => (t === undefined ? '' : ` (${t})`);

/** The request in words. */
export function describeRequest(r: ProvisioningRequest): string {
  switch (r.kind) {
    case 'systemDiskFromImage':
      return `system disk of a new server from ${attr(r.imageEncrypted, r.imageKey)} image${typed(r.diskType)}`;
    case 'dataDiskWithServer':
      return `data disk created with a server → ${choice(r)}${typed(r.diskType)}`;
    case 'emptyDisk':
      return `empty disk → ${choice(r)}${typed(r.diskType)}`;
    case 'diskFromBackup':
      return `disk from ${attr(r.backupEncrypted, r.backupKey)} backup → ${choice(r)}${typed(r.diskType)}`;
    case 'backupOfDisk':
      return `backup of ${attr(r.diskEncrypted, r.diskKey)} disk`;
    case 'diskFromSnapshot':
      return `disk from ${attr(r.snapshotEncrypted, r.snapshotKey)} snapshot${asking(r.requestedEncrypted)}${typed(r.diskType)}`;
    case 'diskFromImage':
      return `data disk from ${attr(r.imageEncrypted, r.imageKey)} image${asking(r.requestedEncrypted)}${typed(r.diskType)}`;
    case 'snapshotOfDisk':
      return `snapshot of ${attr(r.diskEncrypted, r.diskKey)} disk`;
    case 'imageOfDisk':
      return `image of ${attr(r.diskEncrypted, r.diskKey)} disk`;
    case 'replicateImage':
      return `replicate ${attr(r.imageEncrypted, r.imageKey)} image ${r.sameRegion ? 'within its region' : 'to another region'}`;
    case 'exportImage':
      return `export ${attr(r.imageEncrypted, r.imageKey)} image`;
    case 'changeImageEncryption':
      return `change ${attr(r.imageEncrypted, r.imageKey)} image to ${r.toEncrypted ? 'encrypted' : 'unencrypted'}`;
    case 'changeDiskEncryption':
      return `change ${attr(r.diskEncrypted, r.diskKey)} disk to ${r.toEncrypted ? (r.toKey === undefined ? 'encrypted' : `encrypted with ${r.toKey}`) : 'unencrypted'}`;
    case 'grantAgency':
      return `grant the EVS agency ${r.securityAdministrator ? 'as a security administrator' : 'without the security administrator permission'}`;
    case 'createEncryptedDisk':
      return `encrypted ${r.diskType} disk${r.key === undefined ? '' : ` with ${r.key}`} ${r.agencyExists ? 'once the agency exists' : 'before the agency exists'}`;
  }
}

/** Whether an allowed request of this kind produces data the executor checks byte for byte. */
function movesData(kind: ProvisioningRequest['kind']): boolean {
  return kind !== 'grantAgency' && kind !== 'changeDiskEncryption' && kind !== 'changeImageEncryption';
}

/** The expected decision in words. */
export function describeExpectation(request: ProvisioningRequest, expected: ProvisioningDecision): string {
  if (!expected.allowed) return `refused ${expected.code}`;
  if (request.kind === 'grantAgency') return `allowed, ${expected.key ?? '?'} created`;
  const data = movesData(request.kind) ? ', data preserved' : '';
  return `allowed, ${attr(expected.encrypted, expected.key)}${data}`;
}

export function titleOf(c: ProvisioningCase): string {
  return `[${ruleTag(c.expected.rule)}] ${describeRequest(c.request)}: ${describeExpectation(c.request, c.expected)}`;
}

/** Gives every case its id and title, in enumeration order. */
export function identifyCases(cases: readonly ProvisioningCase[]): IdentifiedProvisioningCase[] {
  const perKind = new Map<string, number>();
  return cases.map((c) => {
    const n = (perKind.get(c.request.kind) ?? 0) + 1;
    perKind.set(c.request.kind, n);
    return { ...c, id: `prov-${c.request.kind}-${n}`, title: titleOf(c) };
  });
}
