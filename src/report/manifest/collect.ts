import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { buildManifest, MANIFEST_FILE, type Manifest, type ManifestFile, type ManifestSource } from './manifest.ts';

/**
 * The I/O side of the manifest (used by the CLI): hashing the files of a
 * bundle folder and the model sources, and reading tool and dependency
 * versions from package.json files. Symbolic links and other non-regular
 * entries are reported, never followed.
 */

export interface BundleListing {
  /** Every regular file under the folder except manifest.json at its root, sorted by path. */
  readonly files: ManifestFile[];
  /** Entries that are neither regular files nor folders (symbolic links, sockets...), by bundle path. */
  readonly others: string[];
}

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const data = await readFile(file);
  return { sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
}

const toPosix = (p: string): string => p.split(sep).join('/');

async function walk(root: string, dir: string, files: string[], others: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) await walk(root, full, files, others);
    else if (e.isFile()) files.push(toPosix(relative(root, full)));
    else others.push(toPosix(relative(root, full)));
  }
}

/** Hashes every file of a bundle folder (recursively), leaving out its manifest.json. */
export async function listBundle(dir: string): Promise<BundleListing> {
  const paths: string[] = [];
  const others: string[] = [];
  await walk(dir, dir, paths, others);
  const files: ManifestFile[] = [];
  for (const path of paths.filter((p) => p !== MANIFEST_FILE).sort()) files.push({ path, ...(await sha256File(join(dir, path))) });
  return { files, others: others.sort() };
}

/** SHA-256 of every `.ts` file under `models/` of the project (the model and the requirement catalog). */
export async function hashModelSources(projectRoot: string): Promise<ManifestSource[]> {
  const paths: string[] = [];
  await walk(projectRoot, join(projectRoot, 'models'), paths, []);
  const sources: ManifestSource[] = [];
  for (const path of paths.filter((p) => p.endsWith('.ts')).sort()) sources.push({ path, sha256: (await sha256File(join(projectRoot, path))).sha256 });
  return sources;
}

async function readJson(file: string): Promise<Record<string, unknown> | null> {
  try {
    const v: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The tool (name and version of the project's package.json) and the installed version of each
 * dependency and devDependency it declares (from node_modules/<name>/package.json; the declared
 * range, marked `declared`, when the package is not installed).
 */
export async function toolAndDependencies(projectRoot: string): Promise<{ tool: { name: string; version: string }; dependencies: Record<string, string> }> {
  const pkg = (await readJson(join(projectRoot, 'package.json'))) ?? {};
  const declared: Record<string, string> = {};
  for (const field of ['dependencies', 'devDependencies']) {
    const deps = pkg[field];
    if (typeof deps === 'object' && deps !== null) for (const [k, v] of Object.entries(deps)) if (typeof v === 'string') declared[k] = v;
  }
  const dependencies: Record<string, string> = {};
  for (const [name, range] of Object.entries(declared)) {
    const installed = await readJson(join(projectRoot, 'node_modules', ...name.split('/'), 'package.json'));
    const version = installed?.['version'];
    dependencies[name] = typeof version === 'string' ? version : `${range} (declared; not installed)`;
  }
  const name = typeof pkg['name'] === 'string' ? pkg['name'] : 'evs-workbench';
  const version = typeof pkg['version'] === 'string' ? pkg['version'] : '0.0.0';
  return { tool: { name, version }, dependencies };
}

export interface CollectOptions {
  readonly bundleDir: string;
  readonly projectRoot: string;
  readonly seed: number;
  readonly command: readonly string[];
  /** From the injected clock (ISO 8601). */
  readonly createdAt: string;
  /** Defaults to `process.versions`. */
  readonly versions?: { readonly node: string; readonly openssl: string };
}

/** Everything the manifest needs, read from disk; write it with `renderManifest` as the last file of the bundle. */
export async function collectManifest(options: CollectOptions): Promise<Manifest> {
  const listing = await listBundle(options.bundleDir);
  const { tool, dependencies } = await toolAndDependencies(options.projectRoot);
  const versions = options.versions ?? { node: process.versions.node, openssl: process.versions.openssl };
  return buildManifest({
    files: listing.files,
    sources: await hashModelSources(options.projectRoot),
    tool,
    dependencies,
    node: versions.node,
    openssl: versions.openssl,
    seed: options.seed,
    command: options.command,
    createdAt: options.createdAt,
  });
}
