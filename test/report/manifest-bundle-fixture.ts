import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderBundleFiles } from '../../src/report/manifest/bundle-files.ts';
import { collectManifest } from '../../src/report/manifest/collect.ts';
import { MANIFEST_FILE, renderManifest } from '../../src/report/manifest/manifest.ts';
import type { VerifyResults } from '../../src/report/results.ts';
import { sampleResults } from '../fixtures/results/sample-results.ts';

/**
 * Writes an evidence bundle the way `evs-workbench verify` does: the report
 * files, one trace per test, the diagrams, then manifest.json last.
 */
export async function writeSampleBundle(results: VerifyResults = sampleResults(), options: { readonly withoutTraces?: readonly string[] } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'evs-bundle-'));
  const put = async (path: string, content: string): Promise<void> => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content, 'utf8');
  };
  for (const f of renderBundleFiles(results, { sequenceDiagrams: {} })) await put(f.path, f.content);
  for (const t of results.tests) if (!(options.withoutTraces ?? []).includes(t.id)) await put(t.trace, `${JSON.stringify({ '#meta': { format: 'ITF', test: t.id }, states: [] })}\n`);
  for (const d of results.diagrams) {
    await put(`diagrams/${d.name}.mmd`, d.mermaid);
    if (d.svg !== null) await put(`diagrams/${d.name}.svg`, d.svg);
  }
  const manifest = await collectManifest({ bundleDir: dir, projectRoot: process.cwd(), seed: results.seed, command: results.command, createdAt: results.finishedAt, versions: { node: '20.20.2', openssl: '3.0.17' } });
  await put(MANIFEST_FILE, renderManifest(manifest));
  return dir;
}
