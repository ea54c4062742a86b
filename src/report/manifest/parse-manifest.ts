import { isBundlePath } from '../results-validate.ts';
import { MANIFEST_VERSION, manifestDigest, type Manifest, type ManifestFile, type ManifestSource } from './manifest.ts';

/**
 * Reading manifest.json back: `unknown` narrowed to `Manifest`, or the list
 * of what is wrong with it (JSON path and message). Whether the digest
 * matches is reported separately, because a manifest with a wrong digest
 * can still be checked file by file. Pure.
 */
export type ManifestParse =
  | { readonly ok: true; readonly manifest: Manifest; readonly digestMatches: boolean }
  | { readonly ok: false; readonly problems: readonly string[] };

const SHA256 = /^[0-9a-f]{64}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function entries(v: unknown, path: string, withBytes: boolean, problems: string[]): Array<ManifestFile | ManifestSource> {
  if (!Array.isArray(v)) {
    problems.push(`${path}: expected an array`);
    return [];
  }
  const out: Array<ManifestFile | ManifestSource> = [];
  const seen = new Set<string>();
  v.forEach((e: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(e)) return void problems.push(`${at}: expected an object`);
    const { path: p, sha256, bytes } = e;
    if (typeof p !== 'string' || !isBundlePath(p)) return void problems.push(`${at}.path: expected a relative path inside the bundle`);
    if (seen.has(p)) return void problems.push(`${at}.path: ${p} is listed twice`);
    seen.add(p);
    if (typeof sha256 !== 'string' || !SHA256.test(sha256)) return void problems.push(`${at}.sha256: expected 64 lower-case hex digits`);
    if (withBytes) {
      if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) return void problems.push(`${at}.bytes: expected a whole number >= 0`);
      out.push({ path: p, sha256, bytes });
    } else out.push({ path: p, sha256 });
  });
  return out;
}

export function parseManifest(text: string): ManifestParse {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (!isObject(v)) return { ok: false, problems: ['$: expected an object'] };
  const problems: string[] = [];
  const str = (key: string): string => {
    const x = v[key];
    if (typeof x !== 'string') problems.push(`$.${key}: expected a string`);
    return typeof x === 'string' ? x : '';
  };
  if (v['manifestVersion'] !== MANIFEST_VERSION) problems.push(`$.manifestVersion: expected ${MANIFEST_VERSION}`);
  const digest = str('digest');
  const createdAt = str('createdAt');
  const node = str('node');
  const openssl = str('openssl');
  const tool = v['tool'];
  if (!isObject(tool) || typeof tool['name'] !== 'string' || typeof tool['version'] !== 'string') problems.push('$.tool: expected {name, version} strings');
  const seed = v['seed'];
  if (typeof seed !== 'number' || !Number.isFinite(seed)) problems.push('$.seed: expected a number');
  const command = v['command'];
  if (!Array.isArray(command) || !command.every((c): c is string => typeof c === 'string')) problems.push('$.command: expected an array of strings');
  const deps = v['dependencies'];
  if (!isObject(deps) || !Object.values(deps).every((d) => typeof d === 'string')) problems.push('$.dependencies: expected an object of version strings');
  const files = entries(v['files'], '$.files', true, problems) as ManifestFile[];
  const sources = entries(v['sources'], '$.sources', false, problems);
  if (problems.length > 0 || !isObject(tool) || !isObject(deps) || !Array.isArray(command)) return { ok: false, problems };
  const manifest: Manifest = {
    manifestVersion: MANIFEST_VERSION,
    tool: { name: String(tool['name']), version: String(tool['version']) },
    createdAt,
    seed: Number(seed),
    command: command.map(String),
    node,
    openssl,
    dependencies: Object.fromEntries(Object.entries(deps).map(([k, d]) => [k, String(d)])),
    files,
    sources,
    digest,
  };
  // The digest covers everything in the file but itself, extra fields included.
  return { ok: true, manifest, digestMatches: manifestDigest(v as unknown as Manifest) === digest };
}
