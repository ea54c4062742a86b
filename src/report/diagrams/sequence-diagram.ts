import { frontMatter, MermaidIds, mermaidText } from './mermaid-text.ts';

/**
 * A run of the system, step by step, as a Mermaid `sequenceDiagram`: used to
 * show a counterexample. Participants appear in order of first mention; steps
 * are numbered; a refused request ends in a cross, a failed step (where the
 * implementation and the model disagree) is drawn on a red band. Pure.
 */
export interface SequenceStep {
  /** Who sends the request (`user`, `EVS`, ...). */
  readonly actor: string;
  /** Who receives it (`KMS`, `disk d1`, ...). */
  readonly target: string;
  /** The request, e.g. `disk.attach d1 → s1`. */
  readonly label: string;
  /** `ok`: accepted; `refused`: refused as the model expects; `failed`: this step is where the run went wrong. */
  readonly outcome: 'ok' | 'refused' | 'failed';
  /** Extra text shown beside the target, e.g. `refused EVS.2001 (key disabled)` or `model: ok, implementation: KMS.0209`. */
  readonly note?: string;
}

export interface SequenceOptions {
  readonly title?: string;
}

const FAILED_BAND = 'rect rgb(255, 214, 214)';

export function sequenceToMermaid(steps: readonly SequenceStep[], options: SequenceOptions = {}): string {
  const ids = new MermaidIds('p_');
  const names: string[] = [];
  for (const s of steps) for (const who of [s.actor, s.target]) if (!names.includes(who)) names.push(who);
  const lines = [...frontMatter(options.title), 'sequenceDiagram', '  autonumber'];
  for (const name of names) lines.push(`  participant ${ids.of(name)} as ${mermaidText(name)}`);
  for (const s of steps) {
    const from = ids.of(s.actor);
    const to = ids.of(s.target);
    const body: string[] = [];
    switch (s.outcome) {
      case 'ok':
        body.push(`${from}->>${to}: ${mermaidText(s.label)}`);
        break;
      case 'refused':
        body.push(`${from}-x${to}: ${mermaidText(s.label)} ⟂ refused`);
        break;
      case 'failed':
        body.push(`${from}-x${to}: ${mermaidText(s.label)} ✗ FAILED`);
        break;
    }
    if (s.note !== undefined && s.note.trim().length > 0) {
      const where = from === to ? `right of ${to}` : `over ${from},${to}`;
      body.push(`Note ${where}: ${mermaidText(s.note)}`);
    }
    if (s.outcome === 'failed') lines.push(`  ${FAILED_BAND}`, ...body.map((l) => `    ${l}`), '  end');
    else lines.push(...body.map((l) => `  ${l}`));
  }
  return `${lines.join('\n')}\n`;
}
