import { Host } from '../evs/hosts.ts';
import type { Cloud } from '../system/cloud.ts';
import { referenceSutFactory, type ReferenceOptions } from './reference/reference-sut.ts';
import type { SutFactory } from './system-under-test.ts';

/**
 * Planted faults ("mutants") for the reference implementation: realistic
 * bugs a test suite must catch. Each one patches a single Cloud instance
 * (its own KMS or EVS object, never a shared prototype for longer than one
 * synchronous call), so other clouds in the same process stay correct, and
 * `apply` returns the function that removes the patch again.
 */
export type MutantId = 'kms-ignores-disabled-key' | 'host-keeps-dk-after-detach' | 'write-ignores-offset-within-sector' | 'cancel-deletion-enables-key';

export interface Mutant {
  readonly id: MutantId;
  /** The bug, in a sentence. */
  readonly description: string;
  /** What a test that catches it observes. */
  readonly symptom: string;
  /** Plants the fault in this cloud; the returned function removes it. */
  apply(cloud: Cloud): () => void;
}

/** decryptDataKey succeeds for a disabled key (it enables the key, unwraps, disables it again), so a disk attaches while its key is disabled. */
const kmsIgnoresDisabledKey: Mutant = {
  id: 'kms-ignores-disabled-key',
  description: 'The KMS unwraps data keys under a disabled CMK (it ignores the key state on decrypt).',
  symptom: 'disk.attach of a disk whose key is disabled succeeds instead of EVS.2001',
  apply(cloud) {
    const kms = cloud.kms;
    const original = kms.decryptDataKey;
    kms.decryptDataKey = function (keyId, wrapped, context) {
      if (kms.describeKey(keyId).state !== 'disabled') return original.call(kms, keyId, wrapped, context);
      kms.enableKey(keyId);
      try {
        return original.call(kms, keyId, wrapped, context);
      } finally {
        kms.disableKey(keyId);
      }
    };
    return () => {
      kms.decryptDataKey = original;
    };
  },
};

/** Detaching leaves the plaintext DK in the host's memory (Host.unload does nothing while this cloud detaches). */
const hostKeepsDkAfterDetach: Mutant = {
  id: 'host-keeps-dk-after-detach',
  description: 'Detaching a disk does not zero or drop its plaintext data key from the host memory.',
  symptom: 'after disk.detach the DK of the disk is still in host memory (dkInMemory true)',
  apply(cloud) {
    const evs = cloud.evs;
    const original = evs.detachDisk;
    evs.detachDisk = function (diskId) {
      const unload = Object.getOwnPropertyDescriptor(Host.prototype, 'unload');
      Host.prototype.unload = function (): void {};
      try {
        return original.call(evs, diskId);
      } finally {
        if (unload) Object.defineProperty(Host.prototype, 'unload', unload);
      }
    };
    return () => {
      evs.detachDisk = original;
    };
  },
};

/** A write that starts inside a sector lands at the start of that sector: data ends up in the wrong place. */
const writeIgnoresOffsetWithinSector: Mutant = {
  id: 'write-ignores-offset-within-sector',
  description: 'writeDisk rounds the offset down to the sector boundary, so unaligned writes land at the wrong bytes.',
  symptom: 'a later disk.read returns bytes that differ from what was written (broken)',
  apply(cloud) {
    const evs = cloud.evs;
    const original = evs.writeDisk;
    evs.writeDisk = function (diskId, offset, data) {
      const sector = evs.describeDisk(diskId).sectorSize;
      const aligned = Number.isInteger(offset) && offset >= 0 ? offset - (offset % sector) : offset;
      original.call(evs, diskId, aligned, data);
    };
    return () => {
      evs.writeDisk = original;
    };
  },
};

/** Cancelling a scheduled deletion leaves the key enabled (the KMS APIs leave it disabled). */
const cancelDeletionEnablesKey: Mutant = {
  id: 'cancel-deletion-enables-key',
  description: 'cancelKeyDeletion leaves the key enabled instead of disabled.',
  symptom: 'after key.cancelDeletion the key is enabled (expected disabled)',
  apply(cloud) {
    const kms = cloud.kms;
    const original = kms.cancelKeyDeletion;
    kms.cancelKeyDeletion = function (keyId) {
      original.call(kms, keyId);
      return kms.enableKey(keyId);
    };
    return () => {
      kms.cancelKeyDeletion = original;
    };
  },
};

export const MUTANTS: readonly Mutant[] = [kmsIgnoresDisabledKey, hostKeepsDkAfterDetach, writeIgnoresOffsetWithinSector, cancelDeletionEnablesKey];

/** The mutant with this id, or undefined (a caller taking ids from users reports the known ones: `MUTANTS.map((m) => m.id)`). */
export function mutantById(id: string): Mutant | undefined {
  return MUTANTS.find((m) => m.id === id);
}

/** The reference implementation with one mutant planted in every system it creates (the patch dies with the system). */
export function mutatedReferenceFactory(mutant: Mutant, options: Omit<ReferenceOptions, 'mutate'> = {}): SutFactory {
  const base = referenceSutFactory({ ...options, mutate: (cloud) => void mutant.apply(cloud) });
  return { name: `${base.name} with mutant ${mutant.id}`, create: (config, seed) => base.create(config, seed) };
}
