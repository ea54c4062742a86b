import type { Finding, OutOfScopeStatement } from './finding.ts';
import type { ModelRef } from './model-ref.ts';
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

/**
 * Model elements no seed statement is about: the model needs them so that
 * every event is decided, but no requirement can trace them. Listed here so
 * that their absence from the catalog is a decision, not an oversight.
 */
export const untracedModelElements: readonly { readonly ref: ModelRef; readonly reason: string }[] = [
  {
    ref: { kind: 'state', machine: 'disk', state: 'deleted' },
    reason:
      'The seed never mentions deleting a disk. The model lets a detached disk be deleted (an attached one is refused with EVS.1004) and refuses everything on a deleted disk with EVS.0404, so that the disk lifecycle is total.',
  },
];
