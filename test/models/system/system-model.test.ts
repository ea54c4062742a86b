import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_ID, PRESETS, initialSystemState, parseSystemConfig, stepSystem, systemAlphabet, type SystemEvent, type SystemState } from '../../../models/index.ts';

const run = (events: SystemEvent[], start: SystemState = initialSystemState(PRESETS['minimal']!)) => {
  let s = start;
  const outcomes = events.map((e) => {
    const r = stepSystem(s, e);
    s = r.next;
    return r.outcome.kind === 'ok' ? 'ok' : r.outcome.code;
  });
  return { state: s, outcomes };
};

const setup: SystemEvent[] = [
  { type: 'kms.grantAccess', securityAdmin: true },
  { type: 'disk.create', disk: 'd1', encrypted: true, key: 'k1' },
  { type: 'disk.attach', disk: 'd1', server: 's1' },
];

describe('composed system', () => {
  it('needs the agency for encrypted disks, and a security admin to grant it', () => {
    const r = run([
      { type: 'disk.create', disk: 'd1', encrypted: true, key: 'k1' },
      { type: 'kms.grantAccess', securityAdmin: false },
      { type: 'disk.create', disk: 'd2', encrypted: false, key: null },
      { type: 'kms.grantAccess', securityAdmin: true },
      { type: 'disk.create', disk: 'd1', encrypted: true, key: 'k1' },
    ]);
    expect(r.outcomes).toEqual(['EVS.1201', 'EVS.1202', 'ok', 'ok', 'ok']);
    expect(r.state.keys[DEFAULT_KEY_ID]?.value).toBe('enabled');
  });

  it('Table 1, disabled: attached I/O goes on, re-attach after detach is refused until the key is enabled', () => {
    const r = run([
      ...setup,
      { type: 'key.disable', key: 'k1' },
      { type: 'disk.write', disk: 'd1' },
      { type: 'disk.read', disk: 'd1' },
      { type: 'disk.detach', disk: 'd1' },
      { type: 'disk.attach', disk: 'd1', server: 's1' },
      { type: 'key.enable', key: 'k1' },
      { type: 'disk.attach', disk: 'd1', server: 's1' },
    ]);
    expect(r.outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'EVS.2001', 'ok', 'ok']);
  });

  it('Table 1, scheduled deletion: cancel alone is not enough, cancel + enable restores', () => {
    const r = run([
      ...setup,
      { type: 'key.scheduleDeletion', key: 'k1', pendingDays: 7 },
      { type: 'disk.detach', disk: 'd1' },
      { type: 'key.cancelDeletion', key: 'k1' },
      { type: 'disk.attach', disk: 'd1', server: 's1' },
      { type: 'key.enable', key: 'k1' },
      { type: 'disk.attach', disk: 'd1', server: 's1' },
    ]);
    expect(r.outcomes.slice(3)).toEqual(['ok', 'ok', 'ok', 'EVS.2001', 'ok', 'ok']);
  });

  it('Table 1, deleted: an attached disk keeps working; once detached it never attaches again', () => {
    const r = run([
      ...setup,
      { type: 'key.scheduleDeletion', key: 'k1', pendingDays: 7 },
      { type: 'clock.advance', days: 7 },
      { type: 'disk.write', disk: 'd1' },
      { type: 'disk.detach', disk: 'd1' },
      { type: 'key.enable', key: 'k1' },
      { type: 'key.cancelDeletion', key: 'k1' },
      { type: 'disk.attach', disk: 'd1', server: 's1' },
    ]);
    expect(r.state.keys['k1']?.value).toBe('deleted');
    expect(r.outcomes.slice(3)).toEqual(['ok', 'ok', 'ok', 'ok', 'KMS.0207', 'KMS.0207', 'EVS.2001']);
    expect(r.state.day).toBe(7);
  });

  it('unknown components are refused with the not-found codes', () => {
    const r = run([{ type: 'key.enable', key: 'nope' }, { type: 'disk.read', disk: 'nope' }]);
    expect(r.outcomes).toEqual(['KMS.0207', 'EVS.0404']);
  });

  it('offers every operation on every configured component', () => {
    const config = PRESETS['default']!;
    const s = run([{ type: 'kms.grantAccess', securityAdmin: true }, { type: 'disk.create', disk: 'd1', encrypted: true, key: 'k1' }], initialSystemState(config)).state;
    const types = new Set(systemAlphabet(config, s, { badInput: true }).map((e) => e.type));
    for (const t of ['kms.grantAccess', 'key.enable', 'key.disable', 'key.scheduleDeletion', 'key.cancelDeletion', 'disk.create', 'disk.attach', 'disk.detach', 'disk.read', 'disk.write', 'disk.delete', 'disk.changeEncryption']) {
      expect(types.has(t as SystemEvent['type'])).toBe(true);
    }
  });
});

describe('configuration files', () => {
  it('accepts every preset written back as JSON', () => {
    for (const preset of Object.values(PRESETS)) {
      const r = parseSystemConfig(JSON.parse(JSON.stringify(preset)));
      expect(r).toEqual({ ok: true, config: preset });
    }
  });

  it('reports every problem with its path and a fix', () => {
    const r = parseSystemConfig({ cmks: ['k1', 'k1'], disks: [{ id: 'd1', encrypted: true, key: 'k9' }, { id: 'd2', encrypted: false, key: 'k1' }], servers: [], extra: 1, pendingDays: [3] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['$.extra', '$.servers', '$.disks[0].key', '$.disks[1].key', '$.pendingDays', '$']));
    for (const i of r.issues) expect(i.fix.length).toBeGreaterThan(5);
  });

  it('rejects non-objects', () => {
    expect(parseSystemConfig([]).ok).toBe(false);
    expect(parseSystemConfig('x').ok).toBe(false);
  });
});
