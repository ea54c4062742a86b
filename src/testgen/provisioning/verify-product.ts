import { readFileSync } from 'node:fs';
import { DEFAULT_KEY } from '../../../models/provisioning/provisioning-request.ts';
import { isWorkbenchError } from '../../errors/workbench-error.ts';
import type { DiskInfo } from '../../evs/types.ts';
import { checkStoredFile, compareBytes } from './data-checks.ts';
import type { Product } from './provisioning-plan.ts';
import { PROJECT, type ProvisioningWorkspace } from './provisioning-workspace.ts';

/**
 * The data checks on what an allowed operation produced: a disk reads back
 * (once attached) exactly the plaintext of its source, or, when new and
 * empty, reads zeros and then round-trips random data; every image file
 * holds the plaintext when unencrypted and no block of it when encrypted;
 * a snapshot, backup or image is restored to a disk and read back; an
 * export is the plaintext; an encrypted disk really depends on its CMK.
 */
export class CheckFailed extends Error {
  override readonly name = 'CheckFailed';
}

/** Records a passed check, or stops the case with the problem. */
function check(checks: string[], problem: string | null, passed: string): void {
  if (problem !== null) throw new CheckFailed(problem);
  checks.push(passed);
}

/** Null when the record an operation returned is the one described afterwards, else the fields that differ. */
function sameRecord(ws: ProvisioningWorkspace, what: string, returned: object, described: object): string | null {
  const a = new Map(Object.entries(returned));
  const b = new Map(Object.entries(described));
  const show = (field: string, v: unknown): string =>
    field === 'keyId' && typeof v === 'string' ? `${v} (${ws.modelKey(v) ?? '?'})` : JSON.stringify(v);
  const differing = [...new Set([...a.keys(), ...b.keys()])].filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k)));
  if (differing.length === 0) return null;
  const fields = differing.map((k) => `${k}: returned ${show(k, a.get(k))}, described ${show(k, b.get(k))}`);
  return `${what}: the record returned differs from the one described afterwards in ${fields.join('; ')}`;
}

const kib = (n: number): string => `${n / 1024} KiB`;

/**
 * An encrypted disk whose key is a CMK must become unattachable (EVS.2001)
 * while that CMK is disabled: its data key really is wrapped under it.
 */
function checkKeyDependence(ws: ProvisioningWorkspace, info: DiskInfo, checks: string[]): void {
  const key = ws.modelKey(info.keyId);
  if (!info.encrypted || info.keyId === null || key === DEFAULT_KEY || info.serverId !== null) return;
  const { kms, evs } = ws.cloud;
  kms.disableKey(info.keyId);
  let problem: string | null = null;
  try {
    evs.attachDisk(info.diskId, ws.ioServerId());
    evs.detachDisk(info.diskId);
    problem = `disk ${info.diskId} claims key ${key ?? '?'}, but it was attached while that key was disabled`;
  } catch (e) {
    if (!isWorkbenchError(e) || e.code !== 'EVS.2001') problem = `attaching disk ${info.diskId} while ${key ?? '?'} is disabled failed with ${isWorkbenchError(e) ? e.code : String(e)}, not EVS.2001`;
  } finally {
    kms.enableKey(info.keyId);
  }
  check(checks, problem, `${what(info)}: with ${key ?? '?'} disabled it cannot be attached (EVS.2001)`);
}

const what = (info: DiskInfo): string => `disk from ${info.source.kind}`;

