import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The model is the oracle: the reference implementation is written as if
 * the models did not exist. Its folders may import neither `xstate` nor
 * anything under `models/`, nor the layers that see the models (explore,
 * testgen, adapter, report, cli, conform), through which the model would leak
 * in. Only those layers may see both.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const IMPLEMENTATION = ['kms', 'hsm', 'evs', 'xts', 'store', 'system', 'errors', 'clock', 'rng'];
const MODEL_AWARE = ['explore', 'testgen', 'adapter', 'report', 'cli', 'conform', 'models'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier a TypeScript file imports or re-exports (static and dynamic). */
export function importsOf(source: string): string[] {
  const specs: string[] = [];
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of source.matchAll(re)) specs.push(m[1] as string);
  return specs;
}

/** Why an import from an implementation file breaks the boundary, or null. */
export function boundaryViolation(fromFile: string, spec: string): string | null {
  if (spec === 'xstate' || spec.startsWith('xstate/') || spec.startsWith('@xstate/')) return `imports ${spec}`;
  if (!spec.startsWith('.')) return null;
  const target = relative(join(ROOT, 'src'), join(fromFile, '..', spec)).split(/[\\/]/);
  if (target[0] === '..' && target[1] === 'models') return `imports the models (${spec})`;
  if (target[0] !== undefined && MODEL_AWARE.includes(target[0])) return `imports the model-aware layer src/${target[0]} (${spec})`;
  return null;
}

describe('import boundary: the implementation never sees the model', () => {
  const files = IMPLEMENTATION.flatMap((d) => filesUnder(join(ROOT, 'src', d)));

  it('finds the implementation files', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('no implementation file imports xstate, models/ or a model-aware layer', () => {
    const violations = files.flatMap((f) =>
      importsOf(readFileSync(f, 'utf8')).flatMap((spec) => {
        const why = boundaryViolation(f, spec);
        return why ? [`${relative(ROOT, f)} ${why}`] : [];
      }),
    );
    expect(violations).toEqual([]);
  });

  it('the check catches each kind of forbidden import (it can fail)', () => {
    const f = join(ROOT, 'src', 'evs', 'evs.ts');
    const planted = [
      "import { createMachine } from 'xstate';",
      "import { TestModel } from 'xstate/graph';",
      "import { cmkMachine } from '../../models/index.ts';",
      "import type { Exploration } from '../explore/explorer.ts';",
      "const m = await import('../testgen/generate.ts');",
      "export { x } from '../adapter/system-under-test.ts';",
    ];
    for (const line of planted) {
      const specs = importsOf(line);
      expect(specs.some((s) => boundaryViolation(f, s) !== null), line).toBe(true);
    }
    expect(importsOf("import { Kms } from '../kms/kms.ts';").map((s) => boundaryViolation(f, s))).toEqual([null]);
  });
});
