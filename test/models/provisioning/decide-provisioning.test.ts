import { describe, expect, it } from 'vitest';
import { decideProvisioning } from '../../../models/provisioning/decide-provisioning.ts';
import { DEFAULT_KEY, DISK_TYPES } from '../../../models/provisioning/provisioning-request.ts';
import type { ProvisioningRequest } from '../../../models/provisioning/provisioning-request.ts';

const CMK = 'cmk-1';
const ok = (encrypted: boolean, key: string | null, rule: string) => ({ allowed: true, encrypted, key, rule });
const no = (code: string, rule: string) => expect.objectContaining({ allowed: false, code, rule, reason: expect.any(String) });
const decide = (r: ProvisioningRequest) => decideProvisioning(r);

describe('Table 2: system disks follow the image', () => {
  it('encrypted image -> encrypted system disk with the image key, on every disk type', () => {
    for (const diskType of DISK_TYPES) {
      expect(decide({ kind: 'systemDiskFromImage', diskType, imageEncrypted: true, imageKey: CMK })).toEqual(ok(true, CMK, 'table2.encrypted-image'));
    }
  });
  it('unencrypted image -> unencrypted system disk', () => {
    expect(decide({ kind: 'systemDiskFromImage', imageEncrypted: false, imageKey: null })).toEqual(ok(false, null, 'table2.unencrypted-image'));
  });
});

describe('Table 3: data disks', () => {
  it.each(['dataDiskWithServer', 'emptyDisk'] as const)('%s: the user chooses; evs/default when no key is named', (kind) => {
    const rule = kind === 'emptyDisk' ? 'table3.empty' : 'table3.with-server';
    expect(decide({ kind, encrypted: false })).toEqual(ok(false, null, rule));
    expect(decide({ kind, encrypted: true })).toEqual(ok(true, DEFAULT_KEY, rule));
    expect(decide({ kind, encrypted: true, key: CMK })).toEqual(ok(true, CMK, rule));
  });

  it('from a backup: any combination, the attributes need not match', () => {
    const rule = 'table3.from-backup';
    expect(decide({ kind: 'diskFromBackup', backupEncrypted: true, backupKey: CMK, encrypted: false })).toEqual(ok(false, null, rule));
    expect(decide({ kind: 'diskFromBackup', backupEncrypted: false, backupKey: null, encrypted: true })).toEqual(ok(true, DEFAULT_KEY, rule));
    expect(decide({ kind: 'diskFromBackup', backupEncrypted: true, backupKey: CMK, encrypted: true })).toEqual(ok(true, DEFAULT_KEY, rule));
    expect(decide({ kind: 'diskFromBackup', backupEncrypted: true, backupKey: CMK, encrypted: true, key: CMK })).toEqual(ok(true, CMK, rule));
    expect(decide({ kind: 'diskFromBackup', backupEncrypted: true, backupKey: CMK, encrypted: true, key: DEFAULT_KEY })).toEqual(ok(true, DEFAULT_KEY, rule));
    expect(decide({ kind: 'diskFromBackup', backupEncrypted: false, backupKey: null, encrypted: false })).toEqual(ok(false, null, rule));
  });

  it('a backup inherits its disk', () => {
    expect(decide({ kind: 'backupOfDisk', diskEncrypted: true, diskKey: CMK })).toEqual(ok(true, CMK, 'table3.backup-inherits-disk'));
    expect(decide({ kind: 'backupOfDisk', diskEncrypted: false, diskKey: null })).toEqual(ok(false, null, 'table3.backup-inherits-disk'));
  });

  it('snapshots inherit their disk, and disks inherit their snapshot; the other attribute is refused', () => {
    expect(decide({ kind: 'snapshotOfDisk', diskEncrypted: true, diskKey: CMK })).toEqual(ok(true, CMK, 'table3.from-snapshot-encrypted'));
    expect(decide({ kind: 'snapshotOfDisk', diskEncrypted: false, diskKey: null })).toEqual(ok(false, null, 'table3.from-snapshot-unencrypted'));
    const enc = { kind: 'diskFromSnapshot', snapshotEncrypted: true, snapshotKey: CMK } as const;
    const plain = { kind: 'diskFromSnapshot', snapshotEncrypted: false, snapshotKey: null } as const;
    expect(decide(enc)).toEqual(ok(true, CMK, 'table3.from-snapshot-encrypted'));
    expect(decide({ ...enc, requestedEncrypted: true })).toEqual(ok(true, CMK, 'table3.from-snapshot-encrypted'));
    expect(decide({ ...enc, requestedEncrypted: false })).toEqual(no('EVS.1101', 'table3.from-snapshot-encrypted'));
    expect(decide(plain)).toEqual(ok(false, null, 'table3.from-snapshot-unencrypted'));
    expect(decide({ ...plain, requestedEncrypted: true })).toEqual(no('EVS.1101', 'table3.from-snapshot-unencrypted'));
  });

  it('images inherit their disk, and data disks inherit their image; the other attribute is refused', () => {
    expect(decide({ kind: 'imageOfDisk', diskEncrypted: true, diskKey: DEFAULT_KEY })).toEqual(ok(true, DEFAULT_KEY, 'table3.from-image-encrypted'));
    expect(decide({ kind: 'imageOfDisk', diskEncrypted: false, diskKey: null })).toEqual(ok(false, null, 'table3.from-image-unencrypted'));
    const enc = { kind: 'diskFromImage', imageEncrypted: true, imageKey: CMK } as const;
    const plain = { kind: 'diskFromImage', imageEncrypted: false, imageKey: null } as const;
    expect(decide(enc)).toEqual(ok(true, CMK, 'table3.from-image-encrypted'));
    expect(decide({ ...enc, requestedEncrypted: false })).toEqual(no('EVS.1101', 'table3.from-image-encrypted'));
    expect(decide({ ...plain, requestedEncrypted: false })).toEqual(ok(false, null, 'table3.from-image-unencrypted'));
    expect(decide({ ...plain, requestedEncrypted: true })).toEqual(no('EVS.1101', 'table3.from-image-unencrypted'));
  });
});