export function verifyDisk(ws: ProvisioningWorkspace, info: DiskInfo, plaintext: Buffer | null, checks: string[]): void {
  const { evs } = ws.cloud;
  check(checks, sameRecord(ws, what(info), info, evs.describeDisk(info.diskId)), `${what(info)}: describeDisk agrees with the record returned`);
  let expected = plaintext;
  if (expected === null) {
    check(checks, compareBytes(`new ${what(info)}`, Buffer.alloc(info.sizeBytes), ws.readAll(info.diskId)), `new disk reads ${kib(info.sizeBytes)} of zeros`);
    const attachedHere = info.serverId === null;
    if (attachedHere) evs.attachDisk(info.diskId, ws.ioServerId());
    try {
      expected = ws.writeRandom(info.diskId, info.sizeBytes);
    } finally {
      if (attachedHere) evs.detachDisk(info.diskId);
    }
  }
  check(checks, compareBytes(`${what(info)} read back`, expected, ws.readAll(info.diskId)), `${what(info)}: ${kib(info.sizeBytes)} read back equal to the plaintext${plaintext === null ? ' just written at unaligned offsets' : ' written to the source'}`);
  check(
    checks,
    checkStoredFile(`disk ${info.diskId}`, ws.fileOf('disk', info.diskId), expected, info.encrypted),
    `${what(info)}: its image file ${info.encrypted ? 'holds no block of the plaintext' : 'is the plaintext'}`,
  );
  checkKeyDependence(ws, info, checks);
}

function verifyCopy(ws: ProvisioningWorkspace, product: Product & { kind: 'snapshot' | 'backup' | 'image' }, checks: string[]): void {
  const { evs } = ws.cloud;
  const { info, plaintext } = product;
  const id = product.kind === 'snapshot' ? product.info.snapshotId : product.kind === 'backup' ? product.info.backupId : product.info.imageId;
  const described = product.kind === 'snapshot' ? evs.describeSnapshot(id) : product.kind === 'backup' ? evs.describeBackup(id) : evs.describeImage(id);
  check(checks, sameRecord(ws, product.kind, info, described), `${product.kind}: describe agrees with the record returned`);
  check(
    checks,
    checkStoredFile(`${product.kind} ${id}`, ws.fileOf(product.kind, id), plaintext, info.encrypted),
    `${product.kind}: its file ${info.encrypted ? 'holds no block of the plaintext' : 'is the plaintext'}`,
  );
  if (product.kind === 'image' && product.info.region !== ws.cloud.region) {
    checks.push(`image replica in ${product.info.region}: not restored in ${ws.cloud.region}`);
    return;
  }
  const restored =
    product.kind === 'snapshot'
      ? evs.createDiskFromSnapshot(id)
      : product.kind === 'backup'
        ? evs.createDiskFromBackup(id, { encrypted: info.encrypted, ...(info.keyId === null ? {} : { keyId: info.keyId }) })
        : evs.createDiskFromImage(id);
  const same = restored.encrypted === info.encrypted && restored.keyId === info.keyId;
  check(checks, same ? null : `a disk restored from the ${product.kind} is ${restored.encrypted ? `encrypted by ${ws.modelKey(restored.keyId) ?? '?'}` : 'unencrypted'}, unlike the ${product.kind}`, `${product.kind}: restored to a disk with its attribute`);
  verifyDisk(ws, restored, plaintext, checks);
}

export function verifyProduct(ws: ProvisioningWorkspace, product: Product, checks: string[]): void {
  switch (product.kind) {
    case 'disk':
      return verifyDisk(ws, product.info, product.plaintext, checks);
    case 'snapshot':
    case 'backup':
    case 'image':
      return verifyCopy(ws, product, checks);
    case 'export':
      return check(checks, compareBytes(`exported image ${product.image.imageId}`, product.plaintext, readFileSync(product.file)), `export: the file is the ${kib(product.plaintext.length)} of plaintext`);
    case 'agency': {
      const { kms, evs } = ws.cloud;
      const key = kms.defaultKey(PROJECT);
      check(checks, key.keyId === product.defaultKeyId && key.isDefault && key.state === 'enabled' ? null : `after the grant, defaultKey is ${JSON.stringify(key)}`, `agency: ${DEFAULT_KEY} exists and is enabled`);
      const info = evs.createDisk({ project: PROJECT, sizeBytes: 8 * 1024, sectorSize: ws.sectorSize, encrypted: true });
      check(checks, info.keyId === key.keyId ? null : `an encrypted disk created without a key after the grant uses ${ws.modelKey(info.keyId) ?? 'no key'}, not ${DEFAULT_KEY}`, `agency: an encrypted disk without a named key uses ${DEFAULT_KEY}`);
      return verifyDisk(ws, info, null, checks);
    }
  }
}
