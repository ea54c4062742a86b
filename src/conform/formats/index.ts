/**
 * Reading real audit trails for `conform`: AWS CloudTrail and Open Telekom
 * Cloud CTS records translated into our log lines, judged by the same
 * monitor. See README.md in this folder for the translation tables, the
 * error-code table, what is skipped and the size limit.
 */
export { TRAIL_FORMATS, FORMAT_TITLES, SKIP_REASONS, TRAIL_TOO_LARGE, parseInputFormat } from './trail-format.ts';
export type { InputFormat, TrailFormatName, SkipReason, Translation, RecordTranslator, TrailFormatSpec } from './trail-format.ts';
export { CLOUDTRAIL_FORMAT, CLOUDTRAIL_EVENTS, CLOUDTRAIL_STATE_CHANGING, AWS_DEFAULT_PENDING_DAYS } from './cloudtrail.ts';
export { KeyAliases, parseKeyRef, DEFAULT_KEY } from './cloudtrail-keys.ts';
export type { KeyRef } from './cloudtrail-keys.ts';
export { CTS_FORMAT, CTS_TRACES, CTS_STATE_CHANGING, serviceCodeOf } from './cts.ts';
export { FAILURE_CODES, modelCodeFor, modelCodeFromServiceCode } from './failure-codes.ts';
export type { FailureCause } from './failure-codes.ts';
export { AWS_ERROR_TABLE, classifyAwsError } from './aws-error-table.ts';
export type { AwsOutcome } from './aws-error-table.ts';
export { TrailReader, DEFAULT_MAX_DOCUMENT_BYTES } from './read-records.ts';
export type { TrailRecord } from './read-records.ts';
export { TrailTranslation } from './trail-lines.ts';
export type { TrailStats } from './trail-lines.ts';
export { conformTrail, TRAIL_SPECS } from './conform-trail.ts';
export type { TrailConformOptions, TrailReport } from './conform-trail.ts';
export { formatTrailViolation, formatTrailSummary, formatTrailVerdict, trailReportToJson } from './format-trail-report.ts';
export type { TrailJson } from './format-trail-report.ts';
