/**
 * Conformance of recorded event logs (JSON Lines) to the model: a line
 * parser, a pure monitor (state + line -> verdict), a streaming runner and
 * report renderings. See README.md in this folder for the log format and the
 * judging rules.
 */
export { parseLogLine, OP_SIGNATURES } from './parse-line.ts';
export type { ParseResult } from './parse-line.ts';
export { CONFORM_INPUT_CODES, describeOp } from './log-line.ts';
export type { LogLine, LogOp, LogOpName, LineHeader, LineProblem, ConformInputCode } from './log-line.ts';
export { parseLogTime, formatLogTime } from './log-time.ts';
export { initialMonitorState, EMPTY_SYSTEM } from './monitor-state.ts';
export type { MonitorState, Attribute, KeyTiming, DiskHistory } from './monitor-state.ts';
export { stepMonitor } from './monitor.ts';
export type { Violation, ViolationKind, LineVerdict, MonitorStep } from './monitor.ts';
export { requirementFor } from './requirement-map.ts';
export type { ViolationSide } from './requirement-map.ts';
export { conformStream, conformLines, DEFAULT_MAX_VIOLATIONS } from './run-conform.ts';
export type { ConformOptions, ConformReport } from './run-conform.ts';
export { formatViolation, formatVerdict, formatReport, reportToJson } from './format-report.ts';
export type { ConformJson } from './format-report.ts';
