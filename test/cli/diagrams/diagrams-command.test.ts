import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { createDiagramsCommand } from '../../../src/cli/diagrams/diagrams-command.ts';
import { main } from '../../../src/cli/main.ts';
import { buildDiagramSet } from '../../../src/report/diagrams/diagram-set.ts';
import { CHROMIUM_PATH, type SvgRenderer } from '../../../src/report/diagrams/render.ts';
import { embedSourceHash, readSourceHash, sourceHash } from '../../../src/report/diagrams/source-hash.ts';
import { fakeIo } from '../../support/fake-io.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'evs-diagrams-'));
  dirs.push(d);
  return d;
}

/** A renderer that needs no browser: the SVG is a stub carrying the hash, and every call is counted. */
function fakeRenderer(rendered: string[]): () => Promise<SvgRenderer> {
  return async () => ({
    render: async (text: string, name?: string) => {
      rendered.push(name ?? '?');
      return embedSourceHash('<svg/>', sourceHash(text));
    },
    close: async () => undefined,
  });
}

function lamp(withBroken: boolean) {
  return setup({}).createMachine({
    id: 'lamp',
    initial: 'off',
    states: { off: { on: { toggle: 'on' } }, on: { on: { toggle: 'off', ...(withBroken ? { smash: 'broken' } : {}) } }, ...(withBroken ? { broken: { type: 'final' as const } } : {}) },
  });
}

const lampDiagrams = (withBroken: boolean) => () => buildDiagramSet([{ kind: 'machine', name: 'lamp', title: 'Lamp', machine: lamp(withBroken) }]);

describe('diagrams command with injected models and renderer', () => {
  it('writes .mmd and .svg, re-renders only what changed, and --check turns stale after a model change', async () => {
    const cwd = tempDir();
    const rendered: string[] = [];
    const v1 = createDiagramsCommand({ diagrams: lampDiagrams(false), openRenderer: fakeRenderer(rendered) });
    const io = fakeIo(cwd);
    expect(await v1.run([], io)).toBe(0);
    expect(io.out()).toContain('wrote    diagrams/lamp.mmd\nrendered diagrams/lamp.svg\n');
    expect(readdirSync(join(cwd, 'diagrams')).sort()).toEqual(['lamp.mmd', 'lamp.svg']);
    expect(await v1.run([], fakeIo(cwd))).toBe(0);
    expect(rendered).toEqual(['lamp']);

    const v2 = createDiagramsCommand({ diagrams: lampDiagrams(true), openRenderer: fakeRenderer(rendered) });
    const check = fakeIo(cwd);
    expect(await v2.run(['--check'], check)).toBe(1);
    expect(check.err()).toContain('stale:   diagrams/lamp.mmd: differs from the text generated from the models');
    expect(check.err()).toContain('stale:   diagrams/lamp.svg: was rendered from other text');
    expect(check.err()).toContain('Regenerate them with: npx evs-workbench diagrams\n');
    expect(await v2.run([], fakeIo(cwd))).toBe(0);
    expect(rendered).toEqual(['lamp', 'lamp']);
    expect(await v2.run(['--check'], fakeIo(cwd))).toBe(0);
  });

  it('--check writes nothing, reports missing files with the regenerate command including --out', async () => {
    const cwd = tempDir();
    const cmd = createDiagramsCommand({ diagrams: lampDiagrams(false), openRenderer: fakeRenderer([]) });
    const io = fakeIo(cwd);
    expect(await cmd.run(['--check', '--out', 'docs/img'], io)).toBe(1);
    expect(io.err()).toContain('missing: docs/img/lamp.mmd\nmissing: docs/img/lamp.svg\n');
    expect(io.err()).toContain('Regenerate them with: npx evs-workbench diagrams --out docs/img\n');
    expect(existsSync(join(cwd, 'docs'))).toBe(false);
  });

  it('--no-svg writes and checks only the .mmd; generation removes files of diagrams that no longer exist', async () => {
    const cwd = tempDir();
    const rendered: string[] = [];
    const old = createDiagramsCommand({ diagrams: () => buildDiagramSet([{ kind: 'machine', name: 'gone', title: 'Gone', machine: lamp(false) }]), openRenderer: fakeRenderer(rendered) });
    expect(await old.run([], fakeIo(cwd))).toBe(0);
    writeFileSync(join(cwd, 'diagrams', 'hand-drawn.mmd'), 'flowchart LR\n a --> b\n');
    const cmd = createDiagramsCommand({ diagrams: lampDiagrams(false), openRenderer: fakeRenderer(rendered) });
    const check = fakeIo(cwd);
    expect(await cmd.run(['--check', '--no-svg'], check)).toBe(1);
    expect(check.err()).toContain('obsolete: diagrams/gone.mmd was generated for a diagram that no longer exists');
    const io = fakeIo(cwd);
    expect(await cmd.run(['--no-svg'], io)).toBe(0);
    expect(io.out()).toContain('removed  diagrams/gone.mmd');
    expect(readdirSync(join(cwd, 'diagrams')).sort()).toEqual(['hand-drawn.mmd', 'lamp.mmd']);
    expect(rendered).toEqual(['gone']);
    const ok = fakeIo(cwd);
    expect(await cmd.run(['--check', '--no-svg'], ok)).toBe(0);
    expect(ok.out()).toContain('note: diagrams/hand-drawn.mmd is not generated from the models (left alone)');
    expect(await cmd.run(['--check'], fakeIo(cwd))).toBe(1);
  });
});

