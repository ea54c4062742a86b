import { describe, expect, it } from 'vitest';
import { formatModelRef, ref } from '../../../models/requirements/model-ref.ts';

describe('formatModelRef', () => {
  it('renders each kind of reference on one readable line', () => {
    expect(formatModelRef(ref.state('cmk', 'disabled'))).toBe('cmk#disabled');
    expect(formatModelRef(ref.transition('disk', 'available', 'disk.attach', 'attached'))).toBe('disk: available --disk.attach--> attached');
    expect(formatModelRef(ref.transition('disk', 'attached', 'disk.read', null))).toBe('disk: attached --disk.read--> (stays)');
    expect(formatModelRef(ref.refusal('disk', 'available', 'disk.attach', 'EVS.2001'))).toBe('disk: available --disk.attach--x EVS.2001');
    expect(formatModelRef(ref.guard('cmk', 'isDefaultKey'))).toBe('cmk[guard isDefaultKey]');
    expect(formatModelRef(ref.property('deleted-key-final'))).toBe('property deleted-key-final');
    expect(formatModelRef(ref.rule('table3.empty'))).toBe('rule table3.empty');
  });

  it('builds plain data', () => {
    expect(ref.refusal('cmk', 'deleted', 'key.enable', 'KMS.0207')).toEqual({
      kind: 'refusal',
      machine: 'cmk',
      state: 'deleted',
      event: 'key.enable',
      code: 'KMS.0207',
    });
  });
});
