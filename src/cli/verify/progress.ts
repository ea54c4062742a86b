import type { TextSink } from '../io.ts';

/**
 * Progress on long work: the phase, counts and elapsed time. On a terminal
 * one line is rewritten in place; otherwise plain lines, at most one every
 * few seconds per phase, so CI logs stay readable.
 */
export class Progress {
  private phase = '';
  private phaseStart = 0;
  private lastLine = 0;
  private readonly runStart: number;

  constructor(
    private readonly out: TextSink,
    private readonly now: () => number,
    private readonly quiet = false,
  ) {
    this.runStart = now();
  }

  private elapsed(): string {
    return `${((this.now() - this.runStart) / 1000).toFixed(1)}s`;
  }

  start(phase: string): void {
    this.endLine();
    this.phase = phase;
    this.phaseStart = this.now();
    this.lastLine = 0;
    if (!this.quiet) this.out.write(`[${this.elapsed()}] ${phase}…\n`);
  }

  update(detail: string): void {
    if (this.quiet) return;
    const t = this.now();
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K[${this.elapsed()}] ${this.phase}: ${detail}`);
      this.lastLine = t;
    } else if (t - this.lastLine >= 5000) {
      this.out.write(`[${this.elapsed()}] ${this.phase}: ${detail}\n`);
      this.lastLine = t;
    }
  }

  done(summary: string): void {
    this.endLine();
    if (!this.quiet) this.out.write(`[${this.elapsed()}] ${this.phase}: ${summary} (${((this.now() - this.phaseStart) / 1000).toFixed(1)}s)\n`);
  }

  private endLine(): void {
    if (this.out.isTTY && this.lastLine > 0) this.out.write('\n');
    this.lastLine = 0;
  }
}
