import { describe, expect, it } from 'vitest';
import { CTS_FORMAT, CTS_TRACES, serviceCodeOf } from '../../../src/conform/formats/cts.ts';
import type { Translation } from '../../../src/conform/formats/trail-format.ts';

const TIME = Date.UTC(2026, 2, 2, 9);
const K = '0d0466b0-e727-4d9c-b35d-f84bb474a37f';
const V = '244caf9c-4dab-4481-b253-edc618187993';
const S = '73f778aa-f6fa-4db8-a56a-bd72fb710734';

/** A CTS trace as the CTS API returns it: request and response are JSON strings. */
function trace(service: string, name: string, fields: { request?: unknown; response?: unknown; [k: string]: unknown } = {}): Record<string, unknown> {
  const { request, response, ...rest } = fields;
  return {
    time: TIME,
    service_type: service,
    trace_name: name,
    trace_rating: 'normal',
    trace_type: 'ApiCall',
    code: 200,
    trace_id: 't-1',
    project_id: 'p-1',
    ...(request === undefined ? {} : { request: JSON.stringify(request) }),
    ...(response === undefined ? {} : { response: JSON.stringify(response) }),
    ...rest,
  };
}

function one(record: Record<string, unknown>): Translation {
  return CTS_FORMAT.createTranslator().translate(record, 1);
}

const volume = (metadata: Record<string, string> | undefined, extra: Record<string, unknown> = {}) =>
  trace('EVS', 'createVolume', { resource_id: V, request: { volume: { size: 10, volume_type: 'SSD', ...(metadata ? { metadata } : {}), ...extra } } });

