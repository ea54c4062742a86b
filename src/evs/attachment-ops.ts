import { readRange, writeRange } from './disk-image.ts';
import { publicDisk, type DiskRecord } from './disk-store.ts';
import type { EvsContext } from './evs-context.ts';
import { alreadyAttached, notAttached, notFound } from './evs-errors.ts';
import type { DiskInfo } from './types.ts';
import { checkRange } from './validation.ts';

/**
 * Attaching, detaching and disk I/O (Table 1). Attaching an encrypted disk
 * asks the KMS for its DK and keeps the plaintext in the server's host memory;
 * I/O uses that in-memory DK only, so it keeps working after the key is
 * disabled or deleted; detaching zeroes it. After a process restart (rebooted
 * hosts) a disk still recorded as attached has no DK in memory: its first I/O
 * loads it again from the KMS, like a host re-attaching its volumes, and fails
 * with EVS.2001 if the key is no longer usable.
 */

function unwrapForAttach(ctx: EvsContext, disk: DiskRecord): Buffer | null {
  if (disk.keyId === null || disk.wrappedDk === null) return null;
  return ctx.keys.unwrap(disk.keyId, disk.wrappedDk, disk.diskId, { code: 'EVS.2001', diskId: disk.diskId });
}

export function attachDisk(ctx: EvsContext, diskId: string, serverId: string): DiskInfo {
  const disk = ctx.requireDisk(diskId);
  const server = ctx.requireServer(serverId);
  if (server.project !== disk.project) throw notFound('server', serverId, disk.project);
  if (disk.serverId !== null) throw alreadyAttached(diskId, disk.serverId);
  const dk = unwrapForAttach(ctx, disk); // EVS.2001 before anything changes
  try {
    ctx.run(() => ctx.disks.attach(diskId, serverId));
  } catch (e) {
    dk?.fill(0);
    throw e;
  }
  if (dk !== null) ctx.hosts.host(serverId).load(diskId, dk);
  return describeAttached(ctx, diskId);
}

function describeAttached(ctx: EvsContext, diskId: string): DiskInfo {
  return publicDisk(ctx.requireDisk(diskId));
}

export function detachDisk(ctx: EvsContext, diskId: string): DiskInfo {
  const disk = ctx.requireDisk(diskId);
  const serverId = disk.serverId;
  if (serverId === null) throw notAttached(diskId);
  ctx.run(() => ctx.disks.detach(diskId));
  ctx.hosts.host(serverId).unload(diskId);
  return describeAttached(ctx, diskId);
}

/** The DK an attached disk's I/O uses: from host memory, or reloaded after a reboot. */
function ioKey(ctx: EvsContext, disk: DiskRecord): Buffer | null {
  const serverId = disk.serverId;
  if (serverId === null) throw notAttached(disk.diskId);
  if (!disk.encrypted) return null;
  const host = ctx.hosts.host(serverId);
  let dk = host.key(disk.diskId);
  if (dk === undefined) {
    dk = unwrapForAttach(ctx, disk) ?? undefined;
    if (dk === undefined) throw notAttached(disk.diskId);
    host.load(disk.diskId, dk);
  }
  return dk;
}

export function readDisk(ctx: EvsContext, diskId: string, offset: number, length: number): Buffer {
  const disk = ctx.requireDisk(diskId);
  if (disk.serverId === null) throw notAttached(diskId);
  checkRange(diskId, disk.sizeBytes, offset, length);
  return readRange(ctx.diskPath(diskId), disk.sectorSize, ioKey(ctx, disk), offset, length);
}

export function writeDisk(ctx: EvsContext, diskId: string, offset: number, data: Buffer): void {
  const disk = ctx.requireDisk(diskId);
  if (disk.serverId === null) throw notAttached(diskId);
  checkRange(diskId, disk.sizeBytes, offset, data.length);
  writeRange(ctx.diskPath(diskId), disk.sectorSize, ioKey(ctx, disk), offset, data);
}

export function loadedDataKeys(ctx: EvsContext, serverId: string): string[] {
  ctx.requireServer(serverId);
  return ctx.hosts.host(serverId).loadedDiskIds();
}
