/**
 * The EVS of the reference implementation: disks (plain or XTS-AES-256 with a
 * KMS data key, dm-crypt aes-xts-plain64 on sparse image files), servers and
 * their hosts (DK plaintext in memory only while attached), snapshots,
 * backups and images, following Tables 1 to 4 of the seed.
 */
export { Evs } from './evs.ts';
export type { EvsDeps } from './evs-context.ts';
export type { DataKeyContext, KmsKeyState, KmsKeyView, KmsPort } from './kms-port.ts';
export { restoreAdvice } from './key-access.ts';
export { MAX_DISK_BYTES } from './validation.ts';
export type {
  BackupInfo,
  CreateDiskRequest,
  CreateServerRequest,
  DataDiskRequest,
  DiskInfo,
  DiskSectorSize,
  DiskSourceKind,
  DiskStatus,
  EvsResourceKind,
  ImageInfo,
  ImageKind,
  ServerInfo,
  SnapshotInfo,
} from './types.ts';
