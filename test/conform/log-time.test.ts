import { describe, expect, it } from 'vitest';
import { formatLogTime, parseLogTime } from '../../src/conform/log-time.ts';

describe('parseLogTime', () => {
  it('reads UTC timestamps with optional fractions', () => {
    expect(parseLogTime('2026-01-01T00:00:00Z')).toBe(Date.UTC(2026, 0, 1));
    expect(parseLogTime('2026-01-01T00:00:00.250Z')).toBe(Date.UTC(2026, 0, 1) + 250);
    expect(parseLogTime('2028-02-29T23:59:59Z')).toBe(Date.UTC(2028, 1, 29, 23, 59, 59));
  });

  it('applies offsets', () => {
    expect(parseLogTime('2026-01-01T08:00:00+08:00')).toBe(Date.UTC(2026, 0, 1));
    expect(parseLogTime('2025-12-31T19:00:00-05:00')).toBe(Date.UTC(2026, 0, 1));
  });

  it('rejects impossible dates and times instead of rolling them over', () => {
    for (const bad of ['2026-02-29T00:00:00Z', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:60:00Z', '2026-01-00T00:00:00Z']) {
      expect(parseLogTime(bad), bad).toBeNull();
    }
  });

  it('rejects other formats', () => {
    for (const bad of ['2026-01-01', '2026-01-01 00:00:00Z', '2026-01-01T00:00:00', '1767225600000', 'Thu, 01 Jan 2026 00:00:00 GMT', '2026-01-01T00:00:00+0800']) {
      expect(parseLogTime(bad), bad).toBeNull();
    }
  });

  it('formats back without empty milliseconds', () => {
    expect(formatLogTime(Date.UTC(2026, 0, 8, 12))).toBe('2026-01-08T12:00:00Z');
    expect(formatLogTime(Date.UTC(2026, 0, 8) + 5)).toBe('2026-01-08T00:00:00.005Z');
  });
});
