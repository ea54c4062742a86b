import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS, stepSystem, systemAlphabet, type SystemConfig, type SystemEvent } from '../../../models/index.ts';
import type { SystemUnderTest } from '../../../src/adapter/system-under-test.ts';
import { walkCommandShapes, type WalkCommand } from '../../../src/testgen/random/walk-commands.ts';
import { WalkModel } from '../../../src/testgen/random/walk-model.ts';

/**
 * The commands cover the model's alphabet exactly: in every state reached,
 * the events of the commands that `check` accepts are the alphabet's events,
 * no more (walks stay meaningful) and no fewer (nothing is unreachable).
 */
const key = (e: SystemEvent): string => JSON.stringify(e);

function offeredByCommands(commands: readonly WalkCommand[], model: WalkModel): string[] {
  return [...new Set(commands.filter((c) => c.check(model)).map((c) => c.eventIn(model.state)).flatMap((e) => (e ? [key(e)] : [])))].sort();
}

describe('walk commands', () => {
  for (const name of Object.keys(PRESETS)) {
    for (const badInput of [false, true]) {
      it(`offer exactly the alphabet in random states of '${name}' (badInput ${badInput})`, () => {
        const config = PRESETS[name] as SystemConfig;
        const commands = walkCommandShapes(config, badInput).flat();
        fc.assert(
          fc.property(fc.array(fc.nat(), { maxLength: 40 }), (choices) => {
            const model = new WalkModel(config, badInput, 0);
            for (const choice of choices) {
              expect(offeredByCommands(commands, model)).toEqual(systemAlphabet(config, model.state, { badInput }).map(key).sort());
              const options = systemAlphabet(config, model.state, { badInput });
              const next = options[choice % options.length];
              if (next) model.state = stepSystem(model.state, next).next;
            }
          }),
          { numRuns: 40, seed: 1 },
        );
      });
    }
  }

  it('have one shape each for grant, key, clock, create, attach and the other disk operations, named by their event', () => {
    const shapes = walkCommandShapes(PRESETS['default'] as SystemConfig, false);
    expect(shapes).toHaveLength(6);
    expect(shapes.map((s) => s.length)).toEqual([1, 3 * 4, 2, 3, 3 * 2, 3 * 5]);
    expect(shapes[4]?.[0]?.toString()).toBe('disk.attach d1 → s1');
  });

  it('run an event on the system under test through the model, and advance the model', async () => {
    const config = PRESETS['minimal'] as SystemConfig;
    const grant = walkCommandShapes(config, false)[0]?.[0];
    if (!grant) throw new Error('no grant command');
    const seen: SystemEvent[] = [];
    const sut: SystemUnderTest = {
      name: 'fake',
      execute: async (e) => {
        seen.push(e);
        return { kind: 'ok' };
      },
      observe: async () => ({ agency: true, keys: { k1: 'enabled', 'evs/default': 'enabled' }, disks: {} }),
      close: async () => undefined,
    };
    const model = new WalkModel(config, false, 0);
    await grant.run(model, sut);
    expect(seen).toEqual([{ type: 'kms.grantAccess', securityAdmin: true }]);
    expect(model.state.agency).toBe(true);
    expect(model.steps).toHaveLength(1);
  });
});
