/**
 * The root key of the KMS, held in software (development) or in a PKCS#11
 * HSM token (SoftHSM2 here). Everything else in the KMS sees only RootKey.
 */
export type { RootKey } from './root-key.ts';
export { openSoftwareRootKey, ROOT_KEY_FILE } from './software-root-key.ts';
export { openPkcs11RootKey, type Pkcs11Options } from './pkcs11-root-key.ts';
export { SOFTHSM_SETUP } from './hsm-errors.ts';
