import pkcs11js from 'pkcs11js';
import type { GcmParams, Mechanism, PKCS11, Template } from 'pkcs11js';
import type { RandomSource } from '../rng/random-source.ts';
import { causeText, hsmOperationFailed, hsmUnavailable } from './hsm-errors.ts';
import { acquirePkcs11Module, type Pkcs11Lease, type SessionHandle, type SlotHandle } from './pkcs11-module.ts';
import {
  decodeWrapped,
  effectiveAad,
  encodeWrapped,
  rootKeyClosed,
  unwrapFailed,
  WRAP_IV_BYTES,
  WRAP_TAG_BYTES,
  type RootKey,
} from './root-key.ts';

export interface Pkcs11Options {
  /** Path of the PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so */
  modulePath: string;
  tokenLabel: string;
  /** The user PIN of the token. */
  pin: string;
  /** CKA_LABEL of the AES-256 root key inside the token (generated there on first use). */
  keyLabel: string;
}

const KEY_BYTES = 32;

/**
 * The root key inside a PKCS#11 token (SoftHSM2 here, a FIPS 140-2 level 3
 * HSM in production). The key is generated in the token as sensitive and
 * non-extractable; wrapping and unwrapping run in the token with CKM_AES_GCM.
 */
export function openPkcs11RootKey(opts: Pkcs11Options, random: RandomSource): RootKey {
  checkOptions(opts);
  const lease = acquirePkcs11Module(opts.modulePath);
  let slot: SlotHandle | null = null;
  let session: SessionHandle | null = null;
  try {
    slot = lease.findTokenSlot(opts.tokenLabel);
    session = lease.openUserSession(slot, opts.pin);
    const key = findOrGenerateKey(lease.module, session, opts);
    return new Pkcs11RootKey(lease, slot, session, key, `pkcs11:token=${opts.tokenLabel};object=${opts.keyLabel}`, random);
  } catch (e) {
    if (slot !== null && session !== null) lease.closeSession(slot, session);
    lease.release();
    throw e;
  }
}

class Pkcs11RootKey implements RootKey {
  readonly kind = 'pkcs11';
  private closed = false;

  constructor(
    private readonly lease: Pkcs11Lease,
    private readonly slot: SlotHandle,
    private readonly session: SessionHandle,
    private readonly key: Buffer,
    readonly id: string,
    private readonly random: RandomSource,
  ) {}

  wrap(material: Buffer, aad: Buffer): Buffer {
    this.ensureOpen();
    const iv = this.random.bytes(WRAP_IV_BYTES);
    const module = this.lease.module;
    let sealed: Buffer;
    try {
      module.C_EncryptInit(this.session, gcm(iv, aad), this.key);
      sealed = module.C_Encrypt(this.session, material, Buffer.alloc(material.length + WRAP_TAG_BYTES));
    } catch (cause) {
      throw hsmOperationFailed(`wrapping under root key ${this.id} failed in the token: ${causeText(cause)}.`, 'Check that the token is present and the session is still open; reopen the root key.', { rootKeyId: this.id }, cause);
    }
    const cut = sealed.length - WRAP_TAG_BYTES; // PKCS#11 GCM output is ciphertext || tag
    return encodeWrapped({ iv, tag: Buffer.from(sealed.subarray(cut)), ciphertext: Buffer.from(sealed.subarray(0, cut)) });
  }

