import { createHash } from 'node:crypto';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { isBundlePath } from '../results-validate.ts';

/**
 * manifest.json of an evidence bundle: the SHA-256 and size of every file
 * in the bundle (except the manifest itself), the SHA-256 of the model and
 * requirement sources the run used, the tool, dependency and runtime
 * versions, the seed and the command line. `digest` is the SHA-256 of the
 * manifest's canonical JSON without `digest`: it catches an accidental
 * edit of the manifest (a deliberate one can recompute it; signing the
 * manifest is what would stop that). Pure.
 */
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_VERSION = 1;

export interface ManifestFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface ManifestSource {
  readonly path: string;
  readonly sha256: string;
}

export interface ManifestInput {
  readonly files: ReadonlyArray<ManifestFile>;
  readonly sources: ReadonlyArray<ManifestSource>;
  readonly tool: { readonly name: string; readonly version: string };
  readonly dependencies: Readonly<Record<string, string>>;
  readonly node: string;
  readonly openssl: string;
  readonly seed: number;
  readonly command: readonly string[];
  readonly createdAt: string;
}

export interface Manifest extends ManifestInput {
  readonly manifestVersion: typeof MANIFEST_VERSION;
  readonly digest: string;
}

export const MANIFEST_ERRORS = { badInput: 'CLI.0704' } as const;

const SHA256 = /^[0-9a-f]{64}$/;

/** JSON with object keys sorted at every level and no whitespace: the bytes `digest` is computed over. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function manifestDigest(m: Omit<Manifest, 'digest'> | Manifest): string {
  const { digest: _ignored, ...rest } = m as Manifest;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

function bad(message: string, fix: string): WorkbenchError {
  return new WorkbenchError({ code: MANIFEST_ERRORS.badInput, message, fix });
}

function checkEntries(kind: 'file' | 'source', entries: ReadonlyArray<{ path: string; sha256: string; bytes?: number }>): void {
  const seen = new Set<string>();
  for (const e of entries) {
    if (!isBundlePath(e.path)) throw bad(`the ${kind} path ${JSON.stringify(e.path)} is not a relative path with / separators and no . or .. segments.`, 'List paths relative to the bundle (or project) folder, e.g. traces/t1.json.');
    if (seen.has(e.path)) throw bad(`the ${kind} ${e.path} is listed twice.`, 'List each path once.');
    seen.add(e.path);
    if (!SHA256.test(e.sha256)) throw bad(`the SHA-256 of ${e.path} is not 64 lower-case hex digits.`, 'Pass the hex digest of createHash("sha256").');
    if (e.bytes !== undefined && !(Number.isSafeInteger(e.bytes) && e.bytes >= 0)) throw bad(`the size of ${e.path} is not a whole number of bytes.`, 'Pass the file size from stat().size.');
  }
}

const byPath = <T extends { path: string }>(a: T, b: T): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The manifest of a bundle: entries sorted by path, the manifest itself never listed, the digest filled in. */
export function buildManifest(input: ManifestInput): Manifest {
  const files = input.files.filter((f) => f.path !== MANIFEST_FILE).map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes }));
  const sources = input.sources.map((s) => ({ path: s.path, sha256: s.sha256 }));
  checkEntries('file', files);
  checkEntries('source', sources);
  const dependencies = Object.fromEntries(Object.entries(input.dependencies).sort(([a], [b]) => (a < b ? -1 : 1)));
  const body: Omit<Manifest, 'digest'> = {
    manifestVersion: MANIFEST_VERSION,
    tool: { name: input.tool.name, version: input.tool.version },
    createdAt: input.createdAt,
    seed: input.seed,
    command: [...input.command],
    node: input.node,
    openssl: input.openssl,
    dependencies,
    files: files.sort(byPath),
    sources: sources.sort(byPath),
  };
  return { ...body, digest: manifestDigest(body) };
}

/** The text of manifest.json (two-space indentation, trailing newline). */
export function renderManifest(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
