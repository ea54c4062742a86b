import { describe, expect, it } from 'vitest';
import { PRESETS, stepSystem, type StepResult, type SystemEvent, type SystemState } from '../../models/index.ts';
import { explore } from '../../src/explore/explorer.ts';
import { formatTrace, toItf, traceEvents } from '../../src/explore/trace.ts';

describe('exhaustive exploration', () => {
  it('explores every preset completely with no property violated', () => {
    for (const config of Object.values(PRESETS)) {
      const e = explore(config);
      expect(e.stats.complete).toBe(true);
      expect(e.violations).toEqual([]);
      expect(e.stats.propertyChecks).toBeGreaterThan(e.stats.edges);
    }
  });

  it('symmetry reduction shrinks the default state space and keeps the verdicts', () => {
    const plain = explore(PRESETS['default']!, { symmetry: false });
    const reduced = explore(PRESETS['default']!, { symmetry: true });
    expect(reduced.symmetryGroupSize).toBe(4);
    expect(reduced.stats.states).toBeLessThan(plain.stats.states);
    expect(reduced.stats.states).toBeGreaterThan(plain.stats.states / 4 - 1);
    expect(reduced.stats.maxDepth).toBe(plain.stats.maxDepth);
  });

  it('counts are stable (regression guard for the minimal preset)', () => {
    const e = explore(PRESETS['minimal']!);
    expect({ states: e.stats.states, depth: e.stats.maxDepth }).toEqual({ states: 25, depth: 5 });
  });

  it('finds a planted model bug (enable allowed from deleted) with the shortest counterexample', () => {
    const buggy = (s: SystemState, e: SystemEvent): StepResult => {
      const k = e.type === 'key.enable' ? s.keys[e.key] : undefined;
      if (e.type === 'key.enable' && k?.value === 'deleted') {
        const revived = { value: 'enabled', context: { ...k.context, materialPresent: true } };
        return { next: { ...s, keys: { ...s.keys, [e.key]: revived } }, outcome: { kind: 'ok' }, decidedBy: { machine: 'cmk', component: e.key, from: 'deleted', to: 'enabled', event: e.type } };
      }
      return stepSystem(s, e);
    };
    const e = explore(PRESETS['minimal']!, { step: buggy });
    const v = e.violations.find((x) => x.property === 'deleted-key-final');
    expect(v).toBeDefined();
    expect(v!.requirementIds).toEqual(expect.arrayContaining(['T1-DELETED-DETACHED-RESTORE']));
    expect(v!.trace.description).toContain('breaks T1-');
    const events = traceEvents(v!.trace).map((x) => x.type);
    // schedule deletion, let the waiting period elapse, enable: nothing shorter shows it
    expect(events).toEqual(['key.scheduleDeletion', 'clock.advance', 'key.enable']);
    expect(formatTrace(v!.trace)).toContain('key.enable k1');
    const itf = toItf(v!.trace);
    expect(itf.states).toHaveLength(4);
    expect(itf.states[3]).toMatchObject({ '#meta': { index: 3 }, action: { type: 'key.enable', key: 'k1' } });
  });

  it('finds a planted attach bug (attach allowed while the key is disabled) and names the property', () => {
    const buggy = (s: SystemState, e: SystemEvent): StepResult => {
      if (e.type === 'disk.attach' && s.disks[e.disk]?.value === 'available' && s.keys['k1']?.value === 'disabled') {
        const d = s.disks[e.disk]!;
        const next = { ...s, disks: { ...s.disks, [e.disk]: { value: 'attached', context: { ...d.context, serverId: e.server, dkInMemory: true } } } };
        return { next, outcome: { kind: 'ok' }, decidedBy: { machine: 'disk', component: e.disk, from: 'available', to: 'attached', event: e.type } };
      }
      return stepSystem(s, e);
    };
    const e = explore(PRESETS['minimal']!, { step: buggy });
    const v = e.violations.find((x) => x.property === 'attach-only-with-enabled-key');
    expect(traceEvents(v!.trace).map((x) => x.type)).toEqual(['kms.grantAccess', 'disk.create', 'key.disable', 'disk.attach']);
  });

  it('a depth bound makes the exploration incomplete and says so', () => {
    const e = explore(PRESETS['default']!, { maxDepth: 2 });
    expect(e.stats.complete).toBe(false);
    expect(e.stats.maxDepth).toBe(2);
  });
});
