import { mkdtempSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_KEY_ID, type SystemConfig, type SystemEvent } from '../../../models/index.ts';
import { SimulatedClock } from '../../clock/clock.ts';
import { isWorkbenchError } from '../../errors/workbench-error.ts';
import { SeededRandom } from '../../rng/random-source.ts';
import { Cloud, type RootKeyOption } from '../../system/cloud.ts';
import { DataShadow } from '../data-shadow.ts';
import type { Observation, SutFactory, SutResult, SystemUnderTest } from '../system-under-test.ts';

/**
 * The adapter for the reference implementation: model ids (k1, d1, s1) map
 * to the ids the implementation hands out; every event becomes the matching
 * KMS or EVS call; reads and writes move real random data through XTS and
 * are checked against a byte-exact shadow, and every write's sectors are
 * read back from the image file to check that the ciphertext is not the
 * plaintext (or is, for an unencrypted disk).
 */
export const PROJECT = 'project-1';
export const DISK_BYTES = 64 * 1024;

export interface ReferenceOptions {
  readonly rootKey?: RootKeyOption;
  /** Where workspaces go; each test gets its own folder, removed on close. */
  readonly baseDir?: string;
  readonly keepWorkspaces?: boolean;
  /** A fault to plant in the implementation (used to prove the suite catches bugs). */
  readonly mutate?: (cloud: Cloud) => void;
}

export function referenceSutFactory(options: ReferenceOptions = {}): SutFactory {
  return {
    name: `reference implementation (${options.rootKey?.kind ?? 'software'} root key)`,
    async create(config, seed) {
      return ReferenceSut.open(config, seed, options);
    },
  };
}

export class ReferenceSut implements SystemUnderTest {
  readonly name = 'reference';
  private readonly servers = new Map<string, string>();
  private readonly disks = new Map<string, string>();
  private readonly shadow = new DataShadow();
  private toggles = 0;

  private constructor(
    private readonly config: SystemConfig,
    private readonly cloud: Cloud,
    private readonly clock: SimulatedClock,
    private readonly random: SeededRandom,
    private readonly options: ReferenceOptions,
  ) {}

  static open(config: SystemConfig, seed: number, options: ReferenceOptions): ReferenceSut {
    const dir = mkdtempSync(join(options.baseDir ?? tmpdir(), 'evs-sut-'));
    const clock = new SimulatedClock();
    const random = new SeededRandom(seed);
    const cloud = Cloud.open({ dir, clock, random, ...(options.rootKey ? { rootKey: options.rootKey } : {}) });
    const sut = new ReferenceSut(config, cloud, clock, random, options);
    for (const alias of config.cmks) cloud.kms.createKey(PROJECT, alias);
    if (config.agencyGranted) cloud.kms.grantEvsAccess(PROJECT, { securityAdministrator: true });
    options.mutate?.(cloud);
    return sut;
  }

  get workspace(): string {
    return this.cloud.dir;
  }

