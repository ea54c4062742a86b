import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pkcs11js from 'pkcs11js';
import type { PKCS11 } from 'pkcs11js';
import { causeText, hsmOperationFailed, hsmUnavailable, pkcs11ErrorName } from './hsm-errors.ts';

/** A slot handle as pkcs11js returns it. */
export type SlotHandle = Buffer;
export type SessionHandle = Buffer;

interface SlotLogin {
  sessions: number;
  pinDigest: string;
}

interface LoadedModule {
  readonly module: PKCS11;
  readonly ownsInitialize: boolean;
  refs: number;
  readonly logins: Map<string, SlotLogin>;
}

/**
 * A PKCS#11 library can be loaded and initialised once per process, and the
 * login state of a token is shared by all sessions of the process. This
 * registry loads each module once, counts its users, tracks logins per slot,
 * and finalises the module when the last user releases it (so SoftHSM reads
 * SOFTHSM2_CONF again at the next C_Initialize).
 */
const loaded = new Map<string, LoadedModule>();

export interface Pkcs11Lease {
  readonly module: PKCS11;
  /** The slot holding the initialised token with this label; HSM.0001 when there is none. */
  findTokenSlot(tokenLabel: string): SlotHandle;
  /** A read/write session logged in as the user; HSM.0001 on a wrong PIN. */
  openUserSession(slot: SlotHandle, pin: string): SessionHandle;
  closeSession(slot: SlotHandle, session: SessionHandle): void;
  /** Gives the module back; the last release finalises and unloads it. Idempotent. */
  release(): void;
}

export function acquirePkcs11Module(modulePath: string): Pkcs11Lease {
  const path = resolve(modulePath);
  let entry = loaded.get(path);
  if (entry === undefined) {
    entry = loadModule(path);
    loaded.set(path, entry);
  }
  entry.refs += 1;
  return new Lease(path, entry);
}

function loadModule(path: string): LoadedModule {
  if (!existsSync(path)) {
    throw hsmUnavailable(`the PKCS#11 module ${path} does not exist.`, 'Install the HSM library or correct modulePath.', { modulePath: path });
  }
  const module = new pkcs11js.PKCS11();
  try {
    module.load(path);
  } catch (cause) {
    throw hsmUnavailable(`the PKCS#11 module ${path} cannot be loaded: ${causeText(cause)}.`, 'Check that modulePath names a PKCS#11 shared library for this platform.', { modulePath: path }, cause);
  }
  let ownsInitialize = true;
  try {
    module.C_Initialize();
  } catch (cause) {
    if (pkcs11ErrorName(cause) === 'CKR_CRYPTOKI_ALREADY_INITIALIZED') {
      ownsInitialize = false;
    } else {
      module.close();
      throw hsmUnavailable(
        `the PKCS#11 module ${path} failed to initialise (${causeText(cause)}); SOFTHSM2_CONF is ${process.env['SOFTHSM2_CONF'] ?? 'not set'}.`,
        'Make SOFTHSM2_CONF point at a readable softhsm2.conf whose token folder exists.',
        { modulePath: path },
        cause,
      );
    }
  }
  return { module, ownsInitialize, refs: 0, logins: new Map() };
}

class Lease implements Pkcs11Lease {
  private released = false;

  constructor(
    private readonly path: string,
    private readonly entry: LoadedModule,
  ) {}

  get module(): PKCS11 {
    return this.entry.module;
  }

  findTokenSlot(tokenLabel: string): SlotHandle {
    const module = this.entry.module;
    const labels: string[] = [];
    for (const slot of module.C_GetSlotList(true)) {
      const info = module.C_GetTokenInfo(slot);
      const label = info.label.trim();
      if ((info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0) continue;
      labels.push(label);
      if (label === tokenLabel) return slot;
    }
    throw hsmUnavailable(
      `no initialised token labelled "${tokenLabel}" in ${this.path} (tokens found: ${labels.length === 0 ? 'none' : labels.map((l) => `"${l}"`).join(', ')}; SOFTHSM2_CONF is ${process.env['SOFTHSM2_CONF'] ?? 'not set'}).`,
      'Use the label of an existing token, or initialise one.',
      { modulePath: this.path, tokenLabel, tokens: labels },
    );
  }

  openUserSession(slot: SlotHandle, pin: string): SessionHandle {
    const module = this.entry.module;
    const slotKey = slot.toString('hex');
    const digest = createHash('sha256').update(pin).digest('hex');
    const session = module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    const login = this.entry.logins.get(slotKey);
    try {
      if (login === undefined) {
        module.C_Login(session, pkcs11js.CKU_USER, pin);
        this.entry.logins.set(slotKey, { sessions: 1, pinDigest: digest });
      } else if (login.pinDigest !== digest) {
        throw wrongPin(this.path, null);
      } else {
        login.sessions += 1; // the token is already logged in for this process
      }
    } catch (cause) {
      module.C_CloseSession(session);
      if (login === undefined) this.entry.logins.delete(slotKey);
      const name = pkcs11ErrorName(cause);
      if (name === 'CKR_PIN_INCORRECT' || name === 'CKR_PIN_LEN_RANGE' || name === 'CKR_PIN_LOCKED') throw wrongPin(this.path, cause);
      if (name === null) throw cause;
      throw hsmOperationFailed(`logging in to the token failed: ${causeText(cause)}.`, 'Check the token with softhsm2-util --show-slots and retry.', { modulePath: this.path }, cause);
    }
    return session;
  }

  closeSession(slot: SlotHandle, session: SessionHandle): void {
    const slotKey = slot.toString('hex');
    try {
      this.entry.module.C_CloseSession(session);
    } finally {
      const login = this.entry.logins.get(slotKey);
      // closing the last session of a token logs the application out (PKCS#11 §5.6)
      if (login !== undefined && --login.sessions <= 0) this.entry.logins.delete(slotKey);
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.entry.refs -= 1;
    if (this.entry.refs > 0) return;
    loaded.delete(this.path);
    try {
      if (this.entry.ownsInitialize) this.entry.module.C_Finalize();
    } finally {
      this.entry.module.close();
    }
  }
}

function wrongPin(path: string, cause: unknown): Error {
  return hsmUnavailable(
    `the user PIN was refused by the token${cause === null ? ' (it differs from the PIN this process logged in with)' : ` (${causeText(cause)})`}.`,
    'Pass the user PIN set with softhsm2-util --init-token --pin (not the SO PIN).',
    { modulePath: path },
    cause ?? undefined,
  );
}
