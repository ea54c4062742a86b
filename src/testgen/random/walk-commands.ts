import fc from 'fast-check';
import { clockMoves, DEFAULT_KEY_ID, formatEvent, type DiskSpec, type SystemConfig, type SystemEvent, type SystemState } from '../../../models/index.ts';
import type { SystemUnderTest } from '../../adapter/system-under-test.ts';
import type { WalkModel } from './walk-model.ts';

/**
 * fast-check commands for random walks, one class per event shape. A command
 * is offered (`check`) only when the model's alphabet offers its event in the
 * current state, so walks stay meaningful (accepted operations and the
 * refusals the model predicts, no impossible ids). `run` executes the event
 * on the system under test and on the model (WalkModel.step).
 */
export type WalkCommand = fc.AsyncCommand<WalkModel, SystemUnderTest, false> & { eventIn(state: SystemState): SystemEvent | null };

abstract class EventCommand implements WalkCommand {
  /** The concrete event this command stands for in a state, or null if it has none there. */
  abstract eventIn(state: SystemState): SystemEvent | null;

  check(model: Readonly<WalkModel>): boolean {
    const event = this.eventIn(model.state);
    return event !== null && model.offers(event);
  }

  async run(model: WalkModel, sut: SystemUnderTest): Promise<void> {
    const event = this.eventIn(model.state);
    if (event === null) throw new Error(`${this.toString()} has no event in this state; check() should have refused it`);
    await model.step(event, sut);
  }

  abstract toString(): string;
}

/** A command whose event does not depend on the state. */
abstract class FixedEventCommand extends EventCommand {
  constructor(protected readonly event: SystemEvent) {
    super();
  }

  eventIn(): SystemEvent {
    return this.event;
  }

  toString(): string {
    return formatEvent(this.event);
  }
}

export class GrantAccessCommand extends FixedEventCommand {
  constructor(securityAdmin: boolean) {
    super({ type: 'kms.grantAccess', securityAdmin });
  }
}

export type KeyOperation =
  | { readonly type: 'key.enable' | 'key.disable' | 'key.cancelDeletion' }
  | { readonly type: 'key.scheduleDeletion'; readonly pendingDays: number };

export class KeyCommand extends FixedEventCommand {
  constructor(key: string, op: KeyOperation) {
    super(op.type === 'key.scheduleDeletion' ? { type: op.type, key, pendingDays: op.pendingDays } : { type: op.type, key });
  }
}

/** The two clock moves that matter: to the day before the nearest expiry, and onto it. */
export type ClockMove = 'dayBeforeExpiry' | 'toExpiry';

export class ClockCommand extends EventCommand {
  constructor(private readonly move: ClockMove) {
    super();
  }

  eventIn(state: SystemState): SystemEvent | null {
    const moves = clockMoves(state);
    const days = this.move === 'toExpiry' ? moves.at(-1) : moves.length === 2 ? moves[0] : undefined;
    return days === undefined ? null : { type: 'clock.advance', days };
  }

  toString(): string {
    return `clock.advance ${this.move === 'toExpiry' ? 'to the nearest expiry' : 'to the day before the nearest expiry'}`;
  }
}

export class DiskCreateCommand extends FixedEventCommand {
  constructor(disk: DiskSpec) {
    super({ type: 'disk.create', disk: disk.id, encrypted: disk.encrypted, key: disk.key });
  }
}

export class DiskAttachCommand extends FixedEventCommand {
  constructor(disk: string, server: string) {
    super({ type: 'disk.attach', disk, server });
  }
}

export type DiskOperation = 'disk.detach' | 'disk.read' | 'disk.write' | 'disk.delete' | 'disk.changeEncryption';
export const DISK_OPERATIONS: readonly DiskOperation[] = ['disk.detach', 'disk.read', 'disk.write', 'disk.delete', 'disk.changeEncryption'];

export class DiskCommand extends FixedEventCommand {
  constructor(disk: string, op: DiskOperation) {
    super({ type: op, disk });
  }
}

function keyOperations(config: SystemConfig, badInput: boolean): KeyOperation[] {
  const days = badInput ? [...config.pendingDays, 6, 1097] : [...config.pendingDays];
  return [
    { type: 'key.disable' },
    { type: 'key.enable' },
    { type: 'key.scheduleDeletion', pendingDays: days[0] ?? 7 },
    { type: 'key.cancelDeletion' },
    ...days.slice(1).map((pendingDays) => ({ type: 'key.scheduleDeletion' as const, pendingDays })),
  ];
}

/** Every command of the configuration, grouped by event shape (grant, key, clock, create, attach, other disk operations). */
export function walkCommandShapes(config: SystemConfig, badInput: boolean): WalkCommand[][] {
  const keys = [...config.cmks, DEFAULT_KEY_ID];
  const keyOps = keyOperations(config, badInput);
  const shapes: WalkCommand[][] = [
    (badInput ? [true, false] : [true]).map((admin) => new GrantAccessCommand(admin)),
    keys.flatMap((key) => keyOps.map((op) => new KeyCommand(key, op))),
    (['toExpiry', 'dayBeforeExpiry'] as const).map((move) => new ClockCommand(move)),
    config.disks.map((disk) => new DiskCreateCommand(disk)),
    config.disks.flatMap((d) => config.servers.map((server) => new DiskAttachCommand(d.id, server))),
    config.disks.flatMap((d) => DISK_OPERATIONS.map((op) => new DiskCommand(d.id, op))),
  ];
  return shapes.filter((shape) => shape.length > 0);
}

/**
 * One arbitrary per event shape, each uniform over its commands (fast-check
 * picks a shape, then a command). Commands hold no state, so walks may share
 * them. Shrinking prefers the earlier commands: the first key, disk and server.
 */
export function walkCommandArbitraries(config: SystemConfig, badInput: boolean): fc.Arbitrary<WalkCommand>[] {
  return walkCommandShapes(config, badInput).map((shape) => fc.constantFrom(...shape));
}