  unwrap(wrapped: Buffer, aad: Buffer): Buffer {
    this.ensureOpen();
    const { iv, tag, ciphertext } = decodeWrapped(wrapped, this.id);
    const module = this.lease.module;
    const out = Buffer.alloc(ciphertext.length + WRAP_TAG_BYTES);
    try {
      module.C_DecryptInit(this.session, gcm(iv, aad), this.key);
      const plain = module.C_Decrypt(this.session, Buffer.concat([ciphertext, tag]), out);
      const result = Buffer.from(plain);
      out.fill(0);
      return result;
    } catch (cause) {
      out.fill(0);
      throw unwrapFailed(this.id, cause); // SoftHSM reports a bad tag as CKR_GENERAL_ERROR or CKR_ENCRYPTED_DATA_INVALID
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.lease.closeSession(this.slot, this.session);
    } finally {
      this.lease.release();
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw rootKeyClosed(this.id);
  }
}

function gcm(iv: Buffer, aad: Buffer): Mechanism {
  const parameter: GcmParams = { type: pkcs11js.CK_PARAMS_GCM, iv, ivBits: WRAP_IV_BYTES * 8, aad: effectiveAad(aad), tagBits: WRAP_TAG_BYTES * 8 };
  return { mechanism: pkcs11js.CKM_AES_GCM, parameter };
}

function findOrGenerateKey(module: PKCS11, session: SessionHandle, opts: Pkcs11Options): Buffer {
  module.C_FindObjectsInit(session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
    { type: pkcs11js.CKA_LABEL, value: opts.keyLabel },
  ]);
  let found: Buffer[];
  try {
    found = module.C_FindObjects(session, 2);
  } finally {
    module.C_FindObjectsFinal(session);
  }
  const [first, second] = found;
  if (second !== undefined) {
    throw hsmUnavailable(`the token "${opts.tokenLabel}" holds several secret keys labelled "${opts.keyLabel}".`, 'Delete the duplicates in the token or choose another key label.', { tokenLabel: opts.tokenLabel, keyLabel: opts.keyLabel });
  }
  if (first !== undefined) {
    checkExistingKey(module, session, first, opts);
    return first;
  }
  try {
    return module.C_GenerateKey(session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, rootKeyTemplate(opts.keyLabel));
  } catch (cause) {
    throw hsmOperationFailed(`generating the AES-256 root key "${opts.keyLabel}" in token "${opts.tokenLabel}" failed: ${causeText(cause)}.`, 'Check that the token supports CKM_AES_KEY_GEN and has free space.', { tokenLabel: opts.tokenLabel, keyLabel: opts.keyLabel }, cause);
  }
}

/** The template of a root key: a token object that never leaves the token in clear. */
export function rootKeyTemplate(label: string): Template {
  return [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_VALUE_LEN, value: KEY_BYTES },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
    { type: pkcs11js.CKA_ENCRYPT, value: true },
    { type: pkcs11js.CKA_DECRYPT, value: true },
    { type: pkcs11js.CKA_WRAP, value: false },
    { type: pkcs11js.CKA_UNWRAP, value: false },
  ];
}

/** Refuses a key found by label unless it is an AES-256, sensitive, non-extractable encrypt/decrypt key. */
function checkExistingKey(module: PKCS11, session: SessionHandle, key: Buffer, opts: Pkcs11Options): void {
  const attrs = module.C_GetAttributeValue(session, key, [
    { type: pkcs11js.CKA_KEY_TYPE },
    { type: pkcs11js.CKA_VALUE_LEN },
    { type: pkcs11js.CKA_SENSITIVE },
    { type: pkcs11js.CKA_EXTRACTABLE },
    { type: pkcs11js.CKA_ENCRYPT },
    { type: pkcs11js.CKA_DECRYPT },
  ]);
  const [keyType, valueLen, sensitive, extractable, encrypt, decrypt] = attrs.map((a) => ulong(a.value));
  const problems: string[] = [];
  if (keyType !== pkcs11js.CKK_AES) problems.push('it is not an AES key');
  if (valueLen !== KEY_BYTES) problems.push(`it is ${valueLen ?? '?'} bytes, not ${KEY_BYTES}`);
  if (sensitive !== 1) problems.push('CKA_SENSITIVE is false');
  if (extractable !== 0) problems.push('CKA_EXTRACTABLE is true');
  if (encrypt !== 1 || decrypt !== 1) problems.push('it cannot both encrypt and decrypt');
  if (problems.length > 0) {
    throw hsmUnavailable(
      `the key "${opts.keyLabel}" in token "${opts.tokenLabel}" cannot serve as a root key: ${problems.join('; ')}.`,
      'Use another key label (a compliant key is then generated inside the token), or delete that object from the token.',
      { tokenLabel: opts.tokenLabel, keyLabel: opts.keyLabel, problems },
    );
  }
}

/** CK_ULONG / CK_BBOOL attribute values come back as little-endian native integers. */
function ulong(value: Buffer): number {
  if (value.length === 0) return Number.NaN;
  return Number(value.length >= 8 ? value.readBigUInt64LE(0) : BigInt(value.readUIntLE(0, Math.min(value.length, 6))));
}

function checkOptions(opts: Pkcs11Options): void {
  const missing = (['modulePath', 'tokenLabel', 'pin', 'keyLabel'] as const).filter((k) => typeof opts[k] !== 'string' || opts[k].length === 0);
  if (missing.length > 0) {
    throw hsmUnavailable(`the PKCS#11 options lack ${missing.join(', ')}.`, 'Pass modulePath, tokenLabel, pin and keyLabel (all non-empty).', { missing });
  }
}
