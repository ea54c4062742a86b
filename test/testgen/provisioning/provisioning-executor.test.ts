import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decideProvisioning } from '../../../models/provisioning/decide-provisioning.ts';
import type { ProvisioningRequest } from '../../../models/provisioning/provisioning-request.ts';
import { caseSeed, executeProvisioningCase } from '../../../src/testgen/provisioning/provisioning-executor.ts';

const baseDir = mkdtempSync(join(tmpdir(), 'prov-exec-'));
afterAll(() => rmSync(baseDir, { recursive: true, force: true }));
const caseOf = (request: ProvisioningRequest) => ({ request, expected: decideProvisioning(request), requirementIds: [] });

describe('executeProvisioningCase', () => {
  it('identifies an enumerated case, replays it exactly from the seed and removes its workspace', async () => {
    const c = caseOf({ kind: 'diskFromBackup', diskType: 'ESSD', backupEncrypted: true, backupKey: 'evs/default', encrypted: true, key: 'cmk-1' });
    const first = await executeProvisioningCase(c, { seed: 9, baseDir });
    const again = await executeProvisioningCase(c, { seed: 9, baseDir });
    expect(first.kind).toBe('pass');
    expect(first.caseId).toMatch(/^prov-diskFromBackup-\d+$/);
    expect(first.title).toBe('[T3-FROM-BACKUP] disk from encrypted (evs/default) backup → encrypted with cmk-1 (ESSD): allowed, encrypted (cmk-1), data preserved');
    expect({ ...again, durationMs: 0 }).toEqual({ ...first, durationMs: 0 });
    expect(first.kind === 'pass' && first.checks).toContain('disk from backup: with cmk-1 disabled it cannot be attached (EVS.2001)');
    expect(readdirSync(baseDir)).toEqual([]);
  });

  it('gives a case outside the enumeration a custom id, and keeps the workspace when asked', async () => {
    const c = caseOf({ kind: 'emptyDisk', encrypted: true, key: 'cmk-9' });
    const v = await executeProvisioningCase(c, { seed: 1, baseDir, keepWorkspace: true });
    expect(v).toMatchObject({ kind: 'pass', caseId: 'prov-emptyDisk-custom' });
    const kept = readdirSync(baseDir);
    expect(kept).toHaveLength(1);
    expect(existsSync(join(baseDir, kept[0] ?? '', 'metadata.db'))).toBe(true);
    rmSync(join(baseDir, kept[0] ?? ''), { recursive: true });
  });

  it('fails with the expected and actual decision when the model and the implementation disagree', async () => {
    const c = { ...caseOf({ kind: 'exportImage', imageEncrypted: false, imageKey: null }), expected: { allowed: false as const, code: 'EVS.4002' as const, rule: 'table4.image-no-export' as const, reason: 'planted' } };
    const v = await executeProvisioningCase(c, { seed: 2, baseDir });
    expect(v.kind).toBe('fail');
    if (v.kind !== 'fail') return;
    expect(v.actual).toEqual({ kind: 'allowed', encrypted: false, key: null });
    expect(v.message).toBe(`${v.title}: the model says refused with EVS.4002 (planted); the implementation allowed it, unencrypted (replay: seed 2, case ${v.caseId})`);
  });

  it('derives different per-case seeds from the suite seed and the case id', () => {
    expect(caseSeed(1, 'prov-a-1')).toBe(caseSeed(1, 'prov-a-1'));
    expect(caseSeed(1, 'prov-a-1')).not.toBe(caseSeed(1, 'prov-a-2'));
    expect(caseSeed(1, 'prov-a-1')).not.toBe(caseSeed(2, 'prov-a-1'));
  });
});
