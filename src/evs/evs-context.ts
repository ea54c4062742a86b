import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock/clock.ts';
import type { RandomSource } from '../rng/random-source.ts';
import type { Db } from '../store/database.ts';
import { CopyStore, type CopyKind, type CopyRecord } from './copy-store.ts';
import { DiskStore, type DiskRecord, type ServerRecord } from './disk-store.ts';
import { notFound } from './evs-errors.ts';
import { runOperation, type FileStaging } from './file-staging.ts';
import { HostPool } from './hosts.ts';
import { KeyAccess } from './key-access.ts';
import type { KmsPort } from './kms-port.ts';

export interface EvsDeps {
  readonly db: Db;
  readonly kms: KmsPort;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** The workspace folder: image files live in disks/, snapshots/, backups/, images/ below it. */
  readonly dir: string;
  readonly region: string;
}

const FOLDERS: Readonly<Record<CopyKind | 'disk', string>> = {
  disk: 'disks',
  snapshot: 'snapshots',
  backup: 'backups',
  image: 'images',
};

/** What every EVS operation shares: stores, KMS access, hosts, files, clock and ids. */
export class EvsContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly region: string;
  readonly disks: DiskStore;
  readonly copies: CopyStore;
  readonly keys: KeyAccess;
  readonly hosts = new HostPool();
  /** Ids handed out by this process, so two drawn in one operation never clash before they are stored. */
  private readonly taken = new Set<string>();

  constructor(private readonly deps: EvsDeps) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.region = deps.region;
    this.disks = new DiskStore(deps.db);
    this.copies = new CopyStore(deps.db);
    this.keys = new KeyAccess(deps.kms);
    for (const folder of Object.values(FOLDERS)) mkdirSync(join(deps.dir, folder), { recursive: true });
  }

  folder(kind: CopyKind | 'disk'): string {
    return join(this.deps.dir, FOLDERS[kind]);
  }

  diskPath(diskId: string): string {
    return join(this.folder('disk'), `${diskId}.img`);
  }

  copyPath(kind: CopyKind, copyId: string): string {
    return join(this.folder(kind), `${copyId}.img`);
  }

  /** A fresh id; redrawn if taken (a replayed seed over an existing workspace repeats ids). */
  newId(prefix: string): string {
    for (;;) {
      const id = `${prefix}-${this.deps.random.bytes(8).toString('hex')}`;
      if (!this.taken.has(id) && !this.disks.idExists(id) && !this.copies.idExists(id)) {
        this.taken.add(id);
        return id;
      }
    }
  }

  run<T>(body: (files: FileStaging) => T): T {
    return runOperation(this.db, body);
  }

  requireDisk(diskId: string): DiskRecord {
    const disk = this.disks.disk(diskId);
    if (disk === undefined) throw notFound('disk', diskId);
    return disk;
  }

  requireServer(serverId: string): ServerRecord {
    const server = this.disks.server(serverId);
    if (server === undefined) throw notFound('server', serverId);
    return server;
  }

  requireCopy(kind: CopyKind, copyId: string): CopyRecord {
    const copy = this.copies.get(kind, copyId);
    if (copy === undefined) throw notFound(kind, copyId);
    return copy;
  }
}

/**
 * Plaintext data keys in flight during one operation: handed to a host after
 * the commit, zeroed in every other case.
 */
export class KeyBag {
  private readonly keys = new Map<string, Buffer>();

  keep(diskId: string, dk: Buffer): void {
    this.keys.set(diskId, dk);
  }

  take(diskId: string): Buffer | undefined {
    const dk = this.keys.get(diskId);
    this.keys.delete(diskId);
    return dk;
  }

  diskIds(): string[] {
    return [...this.keys.keys()];
  }

  zeroAll(): void {
    for (const dk of this.keys.values()) dk.fill(0);
    this.keys.clear();
  }
}
