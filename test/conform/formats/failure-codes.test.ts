import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_ERROR_TABLE, classifyAwsError } from '../../../src/conform/formats/aws-error-table.ts';
import { FAILURE_CODES, modelCodeFor, modelCodeFromServiceCode } from '../../../src/conform/formats/failure-codes.ts';

const CONTRACTS = readFileSync(resolve(import.meta.dirname, '../../../docs/CONTRACTS.md'), 'utf8');

describe('the failure table (cause × operation → model code)', () => {
  it('uses only codes of docs/CONTRACTS.md', () => {
    const codes = new Set(Object.values(FAILURE_CODES).flatMap((row) => Object.values(row)));
    for (const code of codes) expect(CONTRACTS, code).toContain(`| ${code} |`);
  });

  it.each([
    ['attachDisk', 'keyDisabled', 'EVS.2001'],
    ['createDisk', 'keyDisabled', 'EVS.2002'],
    ['createDiskFromSnapshot', 'keyPendingDeletion', 'EVS.2002'],
    ['attachDisk', 'keyNotFound', 'EVS.2001'],
    ['enableKey', 'keyNotFound', 'KMS.0207'],
    ['attachDisk', 'diskNotFound', 'EVS.0404'],
    ['detachDisk', 'diskNotAttached', 'EVS.1001'],
    ['deleteDisk', 'diskAttached', 'EVS.1004'],
    ['disableKey', 'keyPendingDeletion', 'KMS.0210'],
    ['scheduleKeyDeletion', 'keyPendingDeletion', 'KMS.1402'],
    ['scheduleKeyDeletion', 'pendingDaysOutOfRange', 'KMS.1401'],
    ['disableKey', 'defaultKeyProtected', 'KMS.0211'],
  ] as const)('%s refused for %s → %s', (op, cause, code) => {
    expect(modelCodeFor(op, cause)).toBe(code);
  });

  it('gives no code where the model has no exact equivalent', () => {
    expect(modelCodeFor('createSnapshot', 'keyDisabled')).toBeNull(); // the model snapshots a disk whatever its key's state
    expect(modelCodeFor('detachDisk', 'keyUnusable')).toBeNull();
    expect(modelCodeFor('attachDisk', 'unspecified')).toBeNull();
  });

  it('reads an OTC service code for the operation at hand', () => {
    expect(modelCodeFromServiceCode('attachDisk', 'KMS.0209')).toBe('EVS.2001');
    expect(modelCodeFromServiceCode('createDisk', 'KMS.0207')).toBe('EVS.2002');
    expect(modelCodeFromServiceCode('disableKey', 'KMS.0210')).toBe('KMS.0210');
    expect(modelCodeFromServiceCode('attachDisk', 'KMS.0301')).toBeNull();
    expect(modelCodeFromServiceCode('detachDisk', 'EVS.1001')).toBe('EVS.1001');
    expect(modelCodeFromServiceCode('detachDisk', 'EVS.9999')).toBeNull(); // not our vocabulary
    expect(modelCodeFromServiceCode('enableKey', 'EVS.1001')).toBeNull();
  });
});

describe('the AWS error table', () => {
  it('strips EC2\'s Client. prefix and treats every Server. code as a service fault', () => {
    expect(classifyAwsError('detachDisk', 'Client.InvalidVolume.NotFound', null)).toEqual({ kind: 'cause', cause: 'diskNotFound' });
    expect(classifyAwsError('detachDisk', 'InvalidVolume.NotFound', null)).toEqual({ kind: 'cause', cause: 'diskNotFound' });
    expect(classifyAwsError('detachDisk', 'Server.Unavailable', null)).toEqual({ kind: 'skip', reason: 'service-fault' });
  });

  it('tells IncorrectState apart by operation and message', () => {
    expect(classifyAwsError('detachDisk', 'Client.IncorrectState', "Volume 'v' is in the 'available' state.")).toEqual({ kind: 'cause', cause: 'diskNotAttached' });
    expect(classifyAwsError('attachDisk', 'Client.IncorrectState', "vol-1 is already attached to an instance")).toEqual({ kind: 'cause', cause: 'diskAttached' });
    expect(classifyAwsError('attachDisk', 'Client.IncorrectState', 'The KMS key is disabled')).toEqual({ kind: 'cause', cause: 'keyUnusable' });
    expect(classifyAwsError('attachDisk', 'Client.IncorrectState', 'something else')).toEqual({ kind: 'cause', cause: 'unspecified' });
  });

  it('reads the key state from KMS state errors', () => {
    expect(classifyAwsError('enableKey', 'KMSInvalidStateException', 'arn:... is pending deletion.')).toEqual({ kind: 'cause', cause: 'keyPendingDeletion' });
    expect(classifyAwsError('cancelKeyDeletion', 'KMSInvalidStateException', 'arn:... is not pending deletion.')).toEqual({ kind: 'cause', cause: 'keyNotPendingDeletion' });
    expect(classifyAwsError('attachDisk', 'Client.KMS.DisabledException', 'arn:... is disabled.')).toEqual({ kind: 'cause', cause: 'keyDisabled' });
  });

  it('has no row that can never match (a code listed again under a broader row above it)', () => {
    AWS_ERROR_TABLE.forEach((row, i) => {
      const earlier = AWS_ERROR_TABLE.slice(0, i).filter((r) => !r.ops && !r.message);
      for (const code of row.codes) expect(earlier.some((r) => r.codes.includes(code)), `${code} in row ${i}`).toBe(false);
    });
  });
});
