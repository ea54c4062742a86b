/**
 * The provisioning rules: the rows of Tables 2, 3 and 4 of the seed that decide
 * whether a disk, snapshot, backup or image may be created or changed, and with
 * which encryption attribute. `decideProvisioning` names the rule that decided
 * each request; requirements point at rules with `{ kind: 'rule' }` references.
 */
export interface ProvisioningRule {
  readonly id: string;
  readonly table: 'Table 2' | 'Table 3' | 'Table 4';
  /** The row (and, for Table 4, the bullet) of the seed table. */
  readonly row: string;
  /** What the rule decides, in our words. */
  readonly summary: string;
}

export const PROVISIONING_RULES = [
  {
    id: 'table2.encrypted-image',
    table: 'Table 2',
    row: 'Creating Server Using Encrypted Image: Yes',
    summary: 'A system disk created from an encrypted image is encrypted, with the image key.',
  },
  {
    id: 'table2.unencrypted-image',
    table: 'Table 2',
    row: 'Creating Server Using Encrypted Image: No',
    summary: 'A system disk created from an unencrypted image is not encrypted.',
  },
  {
    id: 'table3.with-server',
    table: 'Table 3',
    row: 'The ECS console / Created together with the server',
    summary: 'A data disk created with a server is encrypted or not, as the user chooses.',
  },
  {
    id: 'table3.empty',
    table: 'Table 3',
    row: 'The EVS console / No data source selected',
    summary: 'An empty data disk is encrypted or not, as the user chooses.',
  },
  {
    id: 'table3.from-backup',
    table: 'Table 3',
    row: 'Creating from a backup (first bullet)',
    summary: 'A disk created from a backup is encrypted or not, as the user chooses, whatever the backup is.',
  },
  {
    id: 'table3.backup-inherits-disk',
    table: 'Table 3',
    row: 'Creating from a backup (second bullet)',
    summary: 'A backup of a disk has the encryption attribute (and key) of the disk.',
  },
  {
    id: 'table3.from-snapshot-encrypted',
    table: 'Table 3',
    row: "Creating from a snapshot (The snapshot's source disk is encrypted.)",
    summary: 'A snapshot of an encrypted disk is encrypted; a disk from it is encrypted with the same key.',
  },
  {
    id: 'table3.from-snapshot-unencrypted',
    table: 'Table 3',
    row: "Creating from a snapshot (The snapshot's source disk is not encrypted.)",
    summary: 'A snapshot of an unencrypted disk is not encrypted; a disk from it is not encrypted.',
  },
  {
    id: 'table3.from-image-encrypted',
    table: 'Table 3',
    row: "Creating from an image (The image's source disk is encrypted.)",
    summary: 'An image of an encrypted disk is encrypted; a data disk from it is encrypted with the same key.',
  },
  {
    id: 'table3.from-image-unencrypted',
    table: 'Table 3',
    row: "Creating from an image (The image's source disk is not encrypted.)",
    summary: 'An image of an unencrypted disk is not encrypted; a data disk from it is not encrypted.',
  },
  {
    id: 'table4.immutable',
    table: 'Table 4',
    row: 'Constraints on encrypted disks',
    summary: 'The encryption attribute of a disk (flag and key) never changes after creation, in either direction.',
  },
  {
    id: 'table4.image-no-replicate',
    table: 'Table 4',
    row: 'Constraints on encrypted images: not replicated across regions',
    summary: 'An encrypted image cannot be replicated to another region (EVS.4001).',
  },
  {
    id: 'table4.image-no-export',
    table: 'Table 4',
    row: 'Constraints on encrypted images: not exported',
    summary: 'An encrypted image cannot be exported (EVS.4002).',
  },
  {
    id: 'table4.image-no-unencrypt',
    table: 'Table 4',
    row: 'Constraints on encrypted images: not changed to non-encrypted',
    summary: 'An encrypted image cannot be changed to an unencrypted one (EVS.4003); nor an unencrypted one to encrypted (EVS.1101).',
  },
  {
    id: 'table4.agency-required',
    table: 'Table 4',
    row: 'Constraints on user permissions',
    summary: 'Encrypted disks can be created only once the agency granting EVS KMS access exists (EVS.1201).',
  },
  {
    id: 'table4.agency-needs-admin',
    table: 'Table 4',
    row: 'Constraints on user permissions (note)',
    summary: 'Only a user with the security administrator permission can create the agency (EVS.1202).',
  },
  {
    id: 'table4.all-disk-types',
    table: 'Table 4',
    row: 'Types of disks supporting encryption',
    summary: 'Every disk type can be encrypted.',
  },
] as const satisfies readonly ProvisioningRule[];

export type ProvisioningRuleId = (typeof PROVISIONING_RULES)[number]['id'];

export const PROVISIONING_RULE_IDS: readonly ProvisioningRuleId[] = PROVISIONING_RULES.map((r) => r.id);

export function isProvisioningRuleId(value: string): value is ProvisioningRuleId {
  return (PROVISIONING_RULE_IDS as readonly string[]).includes(value);
}