  async execute(event: SystemEvent): Promise<SutResult> {
    try {
      return this.perform(event);
    } catch (e) {
      if (isWorkbenchError(e)) return { kind: 'refused', code: e.code, message: e.message };
      return { kind: 'broken', message: `the implementation threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
    }
  }

  /** The implementation's id for a model key; for a key the KMS does not know, an id it will not find, so the KMS itself answers. */
  private keyId(alias: string): string {
    try {
      return this.cloud.kms.describeKey(alias, PROJECT).keyId;
    } catch (e) {
      if (isWorkbenchError(e) && e.code === 'KMS.0207') return `unknown-key-${alias.replace(/[^A-Za-z0-9-]/g, '-')}`;
      throw e;
    }
  }

  private server(model: string): string {
    let id = this.servers.get(model);
    if (id === undefined) {
      id = this.cloud.evs.createServer({ project: PROJECT, name: model }).serverId;
      this.servers.set(model, id);
    }
    return id;
  }

  private disk(model: string): string {
    return this.disks.get(model) ?? `unknown-${model}`;
  }

  private perform(event: SystemEvent): SutResult {
    const { kms, evs } = this.cloud;
    switch (event.type) {
      case 'kms.grantAccess':
        kms.grantEvsAccess(PROJECT, { securityAdministrator: event.securityAdmin });
        break;
      case 'key.create':
        kms.createKey(PROJECT, event.key);
        break;
      case 'key.enable':
        kms.enableKey(this.keyId(event.key));
        break;
      case 'key.disable':
        kms.disableKey(this.keyId(event.key));
        break;
      case 'key.scheduleDeletion':
        kms.scheduleKeyDeletion(this.keyId(event.key), event.pendingDays);
        break;
      case 'key.cancelDeletion':
        kms.cancelKeyDeletion(this.keyId(event.key));
        break;
      case 'clock.advance':
        this.clock.advanceDays(event.days);
        kms.sweepExpiredKeys();
        break;
      case 'disk.create': {
        const index = this.config.disks.findIndex((d) => d.id === event.disk);
        const keyId = event.encrypted && event.key !== null && event.key !== DEFAULT_KEY_ID ? this.keyId(event.key) : undefined;
        const info = evs.createDisk({
          project: PROJECT,
          name: event.disk,
          sizeBytes: DISK_BYTES,
          sectorSize: index % 2 === 0 ? 512 : 4096,
          encrypted: event.encrypted,
          ...(keyId !== undefined ? { keyId } : {}),
        });
        this.disks.set(event.disk, info.diskId);
        this.shadow.track(event.disk, DISK_BYTES);
        break;
      }
      case 'disk.attach':
        evs.attachDisk(this.disk(event.disk), this.server(event.server));
        break;
      case 'disk.detach':
        evs.detachDisk(this.disk(event.disk));
        break;
      case 'disk.delete':
        evs.deleteDisk(this.disk(event.disk));
        break;
      case 'disk.changeEncryption': {
        const info = evs.describeDisk(this.disk(event.disk));
        const change = this.toggles++ % 2 === 0 ? { encrypted: !info.encrypted } : { keyId: info.keyId === null ? this.keyId(DEFAULT_KEY_ID) : null };
        evs.updateDisk(info.diskId, change);
        break;
      }
      case 'disk.read': {
        const id = this.disk(event.disk);
        const { offset, length } = this.disks.has(event.disk) ? this.shadow.planRead(event.disk, this.random) : { offset: 0, length: 512 };
        const got = evs.readDisk(id, offset, length);
        const problem = this.shadow.checkRead(event.disk, offset, got, length);
        if (problem) return { kind: 'broken', message: problem };
        break;
      }
      case 'disk.write': {
        const id = this.disk(event.disk);
        const { offset, data } = this.disks.has(event.disk) ? this.shadow.planWrite(event.disk, this.random) : { offset: 0, data: Buffer.alloc(512, 1) };
        evs.writeDisk(id, offset, data);
        this.shadow.wrote(event.disk, offset, data);
        const problem = this.checkCiphertext(event.disk, id, offset, data);
        if (problem) return { kind: 'broken', message: problem };
        break;
      }
    }
    return { kind: 'ok' };
  }

  /** The image file must hold ciphertext (never the plaintext) for an encrypted disk, the plaintext for an unencrypted one. */
  private checkCiphertext(model: string, diskId: string, offset: number, data: Buffer): string | null {
    const info = this.cloud.evs.describeDisk(diskId);
    const raw = Buffer.alloc(data.length);
    const fd = openSync(join(this.cloud.dir, 'disks', `${diskId}.img`), 'r');
    try {
      readSync(fd, raw, 0, raw.length, offset);
    } finally {
      closeSync(fd);
    }
    if (info.encrypted && data.length >= 16 && raw.equals(data)) return `the image file of encrypted disk ${model} holds the plaintext just written at ${offset}`;
    if (!info.encrypted && !raw.equals(data)) return `the image file of unencrypted disk ${model} does not hold the plaintext written at ${offset}`;
    return null;
  }

  async observe(): Promise<Observation> {
    const { kms, evs } = this.cloud;
    const keys: Record<string, string> = {};
    const aliasOf = new Map<string, string>();
    const agency = kms.hasEvsAccess(PROJECT);
    const aliases = [...this.config.cmks, ...(agency ? [DEFAULT_KEY_ID] : [])];
    for (const alias of aliases) {
      const info = kms.describeKey(alias, PROJECT);
      keys[alias] = info.state;
      aliasOf.set(info.keyId, alias);
    }
    const serverOf = new Map([...this.servers].map(([m, id]) => [id, m]));
    const disks: Record<string, Observation['disks'][string]> = {};
    for (const [model, id] of this.disks) {
      let info;
      try {
        info = evs.describeDisk(id);
      } catch (e) {
        if (isWorkbenchError(e) && e.code === 'EVS.0404') {
          const spec = this.config.disks.find((d) => d.id === model);
          disks[model] = { state: 'deleted', serverId: null, dkInMemory: false, encrypted: spec?.encrypted ?? false, keyId: spec?.key ?? null };
          continue;
        }
        throw e;
      }
      const holders = [...this.servers.values()].filter((s) => evs.loadedDataKeys(s).includes(id));
      disks[model] = {
        state: info.status === 'in-use' ? 'attached' : 'available',
        serverId: info.serverId === null ? null : (serverOf.get(info.serverId) ?? `unknown:${info.serverId}`),
        dkInMemory: holders.length > 0,
        encrypted: info.encrypted,
        keyId: info.keyId === null ? null : (aliasOf.get(info.keyId) ?? kms.describeKey(info.keyId).alias),
      };
    }
    return { agency, keys, disks };
  }

  async close(): Promise<void> {
    this.cloud.close();
    if (!this.options.keepWorkspaces) rmSync(this.cloud.dir, { recursive: true, force: true });
  }
}
