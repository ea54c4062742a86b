import { WorkbenchError } from '../errors/workbench-error.ts';
import type { EvsResourceKind } from './types.ts';

/**
 * Constructors for the EVS error codes of docs/CONTRACTS.md, so every call
 * site says the same thing the same way.
 */

export function notFound(kind: EvsResourceKind, id: string, project?: string): WorkbenchError {
  const where = project === undefined ? '' : ` in project ${project}`;
  return new WorkbenchError({
    code: 'EVS.0404',
    message: `no ${kind} with id ${id}${where}.`,
    fix: `List the ${kind}s of the project and use one of their ids.`,
    data: { kind, id, ...(project === undefined ? {} : { project }) },
  });
}

export function notAttached(diskId: string): WorkbenchError {
  return new WorkbenchError({
    code: 'EVS.1001',
    message: `disk ${diskId} is not attached to a server.`,
    fix: 'Attach the disk to a server first (attachDisk).',
    data: { diskId },
  });
}

export function alreadyAttached(diskId: string, serverId: string): WorkbenchError {
  return new WorkbenchError({
    code: 'EVS.1002',
    message: `disk ${diskId} is already attached to server ${serverId}.`,
    fix: 'Detach it first (detachDisk) if you want to attach it elsewhere.',
    data: { diskId, serverId },
  });
}

export function attachedCannotDelete(diskId: string, serverId: string): WorkbenchError {
  return new WorkbenchError({
    code: 'EVS.1004',
    message: `disk ${diskId} is attached to server ${serverId} and cannot be deleted.`,
    fix: 'Detach the disk first, then delete it.',
    data: { diskId, serverId },
  });
}

export function attributeImmutable(what: string, data: Readonly<Record<string, unknown>>): WorkbenchError {
  return new WorkbenchError({
    code: 'EVS.1101',
    message: `${what}: the encryption attribute (encrypted flag and key) is fixed when the disk is created.`,
    fix: 'Create a new disk with the attribute you want, e.g. from a backup (which lets you choose), and copy the data.',
    data,
  });
}

export function noAgency(project: string): WorkbenchError {
  return new WorkbenchError({
    code: 'EVS.1201',
    message: `KMS access has not been granted to EVS in project ${project}, so encrypted disks cannot be created yet.`,
    fix: 'Have a user with the Security Administrator permission grant EVS the KMSAccess agency (kms.grantEvsAccess), then retry.',
    data: { project },
  });
}

export function outOfBounds(diskId: string, offset: number, length: number, sizeBytes: number): WorkbenchError {
  return new WorkbenchError({
    code: 'EVS.3001',
    message: `the range [${offset}, ${offset + length}) lies outside disk ${diskId} (${sizeBytes} bytes).`,
    fix: `Keep offset + length at most ${sizeBytes}.`,
    data: { diskId, offset, length, sizeBytes },
  });
}

export function badRange(what: string, value: unknown): WorkbenchError {
  return new WorkbenchError({
    code: 'EVS.3002',
    message: `invalid ${what}: ${String(value)} (must be a non-negative integer).`,
    fix: `Pass a non-negative safe integer as ${what}.`,
    data: { [what]: String(value) },
  });
}

export function badSectorSize(value: unknown): WorkbenchError {
  return new WorkbenchError({
    code: 'EVS.3003',
    message: `invalid sector size ${String(value)}; only 512 and 4096 are supported.`,
    fix: 'Use sectorSize 512 (the default) or 4096.',
    data: { sectorSize: String(value) },
  });
}

export function encryptedImageRefused(
  code: 'EVS.4001' | 'EVS.4002' | 'EVS.4003',
  imageId: string,
): WorkbenchError {
  const what = {
    'EVS.4001': 'replicated to another region',
    'EVS.4002': 'exported',
    'EVS.4003': 'changed to an unencrypted image',
  }[code];
  return new WorkbenchError({
    code,
    message: `image ${imageId} is encrypted and cannot be ${what}.`,
    fix: 'Use an unencrypted image for this, e.g. one created from an unencrypted disk restored from a backup.',
    data: { imageId },
  });
}

/** EVS.1101 for a request whose encryption attribute contradicts itself or its source. */
export function attributeConflict(message: string, fix: string, data: Readonly<Record<string, unknown>>): WorkbenchError {
  return new WorkbenchError({ code: 'EVS.1101', message, fix, data });
}
