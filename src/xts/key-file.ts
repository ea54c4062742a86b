/**
 * Loads an XTS-AES-256 key from a file holding exactly its 64 raw bytes, the
 * form `cryptsetup --master-key-file` reads. Text encodings of a key (hex,
 * base64) are refused with a message that says so, instead of being taken
 * as raw bytes or silently decoded.
 */
import { readFile, stat } from 'node:fs/promises';
import { describeError, WorkbenchError } from '../errors/workbench-error.ts';
import { validateXtsKey, XTS_KEY_BYTES } from './xts-cipher.ts';

/** Larger files are refused without reading them: no key file is this big. */
const MAX_KEY_FILE_BYTES = 4096;

const HEX_TEXT = /^[0-9a-fA-F]+$/;
const BASE64_TEXT = /^[A-Za-z0-9+/]+={0,2}$/;

/** Says what a wrong-sized (or hex-looking) key file seems to hold. */
function guessContent(bytes: Buffer): string {
  const text = bytes.toString('latin1').trim();
  if (text.length > 0 && HEX_TEXT.test(text)) {
    const keyBytes = Math.floor(text.length / 2);
    return ` It looks like hex text (${text.length} hex digits, a ${keyBytes}-byte key written out as text), not raw bytes.`;
  }
  if (text.length > 0 && BASE64_TEXT.test(text) && text.length % 4 === 0) {
    return ' It looks like base64 text, not raw bytes.';
  }
  return '';
}

const FORMAT_FIX = `Write the key as exactly ${XTS_KEY_BYTES} raw bytes, for example \`xxd -r -p key.hex > key.bin\` to convert 128 hex digits, or \`head -c 64 /dev/urandom > key.bin\` for a fresh test key.`;
const READ_FIX = 'Check the key file path (a relative path is taken from the working folder) and that it names a readable regular file.';

function keyFileError(code: 'XTS.0001' | 'XTS.0006', path: string, message: string, cause?: unknown): WorkbenchError {
  return new WorkbenchError({ code, message, fix: code === 'XTS.0006' ? READ_FIX : FORMAT_FIX, data: { path }, cause });
}

/**
 * Reads a 64-byte XTS-AES-256 key file. Throws XTS.0006 when the file cannot
 * be read, XTS.0001 when it is not exactly 64 raw bytes (saying when it looks
 * like hex or base64 text), XTS.0002 when the two key halves are equal.
 */
export async function readXtsKeyFile(path: string): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
  } catch (e) {
    throw keyFileError('XTS.0006', path, `Cannot read the key file ${path}: ${describeError(e)}.`, e);
  }
  if (size > MAX_KEY_FILE_BYTES) {
    throw keyFileError('XTS.0001', path, `The key file ${path} is ${size} bytes; an XTS-AES-256 key file holds exactly ${XTS_KEY_BYTES} raw bytes.`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw keyFileError('XTS.0006', path, `Cannot read the key file ${path}: ${describeError(e)}.`, e);
  }
  if (bytes.length !== XTS_KEY_BYTES) {
    throw keyFileError('XTS.0001', path, `The key file ${path} is ${bytes.length} bytes; an XTS-AES-256 key file holds exactly ${XTS_KEY_BYTES} raw bytes.${guessContent(bytes)}`);
  }
  if (HEX_TEXT.test(bytes.toString('latin1'))) {
    // 64 random bytes are all hex digits with probability (22/256)^64: this is a 32-byte key written as hex.
    throw keyFileError('XTS.0001', path, `The key file ${path} holds 64 hex digits: that is a 32-byte key written as text, not a 64-byte raw XTS-AES-256 key.`);
  }
  try {
    validateXtsKey(bytes);
  } catch (e) {
    if (e instanceof WorkbenchError) {
      throw new WorkbenchError({ code: e.code, message: `${e.message} (key file ${path})`, fix: e.fix, data: { ...e.data, path }, cause: e });
    }
    throw e;
  }
  return bytes;
}
