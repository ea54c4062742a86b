import { describe, expect, it } from 'vitest';
import { and, not, or, setup, stateIn } from 'xstate';
import { allStates, eventLabel, outlineMachine } from '../../../src/report/diagrams/machine-outline.ts';
import { describeAction, describeGuard } from '../../../src/report/diagrams/xstate-labels.ts';
import { fixtureMachine } from './fixture-machines.ts';

describe('outlineMachine', () => {
  const root = outlineMachine(fixtureMachine);
  const byId = new Map(allStates(root).map((s) => [s.id, s]));

  it('walks every state node in document order with its type, description, meta and initial child', () => {
    expect(allStates(root).map((s) => `${s.id}:${s.type}`)).toEqual([
      'fx:compound',
      'fx.a:atomic',
      'fx.b:atomic',
      'fx.p:parallel',
      'fx.p.l:compound',
      'fx.p.l.l1:atomic',
      'fx.p.l.l2:final',
      'fx.p.r:compound',
      'fx.p.r.r1:atomic',
      'fx.done:final',
    ]);
    expect(root.initial).toBe('fx.a');
    expect(byId.get('fx.p')?.initial).toBeNull();
    expect(byId.get('fx.a')?.description).toBe('state a');
    expect(byId.get('fx.a')?.meta).toEqual([['owner', 'kms']]);
  });

  it('reads each transition: event, target, guard, actions, description, requirements, refusal, coverage key', () => {
    const a = byId.get('fx.a')?.transitions ?? [];
    expect(a.map((t) => t.key)).toEqual(['fx.a|GO|fx.b', 'fx.a|GO|refused:KMS.0209', 'fx.a|READ|fx.a', 'fx.a|STOP|fx.done', 'fx.a|x.y|fx.p']);
    expect(a[0]).toMatchObject({ source: 'fx.a', target: 'fx.b', event: 'GO', guard: 'isOk', actions: ['bump'], description: 'go to b', requirements: ['R-1'], refusal: null });
    expect(a[1]).toMatchObject({ target: null, guard: '!isOk', refusal: 'KMS.0209', description: 'refused because not ok' });
    const b = byId.get('fx.b')?.transitions ?? [];
    expect(b.map((t) => [t.key, t.eventLabel])).toEqual([
      ['fx.b|xstate.after.1000.fx.b|fx.a', 'after 1000ms'],
      ['fx.b|always|fx.a', 'always'],
    ]);
    expect(byId.get('fx.p')?.transitions.map((t) => t.eventLabel)).toEqual(['done']);
    expect(root.transitions.map((t) => t.key)).toEqual(['fx|READ|fx', 'fx|STOP|refused:X.0001']);
  });
});

describe('guard and action names', () => {
  it('names every kind of guard', () => {
    expect(describeGuard('isOk')).toBe('isOk');
    expect(describeGuard({ type: 'isBig', params: { min: 2, max: 5 } })).toBe('isBig(min=2, max=5)');
    expect(describeGuard(not('a'))).toBe('!a');
    expect(describeGuard(and(['a', or(['b', not('c')])]))).toBe('a && (b || !c)');
    expect(describeGuard(not(and(['a', 'b'])))).toBe('!(a && b)');
    expect(describeGuard(stateIn({ p: 'l' }))).toBe('in(p.l)');
    expect(describeGuard(function checkSomething() { return true; })).toBe('checkSomething');
    expect(describeGuard(() => true)).toBe('inline');
  });

  it('names actions, with their parameters', () => {
    expect(describeAction('accept')).toBe('accept');
    expect(describeAction({ type: 'refuse', params: { code: 'KMS.0211' } })).toBe('refuse(KMS.0211)');
    const m = setup({ actions: { x: () => undefined } }).createMachine({ on: { E: { actions: ['x'] } } });
    expect(outlineMachine(m).transitions[0]?.actions).toEqual(['x']);
  });

  it('labels XState internal events readably', () => {
    expect(eventLabel('xstate.after.5000.m.s')).toBe('after 5000ms');
    expect(eventLabel('xstate.after.slow.m.s')).toBe('after slow');
    expect(eventLabel('xstate.done.actor.fetch')).toBe('done: fetch');
    expect(eventLabel('xstate.error.actor.fetch')).toBe('error: fetch');
    expect(eventLabel('key.enable')).toBe('key.enable');
  });
});
