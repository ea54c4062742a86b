/**
 * `evs-workbench xts`: encrypts or decrypts a disk image file with
 * XTS-AES-256 exactly as dm-crypt `aes-xts-plain64` does, so the result can
 * be compared with (or opened by) `cryptsetup open --type plain
 * --cipher aes-xts-plain64 --key-size 512 [--sector-size 4096 --iv-large-sectors]`.
 */
import { EXIT, type Command } from '../io.ts';
import { cryptImage } from '../../xts/image-crypt.ts';
import { readXtsKeyFile } from '../../xts/key-file.ts';
import { parseXtsArgs, XTS_USAGE } from './xts-args.ts';

export const xtsCommand: Command = {
  name: 'xts',
  summary: 'Encrypt or decrypt a disk image with XTS-AES-256 as dm-crypt aes-xts-plain64 does',
  usage: XTS_USAGE,
  async run(args, io) {
    const call = parseXtsArgs(args, io.cwd);
    const key = await readXtsKeyFile(call.keyFile);
    try {
      const result = await cryptImage(call.direction, key, call.inFile, call.outFile, {
        sectorSize: call.sectorSize,
        firstSector: call.firstSector,
      });
      const verb = call.direction === 'encrypt' ? 'encrypted' : 'decrypted';
      io.stdout.write(
        `${verb} ${result.sectors} sectors (${result.bytes} bytes; ${call.sectorSize}-byte sectors from sector ${call.firstSector}): ${call.inFile} -> ${call.outFile}\n`,
      );
      return EXIT.ok;
    } finally {
      key.fill(0);
    }
  },
};
