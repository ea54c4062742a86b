import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cloud } from '../../system/cloud.ts';
import { PROJECT } from './provisioning-workspace.ts';

/**
 * Everything a provisioning operation could change, as plain data: the
 * agency, the keys, every disk, server, snapshot, backup and image record,
 * and a SHA-256 of every image file. A refused operation must leave it
 * identical; an allowed one may only add to it.
 */
export interface WorkspaceState {
  readonly sections: Readonly<Record<string, ReadonlyMap<string, string>>>;
}

const FILE_FOLDERS = ['disks', 'snapshots', 'backups', 'images'] as const;

function byId<T>(items: readonly T[], id: (t: T) => string): Map<string, string> {
  return new Map(items.map((t) => [id(t), JSON.stringify(t)]));
}

function fileHashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const folder of FILE_FOLDERS) {
    const path = join(dir, folder);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path).sort()) {
      out.set(`${folder}/${name}`, createHash('sha256').update(readFileSync(join(path, name))).digest('hex'));
    }
  }
  return out;
}

export function captureState(cloud: Cloud): WorkspaceState {
  const { kms, evs } = cloud;
  return {
    sections: {
      agency: new Map(kms.hasEvsAccess(PROJECT) ? [[PROJECT, 'granted']] : []),
      keys: byId(kms.listKeys(PROJECT), (k) => k.keyId),
      disks: byId(evs.listDisks(PROJECT), (d) => d.diskId),
      servers: byId(evs.listServers(PROJECT), (s) => s.serverId),
      snapshots: byId(evs.listSnapshots(PROJECT), (s) => s.snapshotId),
      backups: byId(evs.listBackups(PROJECT), (b) => b.backupId),
      images: byId(evs.listImages(PROJECT), (i) => i.imageId),
      files: fileHashes(cloud.dir),
    },
  };
}

const singular = (section: string): string => (section === 'files' ? 'file' : section.replace(/s$/, ''));

/**
 * The differences between two states, as sentences. `identical`: nothing may
 * be added, removed or changed. `preserved`: records may be added (what the
 * operation created) but none removed or changed.
 */
export function diffStates(before: WorkspaceState, after: WorkspaceState, mode: 'identical' | 'preserved'): string[] {
  const out: string[] = [];
  for (const [section, was] of Object.entries(before.sections)) {
    const now = after.sections[section] ?? new Map<string, string>();
    for (const [id, value] of was) {
      const current = now.get(id);
      if (current === undefined) out.push(`${singular(section)} ${id} disappeared`);
      else if (current !== value) out.push(`${singular(section)} ${id} changed from ${value} to ${current}`);
    }
    if (mode === 'identical') for (const id of now.keys()) if (!was.has(id)) out.push(`${singular(section)} ${id} appeared: ${now.get(id) ?? ''}`);
  }
  return out;
}
