import { DEFAULT_KEY_ID, type SystemConfig, type SystemEvent, type SystemState, type KeyComponent, type DiskComponent } from '../../models/index.ts';

/**
 * Symmetry reduction. Two CMKs, two disks or two servers are interchangeable
 * when renaming them maps the configuration onto itself (a disk keeps its
 * encryption, and its key is renamed along). States that differ only by such
 * a renaming are the same state for the model checker: the canonical form of
 * a state is the smallest serialisation over the whole symmetry group.
 */
export interface Renaming {
  readonly keys: ReadonlyMap<string, string>;
  readonly disks: ReadonlyMap<string, string>;
  readonly servers: ReadonlyMap<string, string>;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

const zip = (from: readonly string[], to: readonly string[]): Map<string, string> => new Map(from.map((f, i) => [f, to[i] ?? f]));

/** Every renaming of keys, disks and servers that maps the configuration onto itself (the identity included). */
const groups = new WeakMap<SystemConfig, Renaming[]>();

export function symmetryGroup(config: SystemConfig, maxSize = 5040): Renaming[] {
  const cached = groups.get(config);
  if (cached) return cached;
  const group = computeGroup(config, maxSize);
  groups.set(config, group);
  return group;
}

function computeGroup(config: SystemConfig, maxSize: number): Renaming[] {
  const keyPerms = permutations(config.cmks).map((p) => zip(config.cmks, p));
  const serverPerms = permutations(config.servers).map((p) => zip(config.servers, p));
  const diskIds = config.disks.map((d) => d.id);
  const diskPerms = permutations(diskIds).map((p) => zip(diskIds, p));
  const spec = new Map(config.disks.map((d) => [d.id, d]));
  const group: Renaming[] = [];
  for (const keys of keyPerms) {
    const renameKey = (k: string | null): string | null => (k === null || k === DEFAULT_KEY_ID ? k : (keys.get(k) ?? k));
    for (const disks of diskPerms) {
      const preserves = config.disks.every((d) => {
        const image = spec.get(disks.get(d.id) ?? d.id);
        return image !== undefined && image.encrypted === d.encrypted && image.key === renameKey(d.key);
      });
      if (!preserves) continue;
      for (const servers of serverPerms) {
        group.push({ keys, disks, servers });
        if (group.length >= maxSize) return group;
      }
    }
  }
  return group;
}

export function renameState(state: SystemState, r: Renaming): SystemState {
  const key = (k: string): string => r.keys.get(k) ?? k;
  const keys: Record<string, KeyComponent> = {};
  for (const [id, k] of Object.entries(state.keys)) keys[key(id)] = { value: k.value, context: { ...k.context, keyId: key(id) } };
  const disks: Record<string, DiskComponent> = {};
  for (const [id, d] of Object.entries(state.disks)) {
    const newId = r.disks.get(id) ?? id;
    const c = d.context;
    disks[newId] = {
      value: d.value,
      context: {
        ...c,
        diskId: newId,
        keyId: c.keyId === null ? null : key(c.keyId),
        serverId: c.serverId === null ? null : (r.servers.get(c.serverId) ?? c.serverId),
      },
    };
  }
  return { agency: state.agency, keys, disks, day: state.day };
}

/** Renames the ids an event names. */
export function renameEvent<E extends SystemEvent>(event: E, r: Renaming): E {
  const key = (k: string): string => r.keys.get(k) ?? k;
  const out: Record<string, unknown> = { ...event };
  if ('key' in event && typeof event.key === 'string') out['key'] = key(event.key);
  if ('disk' in event) out['disk'] = r.disks.get(event.disk) ?? event.disk;
  if ('server' in event) out['server'] = r.servers.get(event.server) ?? event.server;
  return out as E;
}
