import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectManifest } from '../../report/manifest/collect.ts';
import { MANIFEST_FILE, renderManifest } from '../../report/manifest/manifest.ts';

/** The project's root folder (where package.json and models/ are). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Writes manifest.json last, over every file already in the bundle. */
export async function writeManifest(dir: string, meta: { seed: number; command: readonly string[]; createdAt: string }): Promise<void> {
  const manifest = await collectManifest({ bundleDir: dir, projectRoot: PROJECT_ROOT, seed: meta.seed, command: meta.command, createdAt: meta.createdAt });
  writeFileSync(join(dir, MANIFEST_FILE), renderManifest(manifest));
}
