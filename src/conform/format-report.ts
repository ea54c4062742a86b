import type { Violation } from './monitor.ts';
import type { ConformReport } from './run-conform.ts';

/**
 * Renderings of a conformance report: pure functions from data to text.
 * Human: one line per violation, then a verdict line. JSON: exactly
 * `{ conformant, events, violations: [{ seq, op, requirement, message, ... }] }`
 * followed by the extra fields `violationCount` and `truncated`.
 */

/** `seq 12  attachDisk  T1-DISABLED-DETACHED-IMPACT  attachDisk d1 → s1 succeeded, but ...` */
export function formatViolation(v: Violation): string {
  return `seq ${v.seq} (line ${v.line})  ${v.op}  ${v.requirement ?? '(no seed requirement)'}  ${v.message}`;
}

export function formatVerdict(report: ConformReport): string {
  const events = `${report.events} event${report.events === 1 ? '' : 's'}`;
  if (report.conformant) return `CONFORMANT: ${events}, no violations.`;
  const first = report.violations[0];
  const headline = first ? ` First: seq ${first.seq} ${first.op}${first.requirement ? ` (${first.requirement})` : ''}.` : '';
  const shown = report.truncated ? ` (${report.violations.length} listed; use --max-violations to list more)` : '';
  return `NOT CONFORMANT: ${report.violationCount} violation${report.violationCount === 1 ? '' : 's'} in ${events}${shown}.${headline}`;
}

/** The whole human report (violations, then the verdict), as printed when not streaming. */
export function formatReport(report: ConformReport): string {
  return [...report.violations.map(formatViolation), formatVerdict(report)].join('\n') + '\n';
}

export interface ConformJson {
  readonly conformant: boolean;
  readonly events: number;
  readonly violations: ReadonlyArray<{
    readonly seq: number;
    readonly op: string;
    readonly requirement: string | null;
    readonly message: string;
    readonly line: number;
    readonly kind: string;
    readonly expected: string;
    readonly actual: string;
    readonly decidedBy: string;
  }>;
  readonly violationCount: number;
  readonly truncated: boolean;
}

export function reportToJson(report: ConformReport): ConformJson {
  return {
    conformant: report.conformant,
    events: report.events,
    violations: report.violations.map((v) => ({
      seq: v.seq,
      op: v.op,
      requirement: v.requirement,
      message: v.message,
      line: v.line,
      kind: v.kind,
      expected: v.expected,
      actual: v.actual,
      decidedBy: v.decidedBy,
    })),
    violationCount: report.violationCount,
    truncated: report.truncated,
  };
}
