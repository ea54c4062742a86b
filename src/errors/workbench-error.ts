/**
 * The one error type of evs-workbench. Every failure carries a stable code,
 * what went wrong (message) and how to fix it (fix), plus optional data.
 * Codes follow the owning component: `KMS.xxxx` (the KMS's own codes),
 * `EVS.xxxx` (disks, servers, snapshots, backups, images), `XTS.xxxx`,
 * `HSM.xxxx`, `STORE.xxxx`, `CLI.xxxx`, `MODEL.xxxx`, `CONFIG.xxxx`.
 */
export interface ErrorInit {
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

export class WorkbenchError extends Error {
  readonly code: string;
  readonly fix: string;
  readonly data: Readonly<Record<string, unknown>>;

  constructor(init: ErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'WorkbenchError';
    this.code = init.code;
    this.fix = init.fix;
    this.data = init.data ?? {};
  }

  /** One line for terminals: `[CODE] message. Fix: fix` */
  describe(): string {
    return `[${this.code}] ${this.message} Fix: ${this.fix}`;
  }

  toJSON(): { code: string; message: string; fix: string; data: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, fix: this.fix, data: this.data };
  }
}

export function isWorkbenchError(e: unknown): e is WorkbenchError {
  return e instanceof WorkbenchError;
}

/** Narrows an unknown thrown value to a message, keeping the code when there is one. */
export function describeError(e: unknown): string {
  if (e instanceof WorkbenchError) return e.describe();
  if (e instanceof Error) return e.message;
  return String(e);
}
