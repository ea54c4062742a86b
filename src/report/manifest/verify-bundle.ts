import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { parseResults, type ResultsProblem } from '../results-validate.ts';
import { listBundle, sha256File } from './collect.ts';
import { MANIFEST_FILE, type Manifest } from './manifest.ts';
import { parseManifest } from './parse-manifest.ts';

/**
 * Checks an evidence bundle against its manifest: every listed file is
 * there with the same size and SHA-256, nothing else is there, the
 * manifest's own digest matches, results.json is listed and valid, and every
 * test's trace file is in the bundle. Reads the folder; never changes it.
 */
export const RESULTS_FILE = 'results.json';

export type BundleProblem =
  | { readonly kind: 'missing'; readonly path: string }
  | { readonly kind: 'extra'; readonly path: string }
  | { readonly kind: 'altered'; readonly path: string; readonly expected: { readonly sha256: string; readonly bytes: number }; readonly actual: { readonly sha256: string; readonly bytes: number } }
  | { readonly kind: 'not-a-file'; readonly path: string; readonly detail: string }
  | { readonly kind: 'manifest-digest'; readonly path: typeof MANIFEST_FILE }
  | { readonly kind: 'results-invalid'; readonly path: string; readonly problems: readonly ResultsProblem[] }
  | { readonly kind: 'trace-not-in-bundle'; readonly path: string; readonly test: string };

export type NotABundleReason = 'no-folder' | 'no-manifest' | 'manifest-unreadable' | 'manifest-malformed';

export type BundleCheck =
  | { readonly status: 'ok'; readonly dir: string; readonly manifest: Manifest }
  | { readonly status: 'altered'; readonly dir: string; readonly manifest: Manifest; readonly problems: readonly BundleProblem[] }
  | { readonly status: 'not-a-bundle'; readonly dir: string; readonly reason: NotABundleReason; readonly message: string; readonly details: readonly string[] };

const errno = (e: unknown): string | undefined => (e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined);

async function readManifest(dir: string): Promise<{ manifest: Manifest; digestMatches: boolean } | Extract<BundleCheck, { status: 'not-a-bundle' }>> {
  const notABundle = (reason: NotABundleReason, message: string, details: readonly string[] = []): Extract<BundleCheck, { status: 'not-a-bundle' }> => ({ status: 'not-a-bundle', dir, reason, message, details });
  const info = await stat(dir).catch(() => null);
  if (info === null || !info.isDirectory()) return notABundle('no-folder', `${dir} is not a folder.`);
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (e) {
    if (errno(e) === 'ENOENT') return notABundle('no-manifest', `${dir} has no ${MANIFEST_FILE}.`);
    return notABundle('manifest-unreadable', `${join(dir, MANIFEST_FILE)} cannot be read: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const parsed = parseManifest(text);
  if (!parsed.ok) return notABundle('manifest-malformed', `${join(dir, MANIFEST_FILE)} is not a valid manifest (it may have been edited or truncated).`, parsed.problems);
  return { manifest: parsed.manifest, digestMatches: parsed.digestMatches };
}

/** Whether `path` (inside `root`) resolves, through any symbolic links, to a place still inside `root`. */
async function staysInside(realRoot: string, full: string): Promise<boolean> {
  const real = await realpath(full).catch(() => null);
  return real !== null && real.startsWith(realRoot + sep);
}

async function checkFiles(dir: string, manifest: Manifest): Promise<BundleProblem[]> {
  const problems: BundleProblem[] = [];
  const realRoot = await realpath(dir);
  for (const f of manifest.files) {
    const full = join(dir, f.path);
    const info = await lstat(full).catch((e: unknown) => (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR' ? null : Promise.reject(e)));
    if (info === null) problems.push({ kind: 'missing', path: f.path });
    else if (!info.isFile()) problems.push({ kind: 'not-a-file', path: f.path, detail: info.isSymbolicLink() ? 'a symbolic link' : 'not a regular file' });
    else if (!(await staysInside(realRoot, full))) problems.push({ kind: 'not-a-file', path: f.path, detail: 'reached through a symbolic link that leaves the bundle' });
    else {
      const actual = await sha256File(full);
      if (actual.sha256 !== f.sha256 || actual.bytes !== f.bytes) problems.push({ kind: 'altered', path: f.path, expected: { sha256: f.sha256, bytes: f.bytes }, actual });
    }
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const listing = await listBundle(dir);
  for (const f of listing.files) if (!listed.has(f.path)) problems.push({ kind: 'extra', path: f.path });
  for (const p of listing.others) if (!listed.has(p)) problems.push({ kind: 'extra', path: p });
  return problems;
}

async function checkResults(dir: string, manifest: Manifest): Promise<BundleProblem[]> {
  const listed = new Set(manifest.files.map((f) => f.path));
  if (!listed.has(RESULTS_FILE)) return [{ kind: 'missing', path: RESULTS_FILE }];
  const info = await lstat(join(dir, RESULTS_FILE)).catch(() => null);
  if (info === null || !info.isFile()) return []; // already reported as missing or not a file
  const text = await readFile(join(dir, RESULTS_FILE), 'utf8').catch(() => null);
  if (text === null) return []; // already reported as missing or not a file
  const v = parseResults(text);
  if (!v.ok) return [{ kind: 'results-invalid', path: RESULTS_FILE, problems: v.problems }];
  return v.results.tests.filter((t) => !listed.has(t.trace)).map((t) => ({ kind: 'trace-not-in-bundle', path: t.trace, test: t.id }));
}

const ORDER: Readonly<Record<BundleProblem['kind'], number>> = { 'manifest-digest': 0, missing: 1, altered: 2, 'not-a-file': 3, extra: 4, 'results-invalid': 5, 'trace-not-in-bundle': 6 };

export async function verifyBundle(dir: string): Promise<BundleCheck> {
  const read = await readManifest(dir);
  if ('status' in read) return read;
  const { manifest, digestMatches } = read;
  const problems: BundleProblem[] = [
    ...(digestMatches ? [] : [{ kind: 'manifest-digest', path: MANIFEST_FILE } as const]),
    ...(await checkFiles(dir, manifest)),
    ...(await checkResults(dir, manifest)),
  ];
  problems.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return problems.length === 0 ? { status: 'ok', dir, manifest } : { status: 'altered', dir, manifest, problems };
}
