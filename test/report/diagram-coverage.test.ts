import { describe, expect, it } from 'vitest';
import { PRESETS, type SystemEvent } from '../../models/index.ts';
import { machineCoverage } from '../../src/report/diagram-coverage.ts';
import { oracle } from '../../src/testgen/test-case.ts';

const events: SystemEvent[] = [
  { type: 'kms.grantAccess', securityAdmin: true },
  { type: 'disk.create', disk: 'd1', encrypted: true, key: 'k1' },
  { type: 'disk.attach', disk: 'd1', server: 's1' },
  { type: 'key.scheduleDeletion', key: 'k1', pendingDays: 7 },
  { type: 'clock.advance', days: 6 },
  { type: 'clock.advance', days: 1 },
  { type: 'disk.read', disk: 'd1' },
  { type: 'disk.detach', disk: 'd1' },
  { type: 'disk.attach', disk: 'd1', server: 's1' },
];

describe('coverage painted on the machine diagrams', () => {
  const steps = oracle(PRESETS['minimal']!, events);

  it('marks the transitions and refusals the test took, including the clock on each key', () => {
    const cmk = machineCoverage('cmk', [{ steps, failedAt: null }]);
    expect(cmk.transitions).toMatchObject({
      'cmk.enabled|key.scheduleDeletion|cmk.pendingDeletion': 'covered',
      'cmk.pendingDeletion|clock.advance|cmk.pendingDeletion': 'covered',
      'cmk.pendingDeletion|clock.advance|cmk.deleted': 'covered',
      'cmk|clock.advance|cmk': 'covered',
    });
    const disk = machineCoverage('disk', [{ steps, failedAt: null }]);
    expect(disk.transitions).toMatchObject({
      'disk.available|disk.attach|disk.attached': 'covered',
      'disk.attached|disk.read|disk.attached': 'covered',
      'disk.available|disk.attach|refused:EVS.2001': 'covered',
    });
    expect(disk.transitions['disk.available|disk.delete|disk.deleted']).toBeUndefined();
  });

  it('marks the failing step of a failed test as failed, and nothing after it', () => {
    const disk = machineCoverage('disk', [{ steps, failedAt: 7 }]);
    expect(disk.transitions['disk.attached|disk.detach|disk.available']).toBe('failed');
    expect(disk.transitions['disk.available|disk.attach|refused:EVS.2001']).toBeUndefined();
  });
});
