import { describe, expect, it } from 'vitest';
import * as models from '../models/index.ts';
import * as api from '../src/index.ts';

describe('public API (src/index.ts)', () => {
  it('exposes the model (its own entry), the implementation, the checker, the generator and the reports', () => {
    for (const name of ['cmkMachine', 'diskMachine', 'stepSystem', 'PRESETS']) expect(models, name).toHaveProperty(name);
    for (const name of ['Cloud', 'explore', 'deriveTable1', 'generateSuite', 'runTestCase', 'runRandomWalks', 'buildResults', 'renderHtmlReport', 'verifyBundle', 'conformStream', 'WorkbenchError']) {
      expect(api, name).toHaveProperty(name);
    }
  });

  it('runs a tiny end-to-end check through the public API alone', async () => {
    const config = models.PRESETS['minimal']!;
    const exploration = api.explore(config);
    expect(exploration.violations).toEqual([]);
    const suite = api.generateSuite(config, [{ kind: 'table1' }], exploration);
    const verdict = await api.runTestCase(suite.cases[0]!, config, api.referenceSutFactory(), 1);
    expect(verdict.kind).toBe('pass');
  });
});
