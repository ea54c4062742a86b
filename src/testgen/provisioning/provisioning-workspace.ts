import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_KEY, type KeyName } from '../../../models/provisioning/provisioning-request.ts';
import { DataShadow } from '../../adapter/data-shadow.ts';
import { SimulatedClock } from '../../clock/clock.ts';
import type { DiskSectorSize } from '../../evs/types.ts';
import { SeededRandom } from '../../rng/random-source.ts';
import { Cloud } from '../../system/cloud.ts';

/**
 * A fresh simulated cloud for one provisioning case, in its own temporary
 * folder (removed on close): project 'project-1', a SimulatedClock, a
 * SeededRandom. It maps the model's key names (`evs/default`, CMK aliases)
 * to the implementation's key ids and back, and writes random data at
 * random unaligned offsets through an attached disk, remembering the
 * plaintext each disk must hold.
 */
export const PROJECT = 'project-1';
export const DISK_BYTES = 64 * 1024;
export const OTHER_REGION = 'region-2';
const WRITES_PER_DISK = 4;

export interface WorkspaceOptions {
  readonly seed: number;
  readonly baseDir?: string;
  /** Grant the EVS agency (creates evs/default) before the case runs. */
  readonly agency: boolean;
  /** The CMK aliases to create (evs/default comes with the agency). */
  readonly cmks: readonly KeyName[];
}

export class ProvisioningWorkspace {
  private readonly keyIds = new Map<KeyName, string>();
  private readonly shadow = new DataShadow();
  private readonly tracked = new Set<string>();
  private ioServer: string | null = null;
  private closed = false;

  private constructor(
    readonly cloud: Cloud,
    readonly random: SeededRandom,
    /** Drawn per case, so the suite covers both sector sizes. */
    readonly sectorSize: DiskSectorSize,
  ) {}

  static open(options: WorkspaceOptions): ProvisioningWorkspace {
    const dir = mkdtempSync(join(options.baseDir ?? tmpdir(), 'evs-prov-'));
    const random = new SeededRandom(options.seed);
    let cloud: Cloud;
    try {
      cloud = Cloud.open({ dir, clock: new SimulatedClock(), random });
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    const ws = new ProvisioningWorkspace(cloud, random, random.int(2) === 0 ? 512 : 4096);
    try {
      for (const alias of options.cmks) ws.keyIds.set(alias, cloud.kms.createKey(PROJECT, alias).keyId);
      if (options.agency) ws.grantAgency(true);
    } catch (e) {
      ws.close();
      throw e;
    }
    return ws;
  }

  get dir(): string {
    return this.cloud.dir;
  }

  /** Grants the agency as the given user and records the evs/default key it creates; returns the key id. */
  grantAgency(securityAdministrator: boolean): string {
    const id = this.cloud.kms.grantEvsAccess(PROJECT, { securityAdministrator }).defaultKeyId;
    this.keyIds.set(DEFAULT_KEY, id);
    return id;
  }

  /** The key id for a model key name; the name itself (an alias) when the key does not exist (e.g. evs/default before the agency). */
  keyRef(name: KeyName): string {
    return this.keyIds.get(name) ?? name;
  }

  /** The model key name of an implementation key id (`?alias` for a key the case did not create). */
  modelKey(keyId: string | null): KeyName | null {
    if (keyId === null) return null;
    for (const [name, id] of this.keyIds) if (id === keyId) return name;
    try {
      return `?${this.cloud.kms.describeKey(keyId).alias}`;
    } catch {
      return `?${keyId}`;
    }
  }

  /** A server (no image) used to attach disks for writing and reading. */
  ioServerId(): string {
    this.ioServer ??= this.cloud.evs.createServer({ project: PROJECT, name: 'io' }).serverId;
    return this.ioServer;
  }

  /** A detached disk of DISK_BYTES holding random data written at random unaligned offsets; returns its id and plaintext. */
  sourceDisk(encrypted: boolean, key: KeyName | null): { diskId: string; plaintext: Buffer } {
    const { evs } = this.cloud;
    const info = evs.createDisk({
      project: PROJECT,
      name: 'source',
      sizeBytes: DISK_BYTES,
      sectorSize: this.sectorSize,
      encrypted,
      ...(encrypted && key !== null ? { keyId: this.keyRef(key) } : {}),
    });
    evs.attachDisk(info.diskId, this.ioServerId());
    const plaintext = this.writeRandom(info.diskId, DISK_BYTES);
    evs.detachDisk(info.diskId);
    return { diskId: info.diskId, plaintext };
  }

  /** Writes random data to an attached disk; returns the plaintext the whole disk must now hold. */
  writeRandom(diskId: string, sizeBytes: number): Buffer {
    if (!this.tracked.has(diskId)) {
      this.shadow.track(diskId, sizeBytes);
      this.tracked.add(diskId);
    }
    for (let i = 0; i < WRITES_PER_DISK; i++) {
      const { offset, data } = this.shadow.planWrite(diskId, this.random);
      this.cloud.evs.writeDisk(diskId, offset, data);
      this.shadow.wrote(diskId, offset, data);
    }
    return Buffer.from(this.shadow.slice(diskId, 0, sizeBytes));
  }

  /**
   * Reads a whole disk: directly if it is attached, else attached to the I/O
   * server for the read and detached again.
   */
  readAll(diskId: string): Buffer {
    const { evs } = this.cloud;
    const info = evs.describeDisk(diskId);
    if (info.serverId !== null) return evs.readDisk(diskId, 0, info.sizeBytes);
    evs.attachDisk(diskId, this.ioServerId());
    try {
      return evs.readDisk(diskId, 0, info.sizeBytes);
    } finally {
      evs.detachDisk(diskId);
    }
  }

  /** The image file the implementation keeps for a disk or a copy (white-box, for the ciphertext checks). */
  fileOf(kind: 'disk' | 'snapshot' | 'backup' | 'image', id: string): string {
    const folder = { disk: 'disks', snapshot: 'snapshots', backup: 'backups', image: 'images' }[kind];
    return join(this.cloud.dir, folder, `${id}.img`);
  }

  close(keep = false): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.cloud.close();
    } finally {
      if (!keep) rmSync(this.cloud.dir, { recursive: true, force: true });
    }
  }
}
