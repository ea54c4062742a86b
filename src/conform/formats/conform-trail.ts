import type { Readable } from 'node:stream';
import type { Violation } from '../monitor.ts';
import { conformLogLines, type ConformOptions, type ConformReport } from '../run-conform.ts';
import { CLOUDTRAIL_FORMAT } from './cloudtrail.ts';
import { CTS_FORMAT } from './cts.ts';
import { TrailReader } from './read-records.ts';
import { TrailTranslation, type TrailStats } from './trail-lines.ts';
import type { TrailFormatName, TrailFormatSpec } from './trail-format.ts';

/**
 * Checks a CloudTrail or CTS trail against the model: read the records
 * (read-records.ts), translate them (trail-lines.ts), and run the same
 * monitor as for our own logs (`conformLogLines`).
 */
export const TRAIL_SPECS: Readonly<Record<TrailFormatName, TrailFormatSpec>> = {
  cloudtrail: CLOUDTRAIL_FORMAT,
  cts: CTS_FORMAT,
};

export interface TrailConformOptions extends Omit<ConformOptions, 'onViolation'> {
  /** Called with each kept violation and the record it came from (`line 7`, `Records[6]`). */
  readonly onViolation?: (v: Violation, where: string) => void;
  /** Limit for a document parsed whole (default 64 MiB). */
  readonly maxDocumentBytes?: number;
}

export interface TrailReport extends ConformReport {
  readonly format: TrailFormatName;
  readonly stats: TrailStats;
  /** For each kept violation (same order), the record it came from. */
  readonly where: readonly string[];
}

export async function conformTrail(format: TrailFormatName, input: Readable, source: string, options: TrailConformOptions = {}): Promise<TrailReport> {
  const spec = TRAIL_SPECS[format];
  const reader = new TrailReader(spec, source, options.maxDocumentBytes);
  const translation = new TrailTranslation(spec, source);
  const { onViolation, maxDocumentBytes: _limit, ...rest } = options;
  const report = await conformLogLines(translation.lines(reader.records(input)), source, {
    ...rest,
    ...(onViolation ? { onViolation: (v: Violation) => onViolation(v, reader.label(v.line)) } : {}),
  });
  return { ...report, format, stats: translation.stats(), where: report.violations.map((v) => reader.label(v.line)) };
}
