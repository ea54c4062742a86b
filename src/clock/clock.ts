/**
 * Time is a port: production uses the system clock, tests and model-driven
 * runs use a SimulatedClock that only moves when told to.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const DAY_MS = 86_400_000;

export const systemClock: Clock = { now: () => Date.now() };

export class SimulatedClock implements Clock {
  private current: number;

  constructor(startMs: number = Date.UTC(2026, 0, 1)) {
    if (!Number.isFinite(startMs)) throw new RangeError(`SimulatedClock start must be finite, got ${startMs}`);
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a clock only moves forward; got ${ms} ms`);
    this.current += ms;
  }

  advanceDays(days: number): void {
    this.advance(days * DAY_MS);
  }

  set(ms: number): void {
    if (ms < this.current) throw new RangeError(`a clock only moves forward; ${ms} is before ${this.current}`);
    this.current = ms;
  }
}
