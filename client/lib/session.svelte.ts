/**
 * One live session as a view sees it: the state the server projected for this
 * role, kept current by the server's events, and the way to send commands.
 * Components read the fields and call `send`; they never touch the socket.
 *
 * A composition of three parts: the connection (transport and page lifecycle,
 * connection.ts), the outbox (sending and resending, outbox.ts) and the synced
 * state (snapshots, events and the kinds' models, synced-state.ts). They share
 * one reactive object, which this class reads out to the views.
 */
import { PROTOCOL_VERSION, type ConnectErrorCode, type Handshake, type Locale, type Role, type Snapshot, type Viewer } from '../../core/protocol.js';
import { currentStep } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import type { CommandMap, CommandType } from './commands.js';
import { Connection, type ConnectionStatus } from './connection.js';
import { type CommandEntry, Outbox, type Sent } from './outbox.js';
import { type JoinInfo, type Synced, SyncedState } from './synced-state.js';

export type { ConnectionStatus } from './connection.js';
export type { CommandEntry, CommandStatus } from './outbox.js';

/** A command sent of type `T`, with that type's payload. */
export type CommandEntryOf<T extends CommandType> = CommandEntry & { command: CommandEntry['command'] & { type: T; payload: CommandMap[T] } };
export type { JoinInfo } from './synced-state.js';

export interface SessionOptions {
  handshake: Handshake;
  /** localStorage key for commands not yet acknowledged (participants), so a reload keeps them. */
  outboxKey?: string;
  /** Asked once when the server refuses the handshake as unauthorized: a fresh handshake, or null to give up. */
  renew?: () => Promise<Handshake | null>;
  /** A snapshot the page already has (a phone's join answer): drawn at once, replaced by the socket's. */
  snapshot?: Snapshot;
}

/** What a view reads of a session; one reactive object rather than a field each (smaller on the phones). */
interface Live extends Synced, Sent {
  connection: ConnectionStatus;
  refusal: ConnectErrorCode | null;
}

export class Session {
  declare readonly role: Role;
  private live: Live = $state({
    state: null,
    connection: 'connecting',
    refusal: null,
    presence: 0,
    connected: [],
    you: null,
    join: null,
    locale: null,
    commands: {},
    lastRefused: null,
  });
  // Set in the constructor, so `declare`d (here and `role`): no `= undefined` for each in the phone's first load.
  private declare synced: SyncedState;
  private declare transport: Connection;
  private declare outbox: Outbox;

  constructor(options: SessionOptions) {
    const live = this.live;
    this.role = options.handshake.role;
    this.synced = new SyncedState(live);
    this.transport = new Connection({
      handshake: options.handshake,
      renew: options.renew,
      messages: this.synced,
      auth: (handshake) => this.synced.handshake(handshake),
      status: (status, refusal) => {
        live.connection = status;
        if (refusal !== undefined) live.refusal = refusal;
        if (status !== 'connected') return;
        this.synced.loadWaiting();
        this.outbox.flush();
      },
      renewed: () => this.synced.forget(),
    });
    this.outbox = new Outbox(live, options.outboxKey, this.transport);
    if (options.snapshot) this.synced.snapshot(options.snapshot);
  }

  /** The key or token this view connects with: sent as `Authorization: Bearer` for a step's files (server/routes/files.ts). */
  get secret(): string | undefined {
    return this.transport.secret;
  }

  /** The session as this role may see it; null until the first snapshot. */
  get state(): SessionState | null {
    return this.live.state;
  }
  get connection(): ConnectionStatus {
    return this.live.connection;
  }
  /** Why the server refused the connection, when `connection` is 'refused'. */
  get refusal(): ConnectErrorCode | null {
    return this.live.refusal;
  }
  /** Participants connected right now. */
  get presence(): number {
    return this.live.presence;
  }
  /** The console only: ids of the participants connected right now. */
  get present(): readonly string[] {
    return this.live.connected;
  }
  get you(): Viewer | null {
    return this.live.you;
  }
  get join(): JoinInfo | null {
    return this.live.join;
  }
  /** The arena's language, for the screen; null on phones, which choose their own. */
  get locale(): Locale | null {
    return this.live.locale;
  }
  /** Every command sent from this page (and restored from the outbox), by id. */
  get commands(): Record<string, CommandEntry> {
    return this.live.commands;
  }
  /** The latest refusal, for a notice the view can show and dismiss. */
  get lastRefused(): CommandEntry | null {
    return this.live.lastRefused;
  }
  /** The step the room is on. */
  get step(): StepDef | undefined {
    return this.live.state ? currentStep(this.live.state) : undefined;
  }
  /** Server clock minus this device's, from the last snapshot: timers count down in server time. */
  get clockOffset(): number {
    return this.synced.clockOffset;
  }

  /**
   * Sends a command; returns its id, whose status is in `commands`. Typed by the
   * server's command schemas (commands.ts): a wrong type or payload does not compile.
   */
  send<T extends CommandType>(type: T, payload: CommandMap[T], stepId?: string): string {
    return this.outbox.send(type, payload, stepId);
  }

  dismiss(id: string): void {
    this.outbox.dismiss(id);
  }

  /** This page's commands of one type for one step, oldest first, each with its payload's type. */
  entries<T extends CommandType>(type: T, stepId: string): CommandEntryOf<T>[] {
    // Each entry was made by `send` with this type, so its payload is this type's (an
    // outbox restored from localStorage was made by the same send): one cast, here.
    return this.outbox.entries(type, stepId) as CommandEntryOf<T>[];
  }

  /** Whether the contribution this command made waits for the facilitator's approval (a command's id is its event's id). */
  isHeld(commandId: string): boolean {
    return this.synced.isHeld(commandId);
  }

  /** Whether the facilitator rejected the contribution this command made. */
  isRejected(commandId: string): boolean {
    return this.synced.isRejected(commandId);
  }

  /** How many of its own contributions to a step count against the step's limit, as the server counts them (synced-state.ts). */
  used(stepId: string, held: string, mine: readonly { id: string; entry?: CommandEntry | undefined }[]): number {
    return this.synced.used(stepId, held, mine);
  }

  close(): void {
    this.transport.close();
  }
}

/** `{protocol, role, sessionId, key}` for the facilitator's console and the screen. */
export function keyedHandshake(role: 'facilitator' | 'screen', sessionId: string, key: string): Handshake {
  return { protocol: PROTOCOL_VERSION, role, sessionId, key };
}
