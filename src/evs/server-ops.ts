import { KeyBag, type EvsContext } from './evs-context.ts';
import { notFound } from './evs-errors.ts';
import { chooseKey, provisionEmpty, provisionFromCopy, type DiskSpec } from './provisioning.ts';
import type { CreateServerRequest, ServerInfo } from './types.ts';
import { checkDiskSize, checkSectorSize } from './validation.ts';

/**
 * Servers (ECS). The system disk is created from the image and follows its
 * encryption (Table 2); data disks created with the server are encrypted or
 * not as asked (Table 3, row 1). All disks are attached at creation, so their
 * DKs go straight into the new host's memory. One transaction: if any disk
 * cannot be created, nothing is.
 */
export function createServer(ctx: EvsContext, req: CreateServerRequest): ServerInfo {
  const image = req.imageId === undefined ? null : ctx.requireCopy('image', req.imageId);
  if (image !== null && image.project !== req.project) throw notFound('image', image.copyId, req.project);
  const serverId = ctx.newId('server');
  const name = req.name ?? serverId;
  const systemSpec: DiskSpec | null =
    image === null
      ? null
      : {
          diskId: ctx.newId('disk'),
          project: req.project,
          name: `${name}-system`,
          sizeBytes: image.sizeBytes,
          sectorSize: image.sectorSize,
          bootable: true,
          source: { kind: 'image', id: image.copyId },
          serverId,
        };
  const dataDisks = (req.dataDisks ?? []).map((d, i) => {
    const sectorSize = checkSectorSize(d.sectorSize);
    const spec: DiskSpec = {
      diskId: ctx.newId('disk'),
      project: req.project,
      name: `${name}-data-${i + 1}`,
      sizeBytes: checkDiskSize(d.sizeBytes, sectorSize),
      sectorSize,
      bootable: false,
      source: { kind: 'server', id: serverId },
      serverId,
    };
    return { spec, encrypted: d.encrypted, keyId: d.keyId };
  });
  const keyIds = dataDisks.map((d) => chooseKey(ctx, d.spec, { encrypted: d.encrypted, keyId: d.keyId }));
  const bag = new KeyBag();
  try {
    ctx.run((files) => {
      ctx.disks.insertServer({ serverId, project: req.project, name, systemDiskId: systemSpec?.diskId ?? null, createdAt: ctx.clock.now() });
      if (image !== null && systemSpec !== null) provisionFromCopy(ctx, files, bag, image, systemSpec, undefined);
      dataDisks.forEach((d, i) => provisionEmpty(ctx, files, bag, d.spec, keyIds[i] ?? null));
    });
    const host = ctx.hosts.host(serverId);
    for (const diskId of bag.diskIds()) {
      const dk = bag.take(diskId);
      if (dk !== undefined) host.load(diskId, dk);
    }
  } finally {
    bag.zeroAll();
  }
  return describeServer(ctx, serverId);
}

export function describeServer(ctx: EvsContext, serverId: string): ServerInfo {
  return ctx.disks.serverInfo(ctx.requireServer(serverId));
}

export function listServers(ctx: EvsContext, project: string): ServerInfo[] {
  return ctx.disks.serverIds(project).map((id) => describeServer(ctx, id));
}
