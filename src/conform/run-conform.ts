import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { WorkbenchError } from '../errors/workbench-error.ts';
import type { LineProblem, LogLine } from './log-line.ts';
import { stepMonitor, type Violation } from './monitor.ts';
import { initialMonitorState } from './monitor-state.ts';
import { parseLogLine } from './parse-line.ts';

/**
 * Streams an event log line by line through the monitor. Memory stays
 * constant in the number of lines: only the monitor state (live ids) and the
 * first `maxViolations` violations are kept; later violations are counted.
 * An unreadable line stops the run with a `WorkbenchError` (CLI.04xx) that
 * names the line and what to fix.
 */
export interface ConformOptions {
  /** How many violations to keep in the report (all are counted). Default 1000. */
  readonly maxViolations?: number;
  /** Called with each kept violation as soon as it is found. */
  readonly onViolation?: (v: Violation) => void;
  /** Called every `progressEvery` events (default 100 000) with the count so far. */
  readonly onProgress?: (events: number) => void;
  readonly progressEvery?: number;
}

export interface ConformReport {
  readonly conformant: boolean;
  /** Lines checked (blank lines are not events). */
  readonly events: number;
  /** The first `maxViolations` violations, in log order; the first is the headline. */
  readonly violations: readonly Violation[];
  /** All violations found, kept or not. */
  readonly violationCount: number;
  readonly truncated: boolean;
}

export const DEFAULT_MAX_VIOLATIONS = 1000;

export function unreadable(problem: LineProblem, source: string): WorkbenchError {
  return new WorkbenchError({
    code: problem.code,
    message: `${source}: ${problem.message}`,
    fix: problem.fix,
    data: { line: problem.lineNumber },
  });
}

/** Checks a whole log. `source` names it in error messages (a path, or `stdin`). */
export async function conformStream(input: Readable, source: string, options: ConformOptions = {}): Promise<ConformReport> {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const tally = new Tally(source, options);
  let lineNumber = 0;
  let completed = false;
  try {
    for await (const raw of rl) {
      lineNumber += 1;
      const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') continue;
      const parsed = parseLogLine(text, lineNumber);
      if (!parsed.ok) throw unreadable(parsed.problem, source);
      tally.add(parsed.line);
    }
    completed = true;
  } finally {
    rl.close();
    if (!completed) input.destroy();
  }
  return tally.report();
}

/**
 * Checks lines that are already typed, e.g. translated from a CloudTrail or
 * CTS trail (src/conform/formats): the same monitor, counting and options as
 * `conformStream`. An unreadable line (time going backwards) stops the run
 * with a `WorkbenchError` naming `line.lineNumber`.
 */
export async function conformLogLines(lines: AsyncIterable<LogLine>, source: string, options: ConformOptions = {}): Promise<ConformReport> {
  const tally = new Tally(source, options);
  for await (const line of lines) tally.add(line);
  return tally.report();
}

/** The monitor state and the counts of one run; shared by the streaming runners. */
class Tally {
  private state = initialMonitorState();
  private events = 0;
  private violationCount = 0;
  private readonly violations: Violation[] = [];
  private readonly max: number;
  private readonly every: number;

  constructor(
    private readonly source: string,
    private readonly options: ConformOptions,
  ) {
    this.max = options.maxViolations ?? DEFAULT_MAX_VIOLATIONS;
    this.every = options.progressEvery ?? 100_000;
  }

  add(line: LogLine): void {
    const step = stepMonitor(this.state, line);
    if (step.verdict.kind === 'unreadable') throw unreadable(step.verdict.problem, this.source);
    this.state = step.state;
    this.events += 1;
    if (step.verdict.kind === 'violation') {
      this.violationCount += 1;
      if (this.violations.length < this.max) {
        this.violations.push(step.verdict.violation);
        this.options.onViolation?.(step.verdict.violation);
      }
    }
    if (this.options.onProgress && this.events % this.every === 0) this.options.onProgress(this.events);
  }

  report(): ConformReport {
    const { events, violations, violationCount } = this;
    return { conformant: violationCount === 0, events, violations, violationCount, truncated: violationCount > violations.length };
  }
}

/** Checks a log held in memory (tests, small inputs): the same monitor, without a stream. */
export function conformLines(lines: readonly string[], source = 'log'): ConformReport {
  let state = initialMonitorState();
  let events = 0;
  const violations: Violation[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    const parsed = parseLogLine(text, i + 1);
    if (!parsed.ok) throw unreadable(parsed.problem, source);
    const step = stepMonitor(state, parsed.line);
    if (step.verdict.kind === 'unreadable') throw unreadable(step.verdict.problem, source);
    state = step.state;
    events += 1;
    if (step.verdict.kind === 'violation') violations.push(step.verdict.violation);
  });
  return { conformant: violations.length === 0, events, violations, violationCount: violations.length, truncated: false };
}
