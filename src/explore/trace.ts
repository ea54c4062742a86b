import { formatEvent, type Outcome, type SystemEvent, type SystemState } from '../../models/index.ts';

/** One step of a trace: the event taken (null for the initial state), what the model said, and the state after. */
export interface TraceStep {
  readonly event: SystemEvent | null;
  readonly outcome: Outcome | null;
  readonly state: SystemState;
}

export interface Trace {
  readonly description: string;
  readonly config: string;
  readonly steps: readonly TraceStep[];
}

/** The events of a trace, in order (what a test replays). */
export function traceEvents(trace: Trace): SystemEvent[] {
  return trace.steps.flatMap((s) => (s.event ? [s.event] : []));
}

export function summarize(state: SystemState): string {
  const keys = Object.entries(state.keys).map(([id, k]) => `${id}=${k.value}${k.context.remainingDays !== null ? `(${k.context.remainingDays}d)` : ''}`);
  const disks = Object.entries(state.disks).map(([id, d]) => `${id}=${d.value}${d.context.serverId ? `@${d.context.serverId}` : ''}${d.context.dkInMemory ? '+DK' : ''}`);
  return [`agency=${state.agency ? 'yes' : 'no'}`, ...keys, ...disks].join(' ');
}

/** A trace printed step by step, state by state and event by event. */
export function formatTrace(trace: Trace): string {
  const lines = [`${trace.description} (config ${trace.config}, ${trace.steps.length - 1} steps)`];
  trace.steps.forEach((s, i) => {
    if (s.event === null) {
      lines.push(`  0. initial: ${summarize(s.state)}`);
      return;
    }
    const verdict = s.outcome === null ? '' : s.outcome.kind === 'ok' ? ' ✓' : ` ⟂ ${s.outcome.code}`;
    lines.push(`  ${i}. ${formatEvent(s.event)}${verdict}`);
    lines.push(`     → ${summarize(s.state)}`);
  });
  return lines.join('\n');
}

/**
 * The trace in the spirit of the Informal Trace Format (ITF, as used by
 * Apalache and Quint): `#meta`, `vars`, and one object per state with its
 * `#meta.index`. Besides the state variables each state carries the event
 * that led to it and the model's outcome.
 */
export interface ItfTrace {
  readonly '#meta': { readonly format: 'ITF'; readonly 'format-description': string; readonly description: string; readonly config: string };
  readonly vars: readonly string[];
  readonly states: ReadonlyArray<Record<string, unknown>>;
}

export function toItf(trace: Trace): ItfTrace {
  return {
    '#meta': {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      description: trace.description,
      config: trace.config,
    },
    vars: ['agency', 'keys', 'disks', 'day', 'action', 'outcome'],
    states: trace.steps.map((s, index) => ({
      '#meta': { index },
      agency: s.state.agency,
      keys: s.state.keys,
      disks: s.state.disks,
      day: s.state.day,
      action: s.event,
      outcome: s.outcome,
    })),
  };
}
