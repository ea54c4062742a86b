import type { CopyRecord } from './copy-store.ts';
import { createSparseImage, transcodeImage } from './disk-image.ts';
import type { DiskRecord } from './disk-store.ts';
import type { EvsContext, KeyBag } from './evs-context.ts';
import { attributeConflict } from './evs-errors.ts';
import type { FileStaging } from './file-staging.ts';
import type { KeyUse } from './key-access.ts';
import type { DiskSectorSize, DiskSourceKind } from './types.ts';

/**
 * The ways a disk comes into being (Table 3): empty with a free choice,
 * from a snapshot or image (inheriting encryption and key), from a backup
 * (free choice, re-encrypting when the attribute or key changes). Each runs
 * inside an operation: files are staged, plaintext DKs go into the KeyBag.
 */
export interface DiskSpec {
  diskId: string;
  project: string;
  name: string;
  sizeBytes: number;
  sectorSize: DiskSectorSize;
  bootable: boolean;
  source: { kind: DiskSourceKind; id: string | null };
  /** Attached at creation (system and data disks of a new server). */
  serverId: string | null;
}

export interface EncryptionChoice {
  encrypted: boolean;
  keyId?: string | undefined;
}

interface StoredKey {
  keyId: string;
  wrapped: Buffer;
}

function creating(spec: DiskSpec): KeyUse & { code: 'EVS.2002' } {
  return { code: 'EVS.2002', what: `creating encrypted disk ${spec.diskId} in project ${spec.project}` };
}

function insert(ctx: EvsContext, spec: DiskSpec, key: StoredKey | null): DiskRecord {
  const record: DiskRecord = {
    ...spec,
    source: { ...spec.source },
    encrypted: key !== null,
    keyId: key?.keyId ?? null,
    wrappedDk: key?.wrapped ?? null,
    status: spec.serverId === null ? 'available' : 'in-use',
    createdAt: ctx.clock.now(),
  };
  ctx.disks.insertDisk(record);
  return record;
}

function checkChoice(choice: EncryptionChoice): void {
  if (!choice.encrypted && choice.keyId !== undefined) {
    throw attributeConflict(
      `a key (${choice.keyId}) was given for an unencrypted disk.`,
      'Pass encrypted: true to encrypt with that key, or leave keyId out.',
      { encrypted: false, keyId: choice.keyId },
    );
  }
}

/** The key for a disk the caller chose to encrypt (or null), checked before anything is written. */
export function chooseKey(ctx: EvsContext, spec: DiskSpec, choice: EncryptionChoice): string | null {
  checkChoice(choice);
  return choice.encrypted ? ctx.keys.targetKey(spec.project, choice.keyId, creating(spec).what) : null;
}

export function provisionEmpty(ctx: EvsContext, files: FileStaging, bag: KeyBag, spec: DiskSpec, keyId: string | null): DiskRecord {
  let key: StoredKey | null = null;
  if (keyId !== null) {
    const dk = ctx.keys.generate(keyId, spec.diskId, creating(spec));
    bag.keep(spec.diskId, dk.plaintext);
    key = { keyId, wrapped: dk.wrapped };
  }
  createSparseImage(files.stage(ctx.diskPath(spec.diskId)), spec.sizeBytes);
  return insert(ctx, spec, key);
}

/** From a snapshot or an image: the same encryption, the same key, the same DK re-wrapped for the new disk. */
export function provisionFromCopy(
  ctx: EvsContext,
  files: FileStaging,
  bag: KeyBag,
  copy: CopyRecord,
  spec: DiskSpec,
  requestedEncrypted: boolean | undefined,
): DiskRecord {
  if (requestedEncrypted !== undefined && requestedEncrypted !== copy.encrypted) {
    throw attributeConflict(
      `a disk created from ${copy.kind} ${copy.copyId} is ${copy.encrypted ? 'encrypted' : 'not encrypted'} like its source; encrypted: ${requestedEncrypted} contradicts it.`,
      `Leave encrypted out (it is inherited)${copy.kind === 'snapshot' ? ', or restore from a backup, which lets you choose' : ''}.`,
      { [`${copy.kind}Id`]: copy.copyId, sourceEncrypted: copy.encrypted, requested: requestedEncrypted },
    );
  }
  let key: StoredKey | null = null;
  if (copy.keyId !== null && copy.wrappedDk !== null && copy.wrapDiskId !== null) {
    ctx.keys.checkAgency(spec.project);
    const dk = ctx.keys.rewrap(copy.keyId, copy.wrappedDk, copy.wrapDiskId, spec.diskId, creating(spec));
    bag.keep(spec.diskId, dk.plaintext);
    key = { keyId: copy.keyId, wrapped: dk.wrapped };
  }
  const target = files.stage(ctx.diskPath(spec.diskId));
  transcodeImage(ctx.copyPath(copy.kind, copy.copyId), target, copy.sizeBytes, copy.sectorSize, null, null);
  return insert(ctx, spec, key);
}

/**
 * From a backup, with a free choice of encryption and key. The same attribute
 * and key: the ciphertext is copied and the DK re-wrapped. Otherwise the data
 * is decrypted with the backup's DK (its key must be usable) and encrypted
 * with a fresh DK of the target key, sector by sector.
 */
export function provisionFromBackup(
  ctx: EvsContext,
  files: FileStaging,
  bag: KeyBag,
  backup: CopyRecord,
  spec: DiskSpec,
  targetKeyId: string | null,
): DiskRecord {
  if (backup.keyId === targetKeyId) return provisionFromCopy(ctx, files, bag, backup, spec, backup.encrypted);
  const use = creating(spec);
  let sourceDk: Buffer | null = null;
  try {
    if (backup.keyId !== null && backup.wrappedDk !== null && backup.wrapDiskId !== null) {
      sourceDk = ctx.keys.unwrap(backup.keyId, backup.wrappedDk, backup.wrapDiskId, use);
    }
    let key: StoredKey | null = null;
    let targetDk: Buffer | null = null;
    if (targetKeyId !== null) {
      const dk = ctx.keys.generate(targetKeyId, spec.diskId, use);
      bag.keep(spec.diskId, dk.plaintext);
      targetDk = dk.plaintext;
      key = { keyId: targetKeyId, wrapped: dk.wrapped };
    }
    const target = files.stage(ctx.diskPath(spec.diskId));
    transcodeImage(ctx.copyPath('backup', backup.copyId), target, backup.sizeBytes, backup.sectorSize, sourceDk, targetDk);
    return insert(ctx, spec, key);
  } finally {
    sourceDk?.fill(0);
  }
}
