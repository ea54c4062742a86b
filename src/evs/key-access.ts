import { WorkbenchError } from '../errors/workbench-error.ts';
import { noAgency } from './evs-errors.ts';
import type { KmsKeyState, KmsPort } from './kms-port.ts';

/** The KMS codes that mean "this key cannot be used right now (or ever again)". */
const UNUSABLE: Readonly<Record<string, Exclude<KmsKeyState, 'enabled'>>> = {
  'KMS.0209': 'disabled',
  'KMS.0210': 'pendingDeletion',
  'KMS.0207': 'deleted',
};

const KMS_CODE_OF: Readonly<Record<Exclude<KmsKeyState, 'enabled'>, string>> = {
  disabled: 'KMS.0209',
  pendingDeletion: 'KMS.0210',
  deleted: 'KMS.0207',
};

/** How to restore access to a key in each state (Table 1 of the seed). */
export function restoreAdvice(state: Exclude<KmsKeyState, 'enabled'>, keyId: string): string {
  switch (state) {
    case 'disabled':
      return `Enable the CMK ${keyId} (KMS: Enabling One or More CMKs), then retry.`;
    case 'pendingDeletion':
      return `Cancel the scheduled deletion of the CMK ${keyId} (this leaves it disabled), then enable it, then retry.`;
    case 'deleted':
      return `None: the CMK ${keyId} is deleted, so the data on disks encrypted with it can never be restored; delete those disks.`;
  }
}

const STATE_WORDS: Readonly<Record<Exclude<KmsKeyState, 'enabled'>, string>> = {
  disabled: 'disabled',
  pendingDeletion: 'scheduled for deletion (pendingDeletion)',
  deleted: 'deleted',
};

export type KeyUse = { code: 'EVS.2001'; diskId: string } | { code: 'EVS.2002'; what: string };

/**
 * EVS's side of the KMS: agency and key checks before creating encrypted
 * disks, data key generation, unwrapping and re-wrapping, with KMS failures
 * turned into EVS.2001 (attach) or EVS.2002 (create) carrying the key state.
 */
export class KeyAccess {
  constructor(private readonly kms: KmsPort) {}

  /** The key for a new encrypted disk: agency (EVS.1201), the given key or evs/default, enabled (EVS.2002). */
  targetKey(project: string, keyIdOrAlias: string | undefined, what: string): string {
    if (!this.kms.hasEvsAccess(project)) throw noAgency(project);
    const info = keyIdOrAlias === undefined ? this.kms.defaultKey(project) : this.kms.describeKey(keyIdOrAlias, project);
    if (info.state !== 'enabled') throw this.unusable({ code: 'EVS.2002', what }, info.keyId, info.state, KMS_CODE_OF[info.state]);
    return info.keyId;
  }

  checkAgency(project: string): void {
    if (!this.kms.hasEvsAccess(project)) throw noAgency(project);
  }

  generate(keyId: string, diskId: string, use: KeyUse): { plaintext: Buffer; wrapped: Buffer } {
    return this.guard(keyId, use, () => this.kms.generateDataKey(keyId, { diskId }));
  }

  unwrap(keyId: string, wrapped: Buffer, diskId: string, use: KeyUse): Buffer {
    return this.guard(keyId, use, () => this.kms.decryptDataKey(keyId, wrapped, { diskId }));
  }

  /** The same DK wrapped for another disk's context; the plaintext is returned too (caller zeroes it). */
  rewrap(keyId: string, wrapped: Buffer, fromDiskId: string, toDiskId: string, use: KeyUse): { plaintext: Buffer; wrapped: Buffer } {
    const plaintext = this.unwrap(keyId, wrapped, fromDiskId, use);
    try {
      return { plaintext, wrapped: this.guard(keyId, use, () => this.kms.encryptDataKey(keyId, plaintext, { diskId: toDiskId })) };
    } catch (e) {
      plaintext.fill(0);
      throw e;
    }
  }

  private guard<T>(keyId: string, use: KeyUse, call: () => T): T {
    try {
      return call();
    } catch (e) {
      if (!(e instanceof WorkbenchError)) throw e;
      const byCode = UNUSABLE[e.code];
      if (byCode === undefined) throw e;
      throw this.unusable(use, keyId, this.stateOf(keyId) ?? byCode, e.code, e);
    }
  }

  private stateOf(keyId: string): Exclude<KmsKeyState, 'enabled'> | undefined {
    try {
      const state = this.kms.describeKey(keyId).state;
      return state === 'enabled' ? undefined : state;
    } catch {
      return undefined;
    }
  }

  private unusable(use: KeyUse, keyId: string, keyState: Exclude<KmsKeyState, 'enabled'>, kmsCode: string, cause?: unknown): WorkbenchError {
    const advice = restoreAdvice(keyState, keyId);
    const subject = use.code === 'EVS.2001' ? `disk ${use.diskId} cannot be attached` : `${use.what} is refused`;
    return new WorkbenchError({
      code: use.code,
      message: `${subject}: its key ${keyId} is ${STATE_WORDS[keyState]}. To restore: ${advice}`,
      fix: advice,
      data: { keyId, keyState, kmsCode, ...(use.code === 'EVS.2001' ? { diskId: use.diskId } : {}) },
      cause,
    });
  }
}
