import { WorkbenchError } from '../errors/workbench-error.ts';

/** How to get a working SoftHSM2 token; part of every HSM.0001 fix. */
export const SOFTHSM_SETUP =
  'Install SoftHSM2 (apt-get install softhsm2; module /usr/lib/softhsm/libsofthsm2.so), point SOFTHSM2_CONF at a softhsm2.conf whose directories.tokendir is a writable folder, ' +
  'and initialise a token: softhsm2-util --init-token --free --label <tokenLabel> --pin <pin> --so-pin <soPin>. ' +
  'Then pass that module path, token label and user PIN.';

/** HSM.0001: the HSM (module, token, login) is unavailable. */
export function hsmUnavailable(message: string, fix: string, data: Record<string, unknown>, cause?: unknown): WorkbenchError {
  return new WorkbenchError({ code: 'HSM.0001', message, fix: `${fix} ${SOFTHSM_SETUP}`, data, cause });
}

/** HSM.0002: an operation inside the HSM failed. */
export function hsmOperationFailed(message: string, fix: string, data: Record<string, unknown>, cause?: unknown): WorkbenchError {
  return new WorkbenchError({ code: 'HSM.0002', message, fix, data, cause });
}

/** The PKCS#11 return-value name of an error thrown by pkcs11js (e.g. `CKR_PIN_INCORRECT`), or null. */
export function pkcs11ErrorName(e: unknown): string | null {
  if (!(e instanceof Error)) return null;
  const match = /CKR_[A-Z_]+/.exec(e.message);
  return match ? match[0] : null;
}

export function causeText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
