import { dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import { imageInfo, type CopyRecord } from './copy-store.ts';
import { transcodeImage } from './disk-image.ts';
import type { EvsContext } from './evs-context.ts';
import { attributeConflict, encryptedImageRefused } from './evs-errors.ts';
import { FileStaging } from './file-staging.ts';
import type { ImageInfo } from './types.ts';

/** Table 4, constraints on encrypted images: no cross-region replication, no export, no decryption. */

/**
 * A copy of the image in `targetRegion`. An encrypted image cannot be
 * replicated ACROSS regions (its key is regional); within its own region it
 * can, and the copy keeps the key and the wrapped DK.
 */
export function replicateImage(ctx: EvsContext, imageId: string, targetRegion: string): ImageInfo {
  const image = ctx.requireCopy('image', imageId);
  if (image.encrypted && targetRegion !== image.region) throw encryptedImageRefused('EVS.4001', imageId);
  const copyId = ctx.newId('image');
  const replica: CopyRecord = { ...image, copyId, region: targetRegion, createdAt: ctx.clock.now() };
  ctx.run((files) => {
    transcodeImage(ctx.copyPath('image', imageId), files.stage(ctx.copyPath('image', copyId)), image.sizeBytes, image.sectorSize, null, null);
    ctx.copies.insert(replica);
  });
  return imageInfo(replica);
}

/** Writes the raw plaintext image (sizeBytes long, holes as zeros) to `destFile`, atomically. */
export function exportImage(ctx: EvsContext, imageId: string, destFile: string): void {
  const image = ctx.requireCopy('image', imageId);
  if (image.encrypted) throw encryptedImageRefused('EVS.4002', imageId);
  mkdirSync(dirname(destFile), { recursive: true });
  const files = new FileStaging();
  try {
    transcodeImage(ctx.copyPath('image', imageId), files.stage(destFile), image.sizeBytes, image.sectorSize, null, null);
    files.publish();
  } catch (e) {
    files.rollback();
    throw e;
  }
}

export function updateImage(ctx: EvsContext, imageId: string, change: { encrypted?: boolean; name?: string }): ImageInfo {
  const image = ctx.requireCopy('image', imageId);
  if (change.encrypted === false && image.encrypted) throw encryptedImageRefused('EVS.4003', imageId);
  if (change.encrypted === true && !image.encrypted) {
    throw attributeConflict(
      `image ${imageId} is not encrypted and cannot be changed to an encrypted one: its encryption attribute is fixed at creation.`,
      'Create an encrypted disk from a backup of the source disk, then create an image from that disk.',
      { imageId, encrypted: false, requested: true },
    );
  }
  const name = change.name;
  if (name !== undefined) ctx.run(() => ctx.copies.rename(imageId, name));
  return imageInfo(ctx.requireCopy('image', imageId));
}
