import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS, type SystemConfig } from '../../../models/index.ts';
import { isWorkbenchError } from '../../../src/errors/workbench-error.ts';
import {
  commandsReplayPath,
  decodeReplayToken,
  encodeReplayToken,
  formatWalkFailure,
  replayApiCall,
  replayCommandLine,
} from '../../../src/testgen/random/walk-report.ts';

const minimal = PRESETS['minimal'] as SystemConfig;
const path = fc.array(fc.nat({ max: 500 }), { minLength: 1, maxLength: 8 }).map((xs) => xs.join(':'));
const b64 = fc.stringMatching(/^[A-Za-z0-9+/]{0,12}$/);

describe('replay tokens', () => {
  it('round-trip: a shrunk path keeps its commands replay path, an unshrunk one drops it', () => {
    fc.assert(
      fc.property(path, b64, b64, (p, counts, changes) => {
        const replayPath = `${counts}:${changes}`;
        const token = encodeReplayToken(p, replayPath);
        const decoded = decodeReplayToken(token);
        expect(decoded.path).toBe(p);
        const keeps = p.includes(':') && replayPath !== ':';
        expect(decoded.replayPath).toBe(keeps ? replayPath : null);
      }),
    );
  });

  it('refuses anything else with CLI.0601 and a fix', () => {
    for (const bad of ['', 'abc', '4:', ':4', '4:1:x', '4@@A:B', '4:1@A', '-1:2']) {
      let code = 'no error';
      try {
        decodeReplayToken(bad);
      } catch (e) {
        code = isWorkbenchError(e) && e.fix.length > 0 ? e.code : String(e);
      }
      expect(code, bad).toBe('CLI.0601');
    }
  });

  it("reads the commands replay path from fast-check's text of a command sequence", () => {
    expect(commandsReplayPath('key.disable k1,disk.attach d1 → s1 /*replayPath="ACAAJ:K"*/')).toBe('ACAAJ:K');
    expect(commandsReplayPath('key.disable k1')).toBeNull();
  });
});

describe('replay lines', () => {
  const p = { config: minimal, seed: 123, maxLength: 40, badInput: false, token: '4:1:0@AB:C' };

  it('gives one CLI line with config, strategy (one run of the length), seed and path (and --no-bad-input when bad input was off)', () => {
    expect(replayCommandLine(p)).toBe('npx evs-workbench verify --config minimal --strategies random:1x40 --seed 123 --no-bad-input --replay-path "4:1:0@AB:C"');
    expect(replayCommandLine({ ...p, badInput: true })).not.toContain('bad-input');
  });

  it('gives the test-API call on one line, quoting odd configuration names', () => {
    expect(replayApiCall(p)).toBe('runRandomWalks({ config: PRESETS.minimal, factory, seed: 123, runs: 1, maxLength: 40, badInput: false, path: "4:1:0@AB:C" })');
    expect(replayApiCall({ ...p, config: { ...minimal, name: 'my-config' } })).toContain('PRESETS["my-config"]');
  });
});

describe('formatWalkFailure', () => {
  const text = formatWalkFailure({
    config: minimal,
    seed: 42,
    sutSeed: 9,
    shrinks: 3,
    steps: [
      { event: { type: 'kms.grantAccess', securityAdmin: true }, expected: { kind: 'ok' }, actual: { kind: 'ok' } },
      { event: { type: 'key.disable', key: 'k1' }, expected: { kind: 'ok' }, actual: { kind: 'ok' } },
      { event: { type: 'disk.attach', disk: 'd1', server: 's1' }, expected: { kind: 'refused', code: 'EVS.2001' }, actual: { kind: 'ok' } },
    ],
    detail: {
      stepIndex: 2,
      event: { type: 'disk.attach', disk: 'd1', server: 's1' },
      expected: { kind: 'refused', code: 'EVS.2001' },
      actual: { kind: 'ok' },
      observationDiff: ['disk d1 state: expected available, got attached'],
      reason: 'step 3 (disk.attach d1 → s1): the model predicts EVS.2001, the implementation answered ok',
    },
    replay: 'evs-workbench verify --seed 42 --replay-path "1:2"',
    replayApi: 'runRandomWalks({ seed: 42, path: "1:2" })',
  });
  const lines = text.split('\n');

  it('prints every step with expected and actual, marking the failing one', () => {
    expect(lines[0]).toContain("Random walk on 'minimal' failed (seed 42, implementation seed 9)");
    expect(lines[0]).toContain('shrunk to 3 events in 3 shrinks');
    expect(lines[1]).toMatch(/^ {3}1\. kms\.grantAccess \(security admin\)\s+expected ok\s+actual ok$/);
    expect(lines[3]).toMatch(/^✗ {2}3\. disk\.attach d1 → s1\s+expected EVS\.2001\s+actual ok$/);
    expect(lines.filter((l) => l.startsWith('✗'))).toHaveLength(1);
  });

  it('then the reason, the observation differences and both replay lines', () => {
    expect(text).toContain('the model predicts EVS.2001, the implementation answered ok');
    expect(text).toContain('Observation after step 3');
    expect(text).toContain('  - disk d1 state: expected available, got attached');
    expect(lines.at(-2)).toBe('Replay: evs-workbench verify --seed 42 --replay-path "1:2"');
    expect(lines.at(-1)).toBe('Test API: runRandomWalks({ seed: 42, path: "1:2" })');
  });
});
