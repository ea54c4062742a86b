import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_KEY, type KeyName, type ProvisioningRequest } from '../../../models/provisioning/provisioning-request.ts';
import type { BackupInfo, DiskInfo, ImageInfo, SnapshotInfo } from '../../evs/types.ts';
import { DISK_BYTES, OTHER_REGION, PROJECT, type ProvisioningWorkspace } from './provisioning-workspace.ts';

/**
 * How one provisioning request is played on the implementation: the sources
 * it needs are set up first (a disk holding random data, then a snapshot,
 * backup or image of it), then `act` performs the request's own operation.
 */

/** What an allowed operation produced, with the plaintext it must hold (null: a new empty disk). */
export type Product =
  | { readonly kind: 'disk'; readonly info: DiskInfo; readonly plaintext: Buffer | null }
  | { readonly kind: 'snapshot'; readonly info: SnapshotInfo; readonly plaintext: Buffer }
  | { readonly kind: 'backup'; readonly info: BackupInfo; readonly plaintext: Buffer }
  | { readonly kind: 'image'; readonly info: ImageInfo; readonly plaintext: Buffer }
  | { readonly kind: 'export'; readonly file: string; readonly image: ImageInfo; readonly plaintext: Buffer }
  | { readonly kind: 'agency'; readonly defaultKeyId: string };

export interface Plan {
  /** Performs the operation; throws the implementation's WorkbenchError when it refuses. */
  readonly act: () => Product;
  /** What a refusal must also not have done (beyond the records and image files), as sentences of what went wrong. */
  readonly afterRefusal?: () => string[];
}

/** The implementation answered something the case cannot go on from (not a refusal, not a result). */
export class Broken extends Error {
  override readonly name = 'Broken';
}

type Attribute = { readonly encrypted: boolean; readonly key: KeyName | null };
const encryptionOf = (a: Attribute): string => (a.encrypted ? `encrypted (${a.key ?? '?'})` : 'unencrypted');

/** Setup refuses to go on from a source whose attribute is not the one the request describes. */
function checkSource(ws: ProvisioningWorkspace, what: string, info: { encrypted: boolean; keyId: string | null }, want: Attribute): void {
  const got: Attribute = { encrypted: info.encrypted, key: ws.modelKey(info.keyId) };
  if (got.encrypted !== want.encrypted || (want.encrypted && got.key !== want.key)) {
    throw new Broken(`setup: the ${what} of a disk created ${encryptionOf(want)} came out ${encryptionOf(got)}`);
  }
}

const source = (encrypted: boolean, key: KeyName | null): Attribute => ({ encrypted, key });

function sourceSnapshot(ws: ProvisioningWorkspace, a: Attribute): { info: SnapshotInfo; plaintext: Buffer } {
  const disk = ws.sourceDisk(a.encrypted, a.key);
  const info = ws.cloud.evs.createSnapshot(disk.diskId, 'source-snapshot');
  checkSource(ws, 'snapshot', info, a);
  return { info, plaintext: disk.plaintext };
}

function sourceBackup(ws: ProvisioningWorkspace, a: Attribute): { info: BackupInfo; plaintext: Buffer } {
  const disk = ws.sourceDisk(a.encrypted, a.key);
  const info = ws.cloud.evs.createBackup(disk.diskId, 'source-backup');
  checkSource(ws, 'backup', info, a);
  return { info, plaintext: disk.plaintext };
}

function sourceImage(ws: ProvisioningWorkspace, a: Attribute): { info: ImageInfo; plaintext: Buffer } {
  const disk = ws.sourceDisk(a.encrypted, a.key);
  const info = ws.cloud.evs.createImage({ diskId: disk.diskId, name: 'source-image' });
  checkSource(ws, 'image', info, a);
  return { info, plaintext: disk.plaintext };
}

/** `keyId` for a request naming a key (a key id, or the alias when the key does not exist yet). */
function keyOption(ws: ProvisioningWorkspace, key: KeyName | undefined): { keyId?: string } {
  return key === undefined ? {} : { keyId: ws.keyRef(key) };
}

const requested = (r: boolean | undefined): { encrypted?: boolean } => (r === undefined ? {} : { encrypted: r });

function disk(info: DiskInfo, plaintext: Buffer | null): Product {
  return { kind: 'disk', info, plaintext };
}

/** The CMK aliases a request names (evs/default comes with the agency). */
export function cmksOf(r: ProvisioningRequest): KeyName[] {
  const names = new Set<KeyName>();
  for (const field of ['imageKey', 'snapshotKey', 'backupKey', 'diskKey', 'key', 'toKey'] as const) {
    const v: unknown = (r as Partial<Record<typeof field, unknown>>)[field];
    if (typeof v === 'string' && v !== DEFAULT_KEY) names.add(v);
  }
  return [...names].sort();
}

/** Whether the case starts with the agency granted (every request but those about the agency itself). */
export function agencyOf(r: ProvisioningRequest): boolean {
  if (r.kind === 'grantAgency') return false;
  return r.kind === 'createEncryptedDisk' ? r.agencyExists : true;
}

