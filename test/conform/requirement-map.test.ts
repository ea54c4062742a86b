import { describe, expect, it } from 'vitest';
import { requirementById } from '../../models/requirements/catalog.ts';
import { OP_SIGNATURES } from '../../src/conform/parse-line.ts';
import type { LogOpName } from '../../src/conform/log-line.ts';
import { makeFacts, type Facts } from '../../src/conform/prediction.ts';
import { requirementFor } from '../../src/conform/requirement-map.ts';

const OPS = Object.keys(OP_SIGNATURES) as LogOpName[];
const CODES = [null, 'EVS.0404', 'EVS.1001', 'EVS.1002', 'EVS.1004', 'EVS.1101', 'EVS.1201', 'EVS.1202', 'EVS.2001', 'EVS.2002', 'EVS.4001', 'EVS.4002', 'KMS.0207', 'KMS.0210', 'KMS.0211', 'KMS.1201', 'KMS.1301', 'KMS.1401', 'KMS.1402', 'KMS.1501', 'MODEL.0001'];
const KEY_STATES: Facts['keyState'][] = ['enabled', 'disabled', 'pendingDeletion', 'deleted', 'none', 'unknown'];

function* allFacts(): Generator<Facts> {
  for (const op of OPS)
    for (const keyState of KEY_STATES)
      for (const episode of [0, 1, 2])
        for (const episodeKind of [null, 'disabled', 'pendingDeletion'] as const)
          for (const history of [null, { everAttached: false, detachedInEpisode: null }, { everAttached: true, detachedInEpisode: 1 }])
            for (const flag of [null, true, false])
              yield makeFacts({
                op,
                keyId: 'k1',
                keyState,
                timing: { scheduledAtMs: null, deadlineMs: null, announced: false, episode, episodeKind },
                history,
                diskEncrypted: flag,
                requested: flag === null ? null : !flag,
                source: flag === null ? null : { encrypted: flag, key: flag ? 'k1' : null },
                agency: flag !== false,
                decidedBy: 'test',
              });
}

describe('requirement map', () => {
  it('only ever names requirements of the catalog', () => {
    const named = new Set<string>();
    for (const f of allFacts()) {
      for (const code of CODES) {
        const r = requirementFor('forbidden', code, f);
        if (r !== null) named.add(r);
      }
      const r = requirementFor('required', null, f);
      if (r !== null) named.add(r);
    }
    const missing = [...named].filter((id) => requirementById(id) === undefined);
    expect(missing).toEqual([]);
    // the map is not trivially small: Table 1, the text, Tables 3 and 4 all appear
    expect([...named].filter((id) => id.startsWith('T1-')).length).toBe(12);
    expect([...named].some((id) => id.startsWith('T3-'))).toBe(true);
    expect([...named].some((id) => id.startsWith('T4-'))).toBe(true);
    expect([...named].some((id) => id.startsWith('TXT-'))).toBe(true);
  });

  const facts = (over: Partial<Facts> & Pick<Facts, 'op'>): Facts => makeFacts({ agency: true, decidedBy: 'test', ...over });

  it('picks the Table 1 row from the key state and when the disk was detached', () => {
    const timing = { scheduledAtMs: null, deadlineMs: null, announced: false, episode: 2, episodeKind: 'disabled' as const };
    const detachedNow = { everAttached: true, detachedInEpisode: 2 };
    const detachedBefore = { everAttached: true, detachedInEpisode: null };
    expect(requirementFor('forbidden', 'EVS.2001', facts({ op: 'attachDisk', keyState: 'disabled', timing, history: detachedNow }))).toBe('T1-DISABLED-ATTACHED-IMPACT');
    expect(requirementFor('forbidden', 'EVS.2001', facts({ op: 'attachDisk', keyState: 'disabled', timing, history: detachedBefore }))).toBe('T1-DISABLED-DETACHED-IMPACT');
    expect(requirementFor('forbidden', 'EVS.2001', facts({ op: 'attachDisk', keyState: 'deleted', timing, history: detachedBefore }))).toBe('T1-DELETED-DETACHED-IMPACT');
    expect(requirementFor('required', null, facts({ op: 'readDisk', keyState: 'pendingDeletion' }))).toBe('T1-PENDING-ATTACHED-IMPACT');
    expect(requirementFor('required', null, facts({ op: 'attachDisk', keyState: 'enabled', timing, history: detachedBefore }))).toBe('T1-DISABLED-DETACHED-RESTORE');
  });

  it('returns null for KMS and EVS semantics the seed does not state', () => {
    expect(requirementFor('forbidden', 'KMS.1301', facts({ op: 'disableKey', keyState: 'disabled' }))).toBeNull();
    expect(requirementFor('forbidden', 'EVS.0404', facts({ op: 'readDisk' }))).toBeNull();
    expect(requirementFor('forbidden', 'MODEL.0001', facts({ op: 'createKey' }))).toBeNull();
  });
});
