import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** models/ imports only xstate and other files under models/ (house style rule 2). */
const modelsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../models');
const folders = ['requirements', 'provisioning'];

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
}

describe('models/requirements and models/provisioning stay inside models/', () => {
  const files = folders.flatMap((f) => readdirSync(join(modelsDir, f)).map((name) => join(modelsDir, f, name)));

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(modelsDir, f), f] as const))('%s imports only xstate and models/', (_name, file) => {
    for (const spec of importsOf(file)) {
      if (spec === 'xstate' || spec.startsWith('xstate/')) continue;
      expect(spec.startsWith('.'), `${spec} is a package other than xstate`).toBe(true);
      const target = resolve(dirname(file), spec);
      expect(relative(modelsDir, target).startsWith('..'), `${spec} leaves models/`).toBe(false);
    }
  });
});
