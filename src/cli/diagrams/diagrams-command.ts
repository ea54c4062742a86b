import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { checkDiagrams, modelDiagrams, REGENERATE_COMMAND, type DiagramCheck, type DiagramSpec } from '../../report/diagrams/diagram-set.ts';
import { openSvgRenderer, type SvgRenderer } from '../../report/diagrams/render.ts';
import { readSourceHash, sourceHash } from '../../report/diagrams/source-hash.ts';
import { EXIT, type CliIo, type Command, type ExitCode } from '../io.ts';

/**
 * `evs-workbench diagrams [--out DIR] [--check] [--no-svg]`: writes one
 * `<name>.mmd` (Mermaid) and `<name>.svg` per diagram of the models, or with
 * `--check` writes nothing and says which files are missing or stale.
 * SVGs whose source hash already matches are not re-rendered; generated files
 * of diagrams that no longer exist are removed.
 */
export const DIAGRAMS_USAGE = 'evs-workbench diagrams [--out DIR] [--check] [--no-svg]';

export interface DiagramsDeps {
  /** The diagrams to write; defaults to the models' (src/report/diagrams/sources.ts). */
  readonly diagrams?: () => DiagramSpec[];
  /** Starts the SVG renderer; defaults to headless /usr/bin/chromium. */
  readonly openRenderer?: () => Promise<SvgRenderer>;
}

interface Invocation {
  readonly out: string;
  readonly check: boolean;
  readonly svg: boolean;
  /** The command that regenerates these files, as the user should type it. */
  readonly regenerate: string;
}

function parse(args: readonly string[], cwd: string): Invocation {
  // node:util directly: importing main.ts's helper from a command would be an import cycle.
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { out: { type: 'string' }, check: { type: 'boolean' }, 'no-svg': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) {
    throw new WorkbenchError({
      code: 'CLI.0301',
      message: `the diagrams command takes no arguments, but got: ${positionals.join(' ')}.`,
      fix: `give the output folder with --out DIR. Usage: ${DIAGRAMS_USAGE}`,
      data: { positionals },
    });
  }
  if (values.out === '') {
    throw new WorkbenchError({ code: 'CLI.0302', message: '--out needs a folder.', fix: `write --out diagrams, or leave --out out. Usage: ${DIAGRAMS_USAGE}` });
  }
  const out = resolve(cwd, values.out ?? 'diagrams');
  const svg = values['no-svg'] !== true;
  const flags = [...(values.out !== undefined ? [`--out ${values.out}`] : []), ...(svg ? [] : ['--no-svg'])];
  return { out, check: values.check === true, svg, regenerate: [REGENERATE_COMMAND, ...flags].join(' ') };
}

/** The `.mmd` and `.svg` files of a folder (name → content); an absent folder has none. */
async function readDiagramFiles(dir: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return new Map();
    throw e;
  }
  const files = new Map<string, string>();
  for (const name of names.filter((n) => /\.(mmd|svg)$/.test(n)).sort()) files.set(name, await readFile(join(dir, name), 'utf8'));
  return files;
}

/** Writes through a temporary file and a rename, so an interrupted run never leaves half a diagram. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, file);
}

function report(check: DiagramCheck, inv: Invocation, io: CliIo): void {
  const show = (file: string): string => relative(io.cwd, join(inv.out, file)) || file;
  for (const file of check.missing) io.stderr.write(`missing: ${show(file)}\n`);
  for (const s of check.stale) io.stderr.write(`stale:   ${show(s.file)}: ${s.reason}\n`);
  for (const e of check.extra) {
    if (e.generated) io.stderr.write(`obsolete: ${show(e.file)} was generated for a diagram that no longer exists\n`);
    else io.stdout.write(`note: ${show(e.file)} is not generated from the models (left alone)\n`);
  }
}

async function runCheck(specs: readonly DiagramSpec[], inv: Invocation, io: CliIo): Promise<ExitCode> {
  const result = checkDiagrams(specs, await readDiagramFiles(inv.out), { svg: inv.svg });
  report(result, inv, io);
  if (!result.ok) {
    io.stderr.write(`The diagrams in ${relative(io.cwd, inv.out) || '.'} do not match the models. Regenerate them with: ${inv.regenerate}\n`);
    return EXIT.failed;
  }
  io.stdout.write(`diagrams up to date: ${specs.length} diagrams in ${relative(io.cwd, inv.out) || '.'}${inv.svg ? '' : ' (SVGs not checked)'}\n`);
  return EXIT.ok;
}

async function runGenerate(specs: readonly DiagramSpec[], inv: Invocation, io: CliIo, deps: DiagramsDeps): Promise<ExitCode> {
  await mkdir(inv.out, { recursive: true });
  const before = await readDiagramFiles(inv.out);
  const show = (file: string): string => relative(io.cwd, join(inv.out, file)) || file;
  let renderer: SvgRenderer | null = null;
  try {
    for (const d of specs) {
      const mmd = `${d.name}.mmd`;
      if (before.get(mmd) !== d.mermaid) {
        await writeAtomically(join(inv.out, mmd), d.mermaid);
        io.stdout.write(`wrote    ${show(mmd)}\n`);
      }
      if (!inv.svg) continue;
      const svgFile = `${d.name}.svg`;
      const existing = before.get(svgFile);
      if (existing !== undefined && readSourceHash(existing) === sourceHash(d.mermaid)) continue;
      renderer ??= await (deps.openRenderer ?? openSvgRenderer)();
      await writeAtomically(join(inv.out, svgFile), await renderer.render(d.mermaid, d.name));
      io.stdout.write(`rendered ${show(svgFile)}\n`);
    }
  } finally {
    await renderer?.close();
  }
  const after = checkDiagrams(specs, await readDiagramFiles(inv.out), { svg: inv.svg });
  for (const e of after.extra) {
    if (!e.generated) continue;
    await rm(join(inv.out, e.file));
    io.stdout.write(`removed  ${show(e.file)} (its diagram no longer exists)\n`);
  }
  io.stdout.write(`${specs.length} diagrams up to date in ${relative(io.cwd, inv.out) || '.'}${inv.svg ? '' : ' (.mmd only)'}\n`);
  return EXIT.ok;
}

export function createDiagramsCommand(deps: DiagramsDeps = {}): Command {
  return {
    name: 'diagrams',
    summary: 'write the Mermaid diagrams (.mmd, .svg) of the models; --check verifies the committed ones',
    usage: DIAGRAMS_USAGE,
    async run(args, io) {
      const inv = parse(args, io.cwd);
      const specs = (deps.diagrams ?? modelDiagrams)();
      return inv.check ? runCheck(specs, inv, io) : runGenerate(specs, inv, io, deps);
    },
  };
}

export const diagramsCommand: Command = createDiagramsCommand();
