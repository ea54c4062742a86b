import { DEFAULT_KEY } from './provisioning-request.ts';
import type {
  EncryptionChoice,
  KeyName,
  ProvisioningDecision,
  ProvisioningRefusalCode,
  ProvisioningRequest,
} from './provisioning-request.ts';
import type { ProvisioningRuleId } from './rule-ids.ts';

function allow(encrypted: boolean, key: KeyName | null, rule: ProvisioningRuleId): ProvisioningDecision {
  return { allowed: true, encrypted, key: encrypted ? key : null, rule };
}

function refuse(code: ProvisioningRefusalCode, rule: ProvisioningRuleId, reason: string): ProvisioningDecision {
  return { allowed: false, code, rule, reason };
}

/** The user's choice, with evs/default when encryption is chosen without a key (F-KEY-WHEN-UNNAMED). */
function chosen(choice: EncryptionChoice, fallbackKey: KeyName, rule: ProvisioningRuleId): ProvisioningDecision {
  return choice.encrypted ? allow(true, choice.key ?? fallbackKey, rule) : allow(false, null, rule);
}

/**
 * A disk from a snapshot or image inherits its attribute and key; asking for
 * the other attribute is refused (F-REQUESTED-CONTRADICTS-SOURCE).
 */
function inherited(
  sourceEncrypted: boolean,
  sourceKey: KeyName | null,
  requested: boolean | undefined,
  rules: { encrypted: ProvisioningRuleId; unencrypted: ProvisioningRuleId },
  what: 'snapshot' | 'image',
): ProvisioningDecision {
  const rule = sourceEncrypted ? rules.encrypted : rules.unencrypted;
  if (requested !== undefined && requested !== sourceEncrypted) {
    return refuse(
      'EVS.1101',
      rule,
      `a disk created from ${sourceEncrypted ? 'an encrypted' : 'an unencrypted'} ${what} is ${sourceEncrypted ? 'encrypted' : 'unencrypted'}; ${requested ? 'encryption' : 'no encryption'} was requested`,
    );
  }
  return allow(sourceEncrypted, sourceKey, rule);
}

function unreachable(x: never): never {
  throw new Error(`unknown provisioning request: ${JSON.stringify(x)}`);
}

/**
 * What Tables 2, 3 and 4 of the seed decide for a request: allowed (with the
 * resulting encryption attribute and key) or refused (with the EVS code of
 * docs/CONTRACTS.md), and the rule that decided. Pure and total.
 */
export function decideProvisioning(request: ProvisioningRequest): ProvisioningDecision {
  switch (request.kind) {
    case 'systemDiskFromImage':
      return request.imageEncrypted
        ? allow(true, request.imageKey, 'table2.encrypted-image')
        : allow(false, null, 'table2.unencrypted-image');
    case 'dataDiskWithServer':
      return chosen(request, DEFAULT_KEY, 'table3.with-server');
    case 'emptyDisk':
      return chosen(request, DEFAULT_KEY, 'table3.empty');
    case 'diskFromBackup':
      return chosen(request, DEFAULT_KEY, 'table3.from-backup');
    case 'backupOfDisk':
      return allow(request.diskEncrypted, request.diskKey, 'table3.backup-inherits-disk');
    case 'diskFromSnapshot':
      return inherited(
        request.snapshotEncrypted,
        request.snapshotKey,
        request.requestedEncrypted,
        { encrypted: 'table3.from-snapshot-encrypted', unencrypted: 'table3.from-snapshot-unencrypted' },
        'snapshot',
      );
    case 'diskFromImage':
      return inherited(
        request.imageEncrypted,
        request.imageKey,
        request.requestedEncrypted,
        { encrypted: 'table3.from-image-encrypted', unencrypted: 'table3.from-image-unencrypted' },
        'image',
      );
    case 'snapshotOfDisk':
      return request.diskEncrypted
        ? allow(true, request.diskKey, 'table3.from-snapshot-encrypted')
        : allow(false, null, 'table3.from-snapshot-unencrypted');
    case 'imageOfDisk':
      return request.diskEncrypted
        ? allow(true, request.diskKey, 'table3.from-image-encrypted')
        : allow(false, null, 'table3.from-image-unencrypted');
    case 'replicateImage':
      if (request.imageEncrypted && !request.sameRegion) {
        return refuse('EVS.4001', 'table4.image-no-replicate', 'an encrypted image cannot be replicated to another region');
      }
      return allow(request.imageEncrypted, request.imageKey, 'table4.image-no-replicate');
    case 'exportImage':
      return request.imageEncrypted
        ? refuse('EVS.4002', 'table4.image-no-export', 'an encrypted image cannot be exported')
        : allow(false, null, 'table4.image-no-export');
    case 'changeImageEncryption':
      if (request.imageEncrypted) {
        return request.toEncrypted
          ? allow(true, request.imageKey, 'table4.image-no-unencrypt')
          : refuse('EVS.4003', 'table4.image-no-unencrypt', 'an encrypted image cannot be changed to an unencrypted one');
      }
      // An image's attribute is fixed when it is created, in both directions (F-IMAGE-ENCRYPT-DIRECTION).
      return request.toEncrypted
        ? refuse('EVS.1101', 'table4.image-no-unencrypt', 'an unencrypted image cannot be changed to an encrypted one: its attribute is fixed at creation')
        : allow(false, null, 'table4.image-no-unencrypt');
    case 'changeDiskEncryption': {
      // Asking for the attribute the disk already has changes nothing, so nothing forbids it (as for images).
      const sameKey = request.toKey === undefined || request.toKey === request.diskKey;
      if (request.toEncrypted === request.diskEncrypted && (!request.toEncrypted || sameKey)) {
        return allow(request.diskEncrypted, request.diskEncrypted ? request.diskKey : null, 'table4.immutable');
      }
      return refuse(
        'EVS.1101',
        'table4.immutable',
        `the encryption attribute of a disk cannot be changed after creation (${request.diskEncrypted ? `encrypted by ${request.diskKey}` : 'unencrypted'} -> ${request.toEncrypted ? `encrypted${request.toKey === undefined ? '' : ` by ${request.toKey}`}` : 'unencrypted'})`,
      );
    }
    case 'grantAgency':
      return request.securityAdministrator
        ? { allowed: true, encrypted: false, key: DEFAULT_KEY, rule: 'table4.agency-needs-admin' }
        : refuse('EVS.1202', 'table4.agency-needs-admin', 'creating the agency needs the security administrator permission');
    case 'createEncryptedDisk':
      return request.agencyExists
        ? allow(true, request.key ?? DEFAULT_KEY, 'table4.all-disk-types')
        : refuse('EVS.1201', 'table4.agency-required', 'KMS access has not been granted to EVS in this project (no agency)');
    default:
      return unreachable(request);
  }
}
