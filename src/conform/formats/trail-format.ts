import { WorkbenchError } from '../../errors/workbench-error.ts';
import { CONFORM_INPUT_CODES, type ConformInputCode, type LogOp } from '../log-line.ts';

/**
 * The input formats of `conform`: our own log lines, and two real audit
 * trails whose records a translator turns into zero or one of our lines so
 * that the same monitor judges them (see README.md in this folder).
 */
export const TRAIL_FORMATS = ['workbench', 'cloudtrail', 'cts'] as const;
export type InputFormat = (typeof TRAIL_FORMATS)[number];
/** The formats that need a translator. */
export type TrailFormatName = Exclude<InputFormat, 'workbench'>;

export const FORMAT_TITLES: Readonly<Record<InputFormat, string>> = {
  workbench: 'evs-workbench JSON Lines log',
  cloudtrail: 'AWS CloudTrail',
  cts: 'Open Telekom Cloud CTS',
};

/** Code for a document (`{"Records": [...]}`, a JSON array) larger than the limit for inputs parsed whole. */
export const TRAIL_TOO_LARGE = 'CLI.0408';

/** `--format` value → format; undefined → `workbench`. A bad value is a usage error listing the formats. */
export function parseInputFormat(text: string | undefined): InputFormat {
  if (text === undefined) return 'workbench';
  const found = TRAIL_FORMATS.find((f) => f === text);
  if (found) return found;
  throw new WorkbenchError({
    code: CONFORM_INPUT_CODES.badOption,
    message: `--format ${JSON.stringify(text)} is not a known input format; the formats are: ${TRAIL_FORMATS.join(', ')}.`,
    fix: `Pass --format ${TRAIL_FORMATS.join('|')} (default workbench: our own JSON Lines log).`,
  });
}

/** Why a record produced no log line. Counted per reason in the report. */
export type SkipReason =
  | 'not-translated'
  | 'changes-state'
  | 'not-authorized'
  | 'dry-run'
  | 'throttled'
  | 'service-fault'
  | 'quota'
  | 'servers-not-modelled'
  | 'request-validation'
  | 'key-alias'
  | 'failed-deletion-record';

export const SKIP_REASONS: Readonly<Record<SkipReason, string>> = {
  'not-translated': 'not a volume or key lifecycle event',
  'changes-state': 'not translated although it changes volumes or keys (see the warning)',
  'not-authorized': 'refused by access control (IAM), which the model does not cover',
  'dry-run': 'dry run: nothing happened',
  throttled: 'throttled: nothing happened',
  'service-fault': 'service-side fault: nothing the model decides',
  quota: 'quota or capacity limit, which the model does not cover',
  'servers-not-modelled': 'failed because of the server (instance), which the model does not cover',
  'request-validation': 'request validation (size, zone, type, policy), which the model does not cover',
  'key-alias': 'key alias record: used to resolve key names, not judged',
  'failed-deletion-record': 'a failed deletion record: not the end of a waiting period',
};

/** What one trail record becomes. */
export type Translation =
  | {
      readonly kind: 'line';
      readonly op: LogOp;
      readonly timeMs: number;
      readonly result: 'ok' | 'error';
      /** A model error code (our vocabulary), or null when the trail's failure has no exact equivalent. */
      readonly error: string | null;
    }
  | { readonly kind: 'skip'; readonly reason: SkipReason; readonly name: string }
  | { readonly kind: 'bad'; readonly message: string; readonly fix: string; readonly code: ConformInputCode };

/** Translates records of one trail, in order (a translator may remember things, e.g. key aliases). */
export interface RecordTranslator {
  translate(record: Readonly<Record<string, unknown>>, position: number): Translation;
}

/** What the reader and the driver need to know about a trail format. */
export interface TrailFormatSpec {
  readonly name: TrailFormatName;
  readonly title: string;
  /** Keys of a whole document whose array holds the records (`Records`, `Events`, `traces`). */
  readonly containers: readonly string[];
  /** A record's time in ms, for sorting a whole document (null when it has none or it is unreadable). */
  timeOf(record: Readonly<Record<string, unknown>>): number | null;
  /** Unwraps a record held inside another (e.g. `lookup-events`' `CloudTrailEvent` string); a string is a problem. */
  unwrap(record: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> | string;
  /** The account or project the trail belongs to, for the synthetic grantKmsAccess line. */
  projectOf(record: Readonly<Record<string, unknown>>): string | null;
  createTranslator(): RecordTranslator;
}
