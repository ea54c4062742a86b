import type { AnyStateMachine } from 'xstate';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { graphToMermaid, type GraphDiagramOptions, type StateGraph } from './graph-diagram.ts';
import { readSourceHash, sourceHash } from './source-hash.ts';
import { modelDiagramSources } from './sources.ts';
import { machineToMermaid, type StateDiagramOptions } from './state-diagram.ts';

/**
 * The diagrams generated from the models, and whether the files on disk are
 * up to date with them. Pure: the CLI reads and writes the files.
 */
export interface DiagramSpec {
  /** File stem: `diagrams/<name>.mmd`, `diagrams/<name>.svg`. */
  readonly name: string;
  readonly title: string;
  /** The full text of `<name>.mmd`. */
  readonly mermaid: string;
}

export type DiagramSource =
  | { readonly kind: 'machine'; readonly name: string; readonly title: string; readonly machine: AnyStateMachine; readonly options?: StateDiagramOptions }
  | { readonly kind: 'graph'; readonly name: string; readonly title: string; readonly graph: () => StateGraph; readonly options?: GraphDiagramOptions };

/** The command that regenerates the committed diagrams. */
export const REGENERATE_COMMAND = 'npx evs-workbench diagrams';

/** First comment of every generated .mmd; also how a leftover generated file is recognised. */
export const GENERATED_MARKER = `%% Generated from the models by evs-workbench: do not edit. Regenerate with: ${REGENERATE_COMMAND}`;

const NAME = /^[a-z0-9][a-z0-9-]*$/;

export function buildDiagramSet(sources: readonly DiagramSource[]): DiagramSpec[] {
  const names = new Set<string>();
  return sources.map((source) => {
    if (!NAME.test(source.name) || names.has(source.name)) {
      throw new WorkbenchError({
        code: 'MODEL.0903',
        message: `diagram name '${source.name}' is ${names.has(source.name) ? 'used twice' : 'not a valid file stem'}`,
        fix: 'give each diagram source in src/report/diagrams/sources.ts a unique name of lowercase letters, digits and -',
        data: { name: source.name },
      });
    }
    names.add(source.name);
    const text =
      source.kind === 'machine'
        ? machineToMermaid(source.machine, { title: source.title, ...source.options })
        : graphToMermaid(source.graph(), { title: source.title, ...source.options });
    return { name: source.name, title: source.title, mermaid: withMarker(text) };
  });
}

/** All diagrams of the models (CMK, disk, composed system at a small configuration): see sources.ts. */
export function modelDiagrams(): DiagramSpec[] {
  return buildDiagramSet(modelDiagramSources());
}

/** Puts the generated-file marker after the front matter (Mermaid wants front matter first). */
function withMarker(text: string): string {
  const front = /^---\n[\s\S]*?\n---\n/.exec(text);
  const head = front ? front[0] : '';
  return `${head}${GENERATED_MARKER}\n${text.slice(head.length)}`;
}

export interface StaleFile {
  readonly file: string;
  readonly reason: string;
}

export interface ExtraFile {
  readonly file: string;
  /** A leftover of an earlier generation (carries the marker or a source hash): obsolete, and removed on generation. */
  readonly generated: boolean;
}

export interface DiagramCheck {
  /** True when nothing is missing or stale and no generated file is obsolete. */
  readonly ok: boolean;
  readonly missing: readonly string[];
  readonly stale: readonly StaleFile[];
  readonly extra: readonly ExtraFile[];
}

export interface CheckOptions {
  /** Also check `<name>.svg` (default true). */
  readonly svg?: boolean;
}

/**
 * Compares the expected diagrams with the `.mmd`/`.svg` files found in the diagrams folder
 * (file name → content; other files are ignored). A `.mmd` is stale when its text differs from
 * the generated text; an `.svg` when it does not carry the SHA-256 of that text.
 */
export function checkDiagrams(expected: readonly DiagramSpec[], filesOnDisk: ReadonlyMap<string, string>, options: CheckOptions = {}): DiagramCheck {
  const svg = options.svg ?? true;
  const missing: string[] = [];
  const stale: StaleFile[] = [];
  const wanted = new Set<string>();
  for (const d of expected) {
    const mmd = `${d.name}.mmd`;
    wanted.add(mmd);
    const text = filesOnDisk.get(mmd);
    if (text === undefined) missing.push(mmd);
    else if (text !== d.mermaid) stale.push({ file: mmd, reason: `differs from the text generated from the models (${firstDifference(text, d.mermaid)})` });
    if (!svg) continue;
    const svgFile = `${d.name}.svg`;
    wanted.add(svgFile);
    const image = filesOnDisk.get(svgFile);
    if (image === undefined) missing.push(svgFile);
    else {
      const hash = readSourceHash(image);
      const want = sourceHash(d.mermaid);
      if (hash === null) stale.push({ file: svgFile, reason: 'carries no source hash (not rendered by evs-workbench)' });
      else if (hash !== want) stale.push({ file: svgFile, reason: `was rendered from other text (source hash ${hash.slice(0, 12)}…, expected ${want.slice(0, 12)}…)` });
    }
  }
  const extra: ExtraFile[] = [...filesOnDisk]
    .filter(([file]) => /\.(mmd|svg)$/.test(file) && !wanted.has(file) && !(svg === false && file.endsWith('.svg') && expected.some((d) => `${d.name}.svg` === file)))
    .map(([file, content]) => ({ file, generated: content.includes(GENERATED_MARKER) || readSourceHash(content) !== null }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
  const ok = missing.length === 0 && stale.length === 0 && !extra.some((e) => e.generated);
  return { ok, missing, stale, extra };
}

/** `line 12: "..." instead of "..."`, for a readable stale message. */
function firstDifference(actual: string, wanted: string): string {
  const a = actual.split('\n');
  const w = wanted.split('\n');
  for (let i = 0; i < Math.max(a.length, w.length); i += 1) {
    if (a[i] !== w[i]) return `line ${i + 1}: ${JSON.stringify(clip(a[i] ?? '<end of file>'))} instead of ${JSON.stringify(clip(w[i] ?? '<end of file>'))}`;
  }
  return 'identical lines, different bytes';
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
