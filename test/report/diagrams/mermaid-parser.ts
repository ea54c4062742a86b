import { Window } from 'happy-dom';

/**
 * Mermaid's own parser, run in plain Node: Mermaid needs a DOM (DOMPurify) at
 * import time, so a happy-dom window is installed before the first import.
 * `parseMermaid` rejects with Mermaid's message when the text does not parse.
 */
type MermaidApi = { parse(text: string): Promise<unknown> };

let loading: Promise<MermaidApi> | null = null;

function load(): Promise<MermaidApi> {
  if (loading === null) {
    const g = globalThis as Record<string, unknown>;
    if (g['window'] === undefined) {
      const window = new Window();
      g['window'] = window;
      g['document'] = window.document;
    }
    loading = import('mermaid').then((m) => m.default);
  }
  return loading;
}

export async function parseMermaid(text: string): Promise<void> {
  const mermaid = await load();
  await mermaid.parse(text);
}

/** The diagram type Mermaid detects, or the parse error message. */
export async function mermaidVerdict(text: string): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await parseMermaid(text);
    return { ok: true };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