describe('evs-workbench diagrams (registered command, real models)', () => {
  it('rejects stray arguments and unknown options with usage errors (exit 2)', async () => {
    const cwd = tempDir();
    const io = fakeIo(cwd);
    expect(await main(['diagrams', 'extra'], io)).toBe(2);
    expect(io.err()).toContain('[CLI.0301]');
    expect(await main(['diagrams', '--colour'], fakeIo(cwd))).toBe(2);
  });

  it.skipIf(!existsSync(CHROMIUM_PATH))('generates real SVGs through chromium; --check exits 0, then 1 after an edit', async () => {
    const cwd = tempDir();
    const io = fakeIo(cwd);
    expect(await main(['diagrams'], io)).toBe(0);
    const names = readdirSync(join(cwd, 'diagrams')).sort();
    expect(names).toEqual(['cmk.mmd', 'cmk.svg', 'disk.mmd', 'disk.svg', 'system-minimal.mmd', 'system-minimal.svg']);
    const mmd = readFileSync(join(cwd, 'diagrams', 'cmk.mmd'), 'utf8');
    const svg = readFileSync(join(cwd, 'diagrams', 'cmk.svg'), 'utf8');
    expect(readSourceHash(svg)).toBe(sourceHash(mmd));
    expect(svg).toContain('pendingDeletion');
    expect(await main(['diagrams', '--check'], fakeIo(cwd))).toBe(0);
    writeFileSync(join(cwd, 'diagrams', 'disk.mmd'), mmd.replace('enabled', 'enabledX'));
    const check = fakeIo(cwd);
    expect(await main(['diagrams', '--check'], check)).toBe(1);
    expect(check.err()).toContain('stale:   diagrams/disk.mmd');
  });

  it('exits the process with 1 on stale diagrams and 0 when current (bin entry, no browser)', async () => {
    const cwd = tempDir();
    const bin = join(import.meta.dirname, '../../../bin/evs-workbench.mjs');
    const run = promisify(execFile);
    await run(process.execPath, [bin, 'diagrams', '--no-svg'], { cwd });
    await run(process.execPath, [bin, 'diagrams', '--check', '--no-svg'], { cwd });
    writeFileSync(join(cwd, 'diagrams', 'cmk.mmd'), 'stateDiagram-v2\n');
    const failed = await run(process.execPath, [bin, 'diagrams', '--check', '--no-svg'], { cwd }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('stale:   diagrams/cmk.mmd');
    expect(failed.stderr).toContain('npx evs-workbench diagrams --no-svg');
  });
});
