/**
 * A configuration of the composed system: which keys, disks and servers exist
 * in the model, and which choices the explorer may make. Configurations are
 * data: named presets below, or a JSON file of the same shape
 * (see `parseSystemConfig`).
 */
export const DEFAULT_KEY_ID = 'evs/default';

export interface DiskSpec {
  readonly id: string;
  readonly encrypted: boolean;
  /** A CMK id from `cmks`, or `evs/default`; null for unencrypted disks. */
  readonly key: string | null;
}

export interface SystemConfig {
  readonly name: string;
  readonly description: string;
  /** Customer master keys, created (enabled) before anything happens. */
  readonly cmks: readonly string[];
  readonly disks: readonly DiskSpec[];
  readonly servers: readonly string[];
  /** Waiting periods the explorer tries when scheduling deletion. */
  readonly pendingDays: readonly number[];
  /** Whether KMS access (the agency, and with it evs/default) exists at the start. */
  readonly agencyGranted: boolean;
}

export const PRESETS: Readonly<Record<string, SystemConfig>> = {
  minimal: {
    name: 'minimal',
    description: '1 CMK + evs/default, 1 encrypted disk, 1 server: the smallest system in which all of Table 1 is reachable',
    cmks: ['k1'],
    disks: [{ id: 'd1', encrypted: true, key: 'k1' }],
    servers: ['s1'],
    pendingDays: [7],
    agencyGranted: false,
  },
  default: {
    name: 'default',
    description: '2 CMKs + evs/default, 3 disks (one per CMK, one on evs/default), 2 servers',
    cmks: ['k1', 'k2'],
    disks: [
      { id: 'd1', encrypted: true, key: 'k1' },
      { id: 'd2', encrypted: true, key: 'k2' },
      { id: 'd3', encrypted: true, key: DEFAULT_KEY_ID },
    ],
    servers: ['s1', 's2'],
    pendingDays: [7],
    agencyGranted: false,
  },
  mixed: {
    name: 'mixed',
    description: '1 CMK + evs/default, an encrypted and an unencrypted disk, 1 server',
    cmks: ['k1'],
    disks: [
      { id: 'd1', encrypted: true, key: 'k1' },
      { id: 'd2', encrypted: false, key: null },
    ],
    servers: ['s1'],
    pendingDays: [7, 1096],
    agencyGranted: false,
  },
  shared: {
    name: 'shared',
    description: '1 CMK protecting 2 disks, 2 servers: one key event reaches several disks',
    cmks: ['k1'],
    disks: [
      { id: 'd1', encrypted: true, key: 'k1' },
      { id: 'd2', encrypted: true, key: 'k1' },
    ],
    servers: ['s1', 's2'],
    pendingDays: [7],
    agencyGranted: true,
  },
};

export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

export type ConfigResult = { readonly ok: true; readonly config: SystemConfig } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

const ID = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;

/** Validates an unknown value (parsed JSON) as a SystemConfig; every problem is reported, none thrown. */
export function parseSystemConfig(value: unknown, fallbackName = 'custom'): ConfigResult {
  const issues: ConfigIssue[] = [];
  const issue = (path: string, message: string, fix: string): void => void issues.push({ path, message, fix });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, issues: [{ path: '$', message: 'the configuration must be a JSON object', fix: 'write {"cmks": [...], "disks": [...], "servers": [...]}' }] };
  }
  const o = value as Record<string, unknown>;
  const known = new Set(['name', 'description', 'cmks', 'disks', 'servers', 'pendingDays', 'agencyGranted']);
  for (const k of Object.keys(o)) if (!known.has(k)) issue(`$.${k}`, `unknown field '${k}'`, `remove it; known fields: ${[...known].join(', ')}`);
  const ids = (field: string): string[] => {
    const v = o[field];
    if (!Array.isArray(v) || v.length === 0) {
      issue(`$.${field}`, `'${field}' must be a non-empty array of ids`, `for example "${field}": ["${field[0]}1"]`);
      return [];
    }
    return v.flatMap((x, i) => {
      if (typeof x === 'string' && ID.test(x) && x !== DEFAULT_KEY_ID) return [x];
      issue(`$.${field}[${i}]`, `${JSON.stringify(x)} is not a valid id`, 'ids start with a letter and use letters, digits, _ . - (at most 32); evs/default is implicit');
      return [];
    });
  };
  const cmks = ids('cmks');
  const servers = ids('servers');
  const disks: DiskSpec[] = [];
  if (!Array.isArray(o['disks']) || o['disks'].length === 0) {
    issue('$.disks', "'disks' must be a non-empty array", 'for example "disks": [{"id": "d1", "encrypted": true, "key": "k1"}]');
  } else {
    o['disks'].forEach((d: unknown, i: number) => {
      const p = `$.disks[${i}]`;
      if (typeof d !== 'object' || d === null) return issue(p, 'a disk must be an object', 'write {"id": "d1", "encrypted": true, "key": "k1"}');
      const r = d as Record<string, unknown>;
      const id = r['id'];
      const encrypted = r['encrypted'];
      const key = r['key'] ?? null;
      if (typeof id !== 'string' || !ID.test(id)) return issue(`${p}.id`, `${JSON.stringify(id)} is not a valid disk id`, 'use a short id such as "d1"');
      if (typeof encrypted !== 'boolean') return issue(`${p}.encrypted`, "'encrypted' must be true or false", 'add "encrypted": true');
      if (encrypted && (typeof key !== 'string' || (key !== DEFAULT_KEY_ID && !cmks.includes(key)))) {
        return issue(`${p}.key`, `key ${JSON.stringify(key)} is neither a listed CMK nor ${DEFAULT_KEY_ID}`, `use one of: ${[...cmks, DEFAULT_KEY_ID].join(', ')}`);
      }
      if (!encrypted && key !== null) return issue(`${p}.key`, 'an unencrypted disk has no key', 'remove "key" or set "encrypted": true');
      disks.push({ id, encrypted, key: encrypted ? (key as string) : null });
    });
  }
  const all = [...cmks, ...servers, ...disks.map((d) => d.id)];
  const dup = all.filter((x, i) => all.indexOf(x) !== i);
  if (dup.length > 0) issue('$', `ids must be unique; repeated: ${[...new Set(dup)].join(', ')}`, 'rename the repeated ids');
  const pendingDays = o['pendingDays'] ?? [7];
  if (!Array.isArray(pendingDays) || pendingDays.length === 0 || !pendingDays.every((n) => Number.isInteger(n) && n >= 7 && n <= 1096)) {
    issue('$.pendingDays', "'pendingDays' must be a non-empty array of integers in 7..1096", 'for example "pendingDays": [7]');
  }
  const agency = o['agencyGranted'] ?? false;
  if (typeof agency !== 'boolean') issue('$.agencyGranted', "'agencyGranted' must be true or false", 'write "agencyGranted": false');
  const name = typeof o['name'] === 'string' && o['name'] ? o['name'] : fallbackName;
  const description = typeof o['description'] === 'string' ? o['description'] : '';
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, config: { name, description, cmks, disks, servers, pendingDays: pendingDays as number[], agencyGranted: agency as boolean } };
}