describe('Table 4: constraints', () => {
  it('never changes a disk\'s encryption attribute, in either direction or to another key', () => {
    for (const r of [
      { kind: 'changeDiskEncryption', diskEncrypted: true, diskKey: CMK, toEncrypted: false },
      { kind: 'changeDiskEncryption', diskEncrypted: false, diskKey: null, toEncrypted: true },
      { kind: 'changeDiskEncryption', diskEncrypted: true, diskKey: CMK, toEncrypted: true, toKey: DEFAULT_KEY },
    ] as const) {
      expect(decide(r)).toEqual(no('EVS.1101', 'table4.immutable'));
    }
  });

  it('allows asking for the attribute a disk already has: nothing changes', () => {
    expect(decide({ kind: 'changeDiskEncryption', diskEncrypted: false, diskKey: null, toEncrypted: false })).toMatchObject({ allowed: true, encrypted: false, key: null });
    expect(decide({ kind: 'changeDiskEncryption', diskEncrypted: true, diskKey: CMK, toEncrypted: true })).toMatchObject({ allowed: true, encrypted: true, key: CMK });
    expect(decide({ kind: 'changeDiskEncryption', diskEncrypted: true, diskKey: CMK, toEncrypted: true, toKey: CMK })).toMatchObject({ allowed: true, encrypted: true, key: CMK });
  });

  it('does not replicate encrypted images across regions', () => {
    expect(decide({ kind: 'replicateImage', imageEncrypted: true, imageKey: CMK, sameRegion: false })).toEqual(no('EVS.4001', 'table4.image-no-replicate'));
    expect(decide({ kind: 'replicateImage', imageEncrypted: true, imageKey: CMK, sameRegion: true })).toEqual(ok(true, CMK, 'table4.image-no-replicate'));
    expect(decide({ kind: 'replicateImage', imageEncrypted: false, imageKey: null, sameRegion: false })).toEqual(ok(false, null, 'table4.image-no-replicate'));
  });

  it('does not export encrypted images', () => {
    expect(decide({ kind: 'exportImage', imageEncrypted: true, imageKey: CMK })).toEqual(no('EVS.4002', 'table4.image-no-export'));
    expect(decide({ kind: 'exportImage', imageEncrypted: false, imageKey: null })).toEqual(ok(false, null, 'table4.image-no-export'));
  });

  it('does not change encrypted images to unencrypted, nor unencrypted ones to encrypted', () => {
    expect(decide({ kind: 'changeImageEncryption', imageEncrypted: true, imageKey: CMK, toEncrypted: false })).toEqual(no('EVS.4003', 'table4.image-no-unencrypt'));
    expect(decide({ kind: 'changeImageEncryption', imageEncrypted: true, imageKey: CMK, toEncrypted: true })).toEqual(ok(true, CMK, 'table4.image-no-unencrypt'));
    expect(decide({ kind: 'changeImageEncryption', imageEncrypted: false, imageKey: null, toEncrypted: true })).toEqual(no('EVS.1101', 'table4.image-no-unencrypt'));
    expect(decide({ kind: 'changeImageEncryption', imageEncrypted: false, imageKey: null, toEncrypted: false })).toEqual(ok(false, null, 'table4.image-no-unencrypt'));
  });

  it('needs a security administrator to create the agency, which brings evs/default', () => {
    expect(decide({ kind: 'grantAgency', securityAdministrator: false })).toEqual(no('EVS.1202', 'table4.agency-needs-admin'));
    expect(decide({ kind: 'grantAgency', securityAdministrator: true })).toEqual(ok(false, DEFAULT_KEY, 'table4.agency-needs-admin'));
  });

  it('needs the agency for encrypted disks, then allows every disk type', () => {
    for (const diskType of DISK_TYPES) {
      expect(decide({ kind: 'createEncryptedDisk', agencyExists: false, diskType })).toEqual(no('EVS.1201', 'table4.agency-required'));
      expect(decide({ kind: 'createEncryptedDisk', agencyExists: true, diskType })).toEqual(ok(true, DEFAULT_KEY, 'table4.all-disk-types'));
      expect(decide({ kind: 'createEncryptedDisk', agencyExists: true, diskType, key: CMK })).toEqual(ok(true, CMK, 'table4.all-disk-types'));
    }
  });
});
