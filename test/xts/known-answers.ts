/**
 * Loads the XTS known-answer fixtures in test/fixtures/xts (see its README
 * for where each comes from). Test helper only: nothing here is exported from src.
 */
import { readFileSync } from 'node:fs';

const fixture = (name: string): URL => new URL(`../fixtures/xts/${name}`, import.meta.url);

export interface IeeeVector {
  readonly vector: number;
  readonly sequenceNumber: bigint;
  readonly key: Buffer;
  readonly plaintext: Buffer;
  readonly ciphertext: Buffer;
}

interface IeeeJson {
  vectors: { vector: number; dataUnitSequenceNumber: string; key1: string; key2: string; plaintextHexLines: string[]; ciphertextHexLines: string[] }[];
}

export function ieeeVectors(): IeeeVector[] {
  const doc = JSON.parse(readFileSync(fixture('ieee1619-2007-xts-aes-256.json'), 'utf8')) as IeeeJson;
  return doc.vectors.map((v) => ({
    vector: v.vector,
    sequenceNumber: BigInt(v.dataUnitSequenceNumber),
    key: Buffer.from(v.key1 + v.key2, 'hex'),
    plaintext: Buffer.from(v.plaintextHexLines.join(''), 'hex'),
    ciphertext: Buffer.from(v.ciphertextHexLines.join(''), 'hex'),
  }));
}

export interface UnitVector {
  readonly key: Buffer;
  readonly tweak: Buffer;
  readonly plaintext: Buffer;
  readonly ciphertext: Buffer;
}

export function ciphertextStealingVectors(): UnitVector[] {
  const doc = JSON.parse(readFileSync(fixture('xts-aes-256-ciphertext-stealing.json'), 'utf8')) as {
    vectors: { key: string; tweak: string; plaintext: string; ciphertext: string }[];
  };
  return doc.vectors.map((v) => ({
    key: Buffer.from(v.key, 'hex'),
    tweak: Buffer.from(v.tweak, 'hex'),
    plaintext: Buffer.from(v.plaintext, 'hex'),
    ciphertext: Buffer.from(v.ciphertext, 'hex'),
  }));
}

export interface RspVector {
  readonly section: 'ENCRYPT' | 'DECRYPT';
  readonly count: number;
  readonly dataUnitBits: number;
  readonly key: Buffer;
  /** `i = ...` (tweak as 128-bit hex) or undefined when the file gives a sequence number. */
  readonly tweak: Buffer | undefined;
  /** `DataUnitSeqNumber = ...` or undefined when the file gives the tweak in hex. */
  readonly sequenceNumber: bigint | undefined;
  readonly plaintext: Buffer;
  readonly ciphertext: Buffer;
}

/** Parses a NIST CAVP XTSVS response file (`XTSGenAES*.rsp`). */
export function parseRsp(text: string): RspVector[] {
  const vectors: RspVector[] = [];
  let section: 'ENCRYPT' | 'DECRYPT' | undefined;
  for (const block of text.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const first = lines[0]?.trim();
    if (first === '[ENCRYPT]' || first === '[DECRYPT]') {
      section = first === '[ENCRYPT]' ? 'ENCRYPT' : 'DECRYPT';
      continue;
    }
    if (!first?.startsWith('COUNT')) continue;
    const fields = new Map(lines.map((l) => l.split(' = ').map((s) => s.trim()) as [string, string]));
    const need = (name: string): string => {
      const value = fields.get(name);
      if (value === undefined) throw new Error(`rsp record without ${name}: ${block}`);
      return value;
    };
    if (section === undefined) throw new Error('rsp record before [ENCRYPT]/[DECRYPT]');
    const i = fields.get('i');
    const seq = fields.get('DataUnitSeqNumber');
    vectors.push({
      section,
      count: Number(need('COUNT')),
      dataUnitBits: Number(need('DataUnitLen')),
      key: Buffer.from(need('Key'), 'hex'),
      tweak: i === undefined ? undefined : Buffer.from(i, 'hex'),
      sequenceNumber: seq === undefined ? undefined : BigInt(seq),
      plaintext: Buffer.from(need('PT'), 'hex'),
      ciphertext: Buffer.from(need('CT'), 'hex'),
    });
  }
  return vectors;
}

export function nistVectors(form: 'tweak128hex' | 'dataunitseqno'): RspVector[] {
  return parseRsp(readFileSync(fixture(`nist-xtsgenaes256-${form}.subset.rsp`), 'utf8'));
}

export const pythonReference = (): string => fixture('dmcrypt_reference.py').pathname;
