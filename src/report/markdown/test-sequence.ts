import type { SequenceStep } from '../diagrams/sequence-diagram.ts';
import { sequenceToMermaid } from '../diagrams/sequence-diagram.ts';
import type { FailureRecord, TestRecord } from '../results.ts';

/**
 * A failing test's counterexample as a Mermaid sequence diagram: the user
 * sends each event to the component that decides it (KMS for key events,
 * EVS for disk events, the clock for time), refused steps end in a cross,
 * and the step where the implementation and the model disagree sits on a
 * red band with both answers in a note. Used by the Markdown report and,
 * rendered to SVG by the CLI, by the HTML report. Pure.
 */

/** The component that decides an event, from its name (`key.disable k1` → `KMS`). */
export function targetOf(event: string): string {
  const head = event.trim().split(/[.\s]/, 1)[0] ?? '';
  switch (head) {
    case 'key':
    case 'kms':
      return 'KMS';
    case 'disk':
    case 'server':
    case 'snapshot':
    case 'backup':
    case 'image':
      return 'EVS';
    case 'clock':
      return 'clock';
    default:
      return 'system';
  }
}

export function failureSequenceSteps(failure: FailureRecord): SequenceStep[] {
  return failure.steps.map((s) => {
    const target = targetOf(s.event);
    if (s.index === failure.stepIndex) {
      return { actor: 'user', target, label: s.event, outcome: 'failed', note: `model: ${failure.expected}, implementation: ${failure.actual}` };
    }
    if (s.expected !== 'ok') return { actor: 'user', target, label: s.event, outcome: 'refused', note: `refused ${s.expected}` };
    return { actor: 'user', target, label: s.event, outcome: 'ok' };
  });
}

/** The Mermaid text of a failing test's sequence diagram; null for a passing test. */
export function failureSequenceMermaid(test: TestRecord): string | null {
  if (test.failure === null) return null;
  return sequenceToMermaid(failureSequenceSteps(test.failure), { title: `${test.id}: ${test.failure.event}` });
}
