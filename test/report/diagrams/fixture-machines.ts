import { and, assign, not, setup } from 'xstate';

/**
 * Fixture machines for the diagram tests: every construct the diagrams render
 * (guards of each kind, actions, refusals, self-loops, delayed and eventless
 * transitions, parallel regions, final states, root transitions) and one with
 * names chosen to break naive Mermaid output.
 */
export const fixtureMachine = setup({
  types: {} as { context: { n: number }; events: { type: 'GO' } | { type: 'READ' } | { type: 'STOP' } | { type: 'x.y' } },
  guards: { isOk: () => true, isBig: (_: unknown, p: { min: number }) => p.min > 1 },
  actions: { bump: assign({ n: ({ context }) => context.n + 1 }) },
}).createMachine({
  id: 'fx',
  initial: 'a',
  context: { n: 0 },
  description: 'fixture machine',
  on: { READ: { actions: 'bump', description: 'read anywhere' }, STOP: { meta: { refusal: { code: 'X.0001' } } } },
  states: {
    a: {
      description: 'state a',
      meta: { owner: 'kms' },
      on: {
        GO: [
          { target: 'b', guard: 'isOk', actions: 'bump', description: 'go to b', meta: { requirements: ['R-1'] } },
          { guard: not('isOk'), meta: { refusal: { code: 'KMS.0209' } }, description: 'refused because not ok' },
        ],
        READ: { description: 'read in a' },
        STOP: { target: 'done', guard: { type: 'isBig', params: { min: 2 } } },
        'x.y': { guard: and(['isOk', not('isOk')]), target: 'p' },
      },
    },
    b: { after: { 1000: 'a' }, always: { target: 'a', guard: 'isOk' } },
    p: {
      type: 'parallel',
      description: 'parallel p',
      states: {
        l: { initial: 'l1', states: { l1: { on: { GO: 'l2', STOP: '#fx.done' } }, l2: { type: 'final' } } },
        r: { initial: 'r1', states: { r1: { on: { GO: { meta: { refusal: { code: 'R.0001' } } } } } } },
      },
      onDone: 'done',
    },
    done: { type: 'final' },
  },
});

/** Names that break naive Mermaid: colons, quotes, brackets, braces, semicolons, `%%`, `#`, HTML, keywords. */
export const NASTY = 'a: "b" [c] {d} ; e %% f #g; <i>h</i> & end';

export const nastyMachine = setup({
  types: {} as { events: { type: 'ev: "x" [y]; %%z' } | { type: 'end note' } | { type: 'state' } },
  guards: { 'is: "ok" [really]; #1': () => true },
}).createMachine({
  id: 'nasty: "m"',
  initial: 'end',
  description: NASTY,
  states: {
    end: {
      description: NASTY,
      on: {
        'ev: "x" [y]; %%z': [
          { target: 'note', guard: 'is: "ok" [really]; #1', description: NASTY },
          { meta: { refusal: { code: 'E: "1"; #2' } }, description: NASTY },
        ],
        'end note': { meta: { refusal: { code: 'X.1' } } },
        state: { target: 'state: "s" {x}' },
      },
    },
    note: { on: { state: 'end' } },
    'state: "s" {x}': { type: 'final', description: 'end note' },
  },
});
