/**
 * What EVS needs from the KMS, as a port: the reference KMS (`src/kms/kms.ts`)
 * satisfies it structurally, and EVS depends on nothing else of it.
 */
export type KmsKeyState = 'enabled' | 'disabled' | 'pendingDeletion' | 'deleted';

export interface KmsKeyView {
  readonly keyId: string;
  readonly alias: string;
  readonly project: string;
  readonly state: KmsKeyState;
  readonly isDefault: boolean;
}

/** The KMS encryption context of a data key; EVS always binds a DK to `{ diskId }`. */
export type DataKeyContext = Readonly<Record<string, string>>;

export interface KmsPort {
  hasEvsAccess(project: string): boolean;
  /** The project's `evs/default` key, created on first use. */
  defaultKey(project: string): KmsKeyView;
  describeKey(keyIdOrAlias: string, project?: string): KmsKeyView;
  generateDataKey(keyId: string, context: DataKeyContext): { plaintext: Buffer; wrapped: Buffer };
  encryptDataKey(keyId: string, plaintext: Buffer, context: DataKeyContext): Buffer;
  decryptDataKey(keyId: string, wrapped: Buffer, context: DataKeyContext): Buffer;
}
