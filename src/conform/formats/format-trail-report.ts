import { formatVerdict, reportToJson, type ConformJson } from '../format-report.ts';
import type { Violation } from '../monitor.ts';
import type { TrailReport } from './conform-trail.ts';
import { SKIP_REASONS, type SkipReason, type TrailFormatName } from './trail-format.ts';
import type { TrailStats } from './trail-lines.ts';

/**
 * Renderings of a trail's conformance report: pure functions from data to
 * text. As for our own logs, plus what the translation did: how many
 * records were read, translated and skipped (and why), and a warning when
 * skipped records change volumes or keys the model tracks.
 */

/** `seq 12 (Records[14])  attachDisk  T1-DISABLED-DETACHED-IMPACT  attachDisk vol-… → i-… succeeded, but …` */
export function formatTrailViolation(v: Violation, where: string): string {
  return `seq ${v.seq} (${where})  ${v.op}  ${v.requirement ?? '(no seed requirement)'}  ${v.message}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The lines printed after the verdict: what was read, translated and skipped. */
export function formatTrailSummary(title: string, stats: TrailStats): string[] {
  const reasons = (Object.entries(stats.skippedByReason) as Array<[SkipReason, number]>).map(([reason, n]) => `${n} ${SKIP_REASONS[reason]}`);
  const added = stats.synthetic > 0 ? ` (plus ${plural(stats.synthetic, 'grantKmsAccess line')} added at the start)` : '';
  const lines = [
    `Read ${plural(stats.records, `${title} record`)}: ${stats.translated} translated into log lines${added}, ${stats.skipped} skipped${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}.`,
  ];
  if (stats.stateChanging.length > 0) {
    lines.push(
      `Warning: skipped records change volumes or keys the model tracks (${stats.stateChanging.join(', ')}); verdicts about those volumes and keys may be wrong.`,
    );
  }
  return lines;
}

export function formatTrailVerdict(title: string, report: TrailReport): string {
  return [formatVerdict(report), ...formatTrailSummary(title, report.stats)].join('\n');
}

export interface TrailJson extends Omit<ConformJson, 'violations'> {
  readonly violations: ReadonlyArray<ConformJson['violations'][number] & { readonly record: string }>;
  readonly format: TrailFormatName;
  readonly records: number;
  readonly translated: number;
  readonly skipped: number;
  readonly skippedByReason: Readonly<Partial<Record<SkipReason, number>>>;
  readonly stateChanging: readonly string[];
}

/** The JSON report of our own logs, each violation naming its `record`, plus the translation counts. */
export function trailReportToJson(report: TrailReport): TrailJson {
  const base = reportToJson(report);
  return {
    ...base,
    violations: base.violations.map((v, i) => ({ ...v, record: report.where[i] ?? `line ${v.line}` })),
    format: report.format,
    records: report.stats.records,
    translated: report.stats.translated,
    skipped: report.stats.skipped,
    skippedByReason: report.stats.skippedByReason,
    stateChanging: report.stats.stateChanging,
  };
}
