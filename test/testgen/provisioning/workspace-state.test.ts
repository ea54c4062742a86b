import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProvisioningWorkspace, PROJECT } from '../../../src/testgen/provisioning/provisioning-workspace.ts';
import { captureState, diffStates } from '../../../src/testgen/provisioning/workspace-state.ts';

let ws: ProvisioningWorkspace | null = null;
afterEach(() => ws?.close());

describe('workspace state', () => {
  it('sees added, changed and removed records and changed image files', () => {
    ws = ProvisioningWorkspace.open({ seed: 3, agency: true, cmks: ['cmk-1'] });
    const { evs } = ws.cloud;
    const src = ws.sourceDisk(true, 'cmk-1');
    const before = captureState(ws.cloud);
    expect(diffStates(before, captureState(ws.cloud), 'identical')).toEqual([]);

    const snap = evs.createSnapshot(src.diskId);
    const added = captureState(ws.cloud);
    expect(diffStates(before, added, 'preserved')).toEqual([]);
    expect(diffStates(before, added, 'identical')).toEqual([
      expect.stringMatching(new RegExp(`^snapshot ${snap.snapshotId} appeared`)),
      `file snapshots/${snap.snapshotId}.img appeared: ${added.sections['files']?.get(`snapshots/${snap.snapshotId}.img`) ?? ''}`,
    ]);

    evs.updateDisk(src.diskId, { name: 'renamed' });
    writeFileSync(join(ws.dir, 'disks', `${src.diskId}.img`), Buffer.alloc(16, 1), { flag: 'r+' });
    const changes = diffStates(added, captureState(ws.cloud), 'preserved');
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatch(new RegExp(`^disk ${src.diskId} changed from .*"name":"source".* to .*"name":"renamed"`));
    expect(changes[1]).toMatch(new RegExp(`^file disks/${src.diskId}.img changed`));
  });

  it('counts a granted agency as an addition, not a change', () => {
    ws = ProvisioningWorkspace.open({ seed: 4, agency: false, cmks: [] });
    const before = captureState(ws.cloud);
    ws.cloud.kms.grantEvsAccess(PROJECT, { securityAdministrator: true });
    const after = captureState(ws.cloud);
    expect(diffStates(before, after, 'preserved')).toEqual([]);
    expect(diffStates(before, after, 'identical')).toEqual([`agency ${PROJECT} appeared: granted`, expect.stringMatching(/^key [0-9a-f-]+ appeared: .*"alias":"evs\/default"/)]);
  });
});