export function planRequest(ws: ProvisioningWorkspace, r: ProvisioningRequest): Plan {
  const { evs } = ws.cloud;
  switch (r.kind) {
    case 'systemDiskFromImage': {
      const image = sourceImage(ws, source(r.imageEncrypted, r.imageKey));
      return {
        act: () => {
          const server = evs.createServer({ project: PROJECT, name: 'vm', imageId: image.info.imageId });
          if (server.systemDiskId === null) throw new Broken(`server ${server.serverId} was created from image ${image.info.imageId} without a system disk`);
          return disk(evs.describeDisk(server.systemDiskId), image.plaintext);
        },
      };
    }
    case 'dataDiskWithServer':
      return {
        act: () => {
          const dataDisk = { sizeBytes: DISK_BYTES, sectorSize: ws.sectorSize, encrypted: r.encrypted, ...keyOption(ws, r.encrypted ? r.key : undefined) };
          const server = evs.createServer({ project: PROJECT, name: 'vm', dataDisks: [dataDisk] });
          const [id, extra] = server.attachedDiskIds.filter((d) => d !== server.systemDiskId);
          if (id === undefined || extra !== undefined) throw new Broken(`server ${server.serverId} was created with one data disk but has ${server.attachedDiskIds.length} attached`);
          return disk(evs.describeDisk(id), null);
        },
      };
    case 'emptyDisk':
    case 'createEncryptedDisk': {
      const encrypted = r.kind === 'createEncryptedDisk' ? true : r.encrypted;
      const key = r.kind === 'createEncryptedDisk' || r.encrypted ? r.key : undefined;
      return {
        act: () => disk(evs.createDisk({ project: PROJECT, name: 'new', sizeBytes: DISK_BYTES, sectorSize: ws.sectorSize, encrypted, ...keyOption(ws, key) }), null),
      };
    }
    case 'diskFromBackup': {
      const backup = sourceBackup(ws, source(r.backupEncrypted, r.backupKey));
      const key = r.encrypted ? r.key : undefined;
      return { act: () => disk(evs.createDiskFromBackup(backup.info.backupId, { encrypted: r.encrypted, ...keyOption(ws, key) }), backup.plaintext) };
    }
    case 'diskFromSnapshot': {
      const snap = sourceSnapshot(ws, source(r.snapshotEncrypted, r.snapshotKey));
      return { act: () => disk(evs.createDiskFromSnapshot(snap.info.snapshotId, requested(r.requestedEncrypted)), snap.plaintext) };
    }
    case 'diskFromImage': {
      const image = sourceImage(ws, source(r.imageEncrypted, r.imageKey));
      return { act: () => disk(evs.createDiskFromImage(image.info.imageId, requested(r.requestedEncrypted)), image.plaintext) };
    }
    case 'backupOfDisk':
    case 'snapshotOfDisk':
    case 'imageOfDisk': {
      const src = ws.sourceDisk(r.diskEncrypted, r.diskKey);
      return {
        act: () => {
          if (r.kind === 'backupOfDisk') return { kind: 'backup', info: evs.createBackup(src.diskId), plaintext: src.plaintext };
          if (r.kind === 'snapshotOfDisk') return { kind: 'snapshot', info: evs.createSnapshot(src.diskId), plaintext: src.plaintext };
          return { kind: 'image', info: evs.createImage({ diskId: src.diskId }), plaintext: src.plaintext };
        },
      };
    }
    case 'replicateImage': {
      const image = sourceImage(ws, source(r.imageEncrypted, r.imageKey));
      const region = r.sameRegion ? ws.cloud.region : OTHER_REGION;
      return { act: () => ({ kind: 'image', info: evs.replicateImage(image.info.imageId, region), plaintext: image.plaintext }) };
    }
    case 'exportImage': {
      const image = sourceImage(ws, source(r.imageEncrypted, r.imageKey));
      const file = join(ws.dir, 'exports', 'image.raw');
      return {
        act: () => {
          evs.exportImage(image.info.imageId, file);
          return { kind: 'export', file, image: evs.describeImage(image.info.imageId), plaintext: image.plaintext };
        },
        afterRefusal: () => (existsSync(file) ? [`the refused export still wrote ${file}`] : []),
      };
    }
    case 'changeImageEncryption': {
      const image = sourceImage(ws, source(r.imageEncrypted, r.imageKey));
      return { act: () => ({ kind: 'image', info: evs.updateImage(image.info.imageId, { encrypted: r.toEncrypted }), plaintext: image.plaintext }) };
    }
    case 'changeDiskEncryption': {
      const src = ws.sourceDisk(r.diskEncrypted, r.diskKey);
      return { act: () => disk(evs.updateDisk(src.diskId, { encrypted: r.toEncrypted, ...keyOption(ws, r.toKey) }), src.plaintext) };
    }
    case 'grantAgency':
      return { act: () => ({ kind: 'agency', defaultKeyId: ws.grantAgency(r.securityAdministrator) }) };
  }
}
