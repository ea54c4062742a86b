/**
 * The hosts that run servers. A host keeps the plaintext data keys of the
 * encrypted disks attached to its server in memory only, and zeroes them
 * when the disk is detached. Nothing here is ever persisted: a new process
 * starts with empty hosts (rebooted).
 */
export class Host {
  private readonly keys = new Map<string, Buffer>();

  constructor(readonly serverId: string) {}

  /** Takes ownership of `dk` (the caller must not keep or zero it). */
  load(diskId: string, dk: Buffer): void {
    this.unload(diskId);
    this.keys.set(diskId, dk);
  }

  key(diskId: string): Buffer | undefined {
    return this.keys.get(diskId);
  }

  /** Zeroes the DK in memory and forgets it. */
  unload(diskId: string): void {
    const dk = this.keys.get(diskId);
    if (dk === undefined) return;
    dk.fill(0);
    this.keys.delete(diskId);
  }

  loadedDiskIds(): string[] {
    return [...this.keys.keys()].sort();
  }

  powerOff(): void {
    for (const diskId of [...this.keys.keys()]) this.unload(diskId);
  }
}

export class HostPool {
  private readonly hosts = new Map<string, Host>();

  host(serverId: string): Host {
    let host = this.hosts.get(serverId);
    if (host === undefined) {
      host = new Host(serverId);
      this.hosts.set(serverId, host);
    }
    return host;
  }

  /** Zeroes every DK on every host (process shutdown). */
  powerOffAll(): void {
    for (const host of this.hosts.values()) host.powerOff();
    this.hosts.clear();
  }
}