describe('CTS translation, trace by trace', () => {
  it.each<[string, Record<string, unknown>, object]>([
    ['createVolume encrypted with a CMK', volume({ __system__encrypted: '1', __system__cmkid: K }), { op: 'createDisk', disk: V, encrypted: true, key: K }],
    ['createVolume encrypted without a CMK: the default key', volume({ __system__encrypted: '1' }), { op: 'createDisk', disk: V, encrypted: true, key: null }],
    ['createVolume with __system__encrypted 0', volume({ __system__encrypted: '0', __system__cmkid: K }), { op: 'createDisk', encrypted: false, key: null }],
    ['createVolume without metadata: unencrypted', volume(undefined), { op: 'createDisk', encrypted: false, key: null }],
    [
      'createVolume, the id and metadata from the response',
      trace('EVS', 'createVolume', { request: { volume: { size: 10 } }, response: { volume: { id: V, metadata: { __system__encrypted: '1', __system__cmkid: K } } } }),
      { op: 'createDisk', disk: V, encrypted: true, key: K },
    ],
    ['createVolume from a snapshot', volume(undefined, { snapshot_id: 'sn-1' }), { op: 'createDiskFromSnapshot', disk: V, snapshot: 'sn-1', encrypted: null }],
    ['deleteVolume', trace('EVS', 'deleteVolume', { resource_id: V }), { op: 'deleteDisk', disk: V }],
    ['createSnapshot', trace('EVS', 'createSnapshot', { resource_id: 'sn-1', request: { snapshot: { volume_id: V, force: true } } }), { op: 'createSnapshot', snapshot: 'sn-1', disk: V }],
    ['attachVolume (ECS)', trace('ECS', 'attachVolume', { resource_id: S, request: { volumeAttachment: { volumeId: V, device: '/dev/vdb' } }, response: { job_id: 'j' } }), { op: 'attachDisk', disk: V, server: S }],
    ['attachVolumeV2 (ECS)', trace('ECS', 'attachVolumeV2', { resource_id: S, request: { volumeAttachment: { volumeId: V } } }), { op: 'attachDisk', disk: V, server: S }],
    ['detachVolume (ECS)', trace('ECS', 'detachVolume', { resource_id: S, request: { volume_id: V } }), { op: 'detachDisk', disk: V }],
    ['createKey', trace('KMS', 'createKey', { resource_id: K, request: { key_alias: 'a' }, response: { key_info: { key_id: K, domain_id: 'd' } } }), { op: 'createKey', key: K }],
    ['disableKey', trace('KMS', 'disableKey', { request: { key_id: K } }), { op: 'disableKey', key: K }],
    ['enableKey', trace('KMS', 'enableKey', { request: { key_id: K } }), { op: 'enableKey', key: K }],
    ['scheduleKeyDeletion (pending_days as a string)', trace('KMS', 'scheduleKeyDeletion', { request: { key_id: K, pending_days: '7' } }), { op: 'scheduleKeyDeletion', key: K, pendingDays: 7 }],
    ['cancelKeyDeletion', trace('KMS', 'cancelKeyDeletion', { request: { key_id: K } }), { op: 'cancelKeyDeletion', key: K }],
    ['deleteKey (end of the waiting period, a system action)', trace('KMS', 'deleteKey', { trace_type: 'SystemAction', source_ip: '', resource_id: K }), { op: 'keyDeleted', key: K }],
  ])('%s', (_name, record, op) => {
    const t = one(record);
    expect(t).toMatchObject({ kind: 'line', result: 'ok', error: null, timeMs: TIME });
    expect(t.kind === 'line' ? t.op : null).toMatchObject(op);
  });

  it('accepts request and response as objects, and time as a string of digits', () => {
    const t = one({ ...trace('KMS', 'disableKey'), time: String(TIME), request: { key_id: K } });
    expect(t).toMatchObject({ kind: 'line', timeMs: TIME, op: { op: 'disableKey', key: K } });
  });

  it('knows KMS traces under DEW too, and every translated trace', () => {
    expect(one(trace('DEW', 'disableKey', { request: { key_id: K } }))).toMatchObject({ kind: 'line', op: { op: 'disableKey' } });
    expect(Object.keys(CTS_TRACES)).toEqual(expect.arrayContaining(['EVS createVolume', 'EVS createSnapshot', 'ECS attachVolume', 'ECS detachVolume', 'KMS scheduleKeyDeletion', 'KMS deleteKey']));
  });

  it.each<[string, Record<string, unknown>, string | null]>([
    ['an attach refused with KMS.0209 (key disabled)', trace('ECS', 'attachVolume', { trace_rating: 'warning', code: 400, resource_id: S, request: { volumeAttachment: { volumeId: V } }, response: { error: { code: 'KMS.0209', message: 'The key is disabled.' } } }), 'EVS.2001'],
    ['a create refused with KMS.0210 (pending deletion)', trace('EVS', 'createVolume', { code: '400', request: { volume: { metadata: { __system__encrypted: '1', __system__cmkid: K } } }, response: { error: { code: 'KMS.0210' } } }), 'EVS.2002'],
    ['a disable refused with KMS.0210', trace('KMS', 'disableKey', { trace_rating: 'warning', code: 400, request: { key_id: K }, response: { error: { error_code: 'KMS.0210', error_msg: 'pending deletion' } } }), 'KMS.0210'],
    ['an enable refused with KMS.1201', trace('KMS', 'enableKey', { trace_rating: 'incident', request: { key_id: K }, response: { error_code: 'KMS.1201' } }), 'KMS.1201'],
    ['a detach refused with EVS.1001', trace('ECS', 'detachVolume', { code: 400, request: { volume_id: V }, response: { error: { code: 'EVS.1001' } } }), 'EVS.1001'],
    ['a detach refused with an ECS code', trace('ECS', 'detachVolume', { code: 400, request: { volume_id: V }, response: { error: { code: 'Ecs.0015', message: 'not attached' } } }), null],
    ['a failure without a body', trace('EVS', 'deleteVolume', { trace_rating: 'warning', resource_id: V }), null],
  ])('a failure: %s', (_name, record, code) => {
    expect(one(record)).toMatchObject({ kind: 'line', result: 'error', error: code });
  });

  it('gives a failed create a placeholder id', () => {
    const t = one(trace('EVS', 'createVolume', { code: 400, trace_id: 'tr-9', resource_id: '', request: { volume: { size: 10 } } }));
    expect(t).toMatchObject({ kind: 'line', result: 'error', op: { op: 'createDisk', disk: 'failed:tr-9' } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a trace of another service', trace('DWS', 'createSnapshot'), 'not-translated'],
    ['a data key for a volume', trace('KMS', 'createDataKey'), 'not-translated'],
    ['createServer (creates and attaches disks)', trace('ECS', 'createServer'), 'changes-state'],
    ['a 403', trace('KMS', 'enableKey', { code: 403, trace_rating: 'warning', request: { key_id: K } }), 'not-authorized'],
    ['a 429', trace('KMS', 'enableKey', { code: 429, trace_rating: 'warning', request: { key_id: K } }), 'throttled'],
  ])('skips %s', (_name, record, reason) => {
    expect(one(record)).toMatchObject({ kind: 'skip', reason });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['attachVolume without the volume', trace('ECS', 'attachVolume', { resource_id: S, request: { volumeAttachment: {} } }), 'CLI.0404', 'attachVolume: request.volumeAttachment.volumeId is missing.'],
    ['scheduleKeyDeletion without pending_days', trace('KMS', 'scheduleKeyDeletion', { request: { key_id: K } }), 'CLI.0404', 'scheduleKeyDeletion: request.pending_days is missing.'],
    ['a request that is not JSON', { ...trace('KMS', 'disableKey'), request: 'key_id=abc' }, 'CLI.0404', 'disableKey: request.key_id or response.key_info.key_id or resource_id is missing.'],
    ['no time', { ...trace('KMS', 'disableKey', { request: { key_id: K } }), time: undefined }, 'CLI.0406', 'disableKey: time must be milliseconds'],
    ['not a trace', { Records: [] }, 'CLI.0403', 'not a CTS trace'],
  ])('a malformed trace is unreadable: %s', (_name, record, code, message) => {
    const t = one(record);
    expect(t).toMatchObject({ kind: 'bad', code });
    expect(t.kind === 'bad' ? t.message : '').toContain(message);
  });

  it('reads KMS/EVS codes only from the places CTS bodies carry them', () => {
    expect(serviceCodeOf({ error: { error_code: 'KMS.0209' } })).toBe('KMS.0209');
    expect(serviceCodeOf({ error: { code: 'EVS.2001' } })).toBe('EVS.2001');
    expect(serviceCodeOf({ badRequest: { code: 400, message: 'KMS.0209' } })).toBeNull();
    expect(serviceCodeOf('KMS.0209')).toBeNull();
  });
});
