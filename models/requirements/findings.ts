import type { Finding, OutOfScopeStatement } from './finding.ts';
import { findingsKeys } from './findings-keys.ts';
import { findingsProvisioning } from './findings-provisioning.ts';

export type { Finding, OutOfScopeStatement } from './finding.ts';

export const findings: readonly Finding[] = [...findingsKeys, ...findingsProvisioning];

export function findingById(id: string): Finding | undefined {
  return findings.find((f) => f.id === id);
}

export const outOfScope: readonly OutOfScopeStatement[] = [
  {
    section: 'What Is EVS Disk Encryption?',
    quote: 'You do not need to establish and maintain the key management infrastructure.',
    reason: 'A benefit statement about operations, not behaviour.',
  },
  {
    section: 'What Is EVS Disk Encryption?',
    quote:
      'KMS uses the Hardware Security Module (HSM) that complies with FIPS 140-2 level 3 requirements to protect keys.',
    reason:
      'A certification of the provider\'s hardware. The workbench uses SoftHSM2, which is not FIPS 140-2 validated; no model or test here can establish a FIPS level.',
  },
  {
    section: 'What Is EVS Disk Encryption?',
    quote: 'All user keys are protected by the root key in HSM to prevent key exposure.',
    reason:
      'Key hierarchy inside KMS. The implementation (src/hsm, src/kms) wraps CMK material in the HSM and is tested there; the models abstract KMS to key states, so this is not a model requirement.',
  },
  {
    section: 'Creating an Encrypted EVS Disk',
    quote: 'and then select the encryption option to create an encrypted disk.',
    reason: 'Console navigation; the encryption choice itself is covered by T3-EMPTY-CHOICE.',
  },
  {
    section: 'Encryption Scenarios',
    quote: 'For details, see **Managing Private Images** > **Creating Encrypted Images** in the *Image Management Service User Guide*.',
    reason: 'Cross-reference to another guide (also all other "For details, see" sentences).',
  },
];
