/**
 * One live session as a view sees it: the state the server projected for this
 * role, kept current by the server's events, and the way to send commands.
 * Components read the fields and call `send`; they never touch the socket.
 */
import { nanoid } from 'nanoid';
import type { Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type Command,
  type ConnectErrorCode,
  type ErrorCode,
  type Handshake,
  isTransient,
  type Locale,
  type Role,
  type ServerToClientEvents,
  type SessionEvent,
  type Snapshot,
  type Viewer,
} from '../../core/protocol.js';
import { applyEvent, currentStep } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { hasModels, loadModels, models } from './models.js';
import { Backoff, loadOutbox, saveOutbox } from './outbox.js';

/** How long to wait for an acknowledgement before sending the same command again. */
const ACK_TIMEOUT_MS = 10_000;
/** After socket.io's code failed to load (offline), try again this often. */
const RETRY_LOAD_MS = 5_000;
/**
 * Hidden longer than this (the server's ping interval), a socket that looks connected
 * may have been dropped by the server while the phone slept: reconnect on waking.
 */
const SLEEP_MS = 20_000;

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';
export type CommandStatus = 'sending' | 'saved' | 'refused';

export interface CommandEntry {
  command: Command;
  status: CommandStatus;
  /** Why the server refused it. */
  error?: ErrorCode;
  /** When it was first sent (ms), to order a participant's own items. */
  at: number;
}

export type JoinInfo = Snapshot['join'];

export interface SessionOptions {
  handshake: Handshake;
  /** localStorage key for commands not yet acknowledged (participants), so a reload keeps them. */
  outboxKey?: string;
  /** Asked once when the server refuses the handshake as unauthorized: a fresh handshake, or null to give up. */
  renew?: () => Promise<Handshake | null>;
  /** A snapshot the page already has (a phone's join answer): drawn at once, replaced by the socket's. */
  snapshot?: Snapshot;
}

const REFUSALS: readonly ConnectErrorCode[] = ['protocol', 'unauthorized', 'not-found'];

function refusalOf(err: Error): ConnectErrorCode | undefined {
  const code = (err as Error & { data?: { code?: unknown } }).data?.code;
  return REFUSALS.find((r) => r === code);
}

/** What a view reads of a session; one reactive object rather than a field each (smaller on the phones). */
interface Live {
  state: SessionState | null;
  connection: ConnectionStatus;
  refusal: ConnectErrorCode | null;
  presence: number;
  /** The console only: ids of the participants connected now. */
  connected: string[];
  you: Viewer | null;
  join: JoinInfo | null;
  locale: Locale | null;
  commands: Record<string, CommandEntry>;
  lastRefused: CommandEntry | null;
}

export class Session {
  readonly role: Role;
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
  clockOffset = 0;
  /** A snapshot whose kinds' models are still loading, and the events that came after it. */
  private waiting: { snapshot: Snapshot; events: SessionEvent[]; drawn: boolean; loading: boolean } | null = null;

  /** Undefined until socket.io's code has loaded: a phone draws and takes input before that. */
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  private handshake: Handshake;
  private closed = false;
  private loading = false;
  private outboxKey: string | undefined;
  // Bookkeeping of the outbox, not shown: plain on purpose, a reactive set would redraw on every send.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private inFlight = new Set<string>();
  private backoff = new Backoff();
  private renew: SessionOptions['renew'];
  private renewed = false;
  /** Whether the view held was sent for this handshake's viewer (a renewed handshake may be someone new). */
  private viewOfThisHandshake = false;
  /** When the page was last hidden (screen locked, app switched), to tell a long sleep from a glance away. */
  private hiddenAt = 0;

  constructor(options: SessionOptions) {
    this.role = options.handshake.role;
    this.handshake = options.handshake;
    this.outboxKey = options.outboxKey;
    this.renew = options.renew;
    for (const { command, at } of loadOutbox(this.outboxKey)) this.live.commands[command.id] = { command, status: 'sending', at };
    if (options.snapshot) this.receive(options.snapshot);

    // A phone that wakes up or gets its network back should not wait for the next backoff step.
    window.addEventListener('online', () => this.resume(false));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.hiddenAt = Date.now();
      else this.resume(this.hiddenAt > 0 && Date.now() - this.hiddenAt > SLEEP_MS);
    });
    // Back from the back/forward cache: the page froze with its socket, which the server has long closed.
    window.addEventListener('pageshow', (event) => event.persisted && this.resume(true));
    this.connect();
  }

  /** Loads socket.io (once; again after a failure) and opens the connection. */
  private connect(): void {
    if (this.socket || this.closed || this.loading) return;
    this.loading = true;
    import('socket.io-client').then(
      ({ io }) => {
        this.loading = false;
        if (!this.closed && !this.socket) this.open(io);
      },
      // Offline while loading: tried again when the network or the page comes back, or in a while.
      () => {
        this.loading = false;
        this.live.connection = 'reconnecting';
        setTimeout(() => this.connect(), RETRY_LOAD_MS);
      },
    );
  }

  private open(io: typeof import('socket.io-client').io): void {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = (this.socket = io({
      // Read at every (re)connect: a phone says which view it holds, and is spared a snapshot it already has.
      auth: (send) => send(this.handshakeNow()),
      transports: ['websocket', 'polling'],
      // Venue networks that block WebSocket still get a connection over long-polling.
      tryAllTransports: true,
      autoConnect: false,
    }));

    socket.on('connect', () => {
      this.live.connection = 'connected';
      this.live.refusal = null;
      // Models that failed to load (offline at the time) are tried again: the server may answer
      // `current`, and then no snapshot would bring them.
      this.loadWaiting();
      this.flush();
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.live.connection = 'reconnecting';
      // The server closed the socket (e.g. it restarted): socket.io does not come back by itself then.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1_000);
    });
    socket.on('connect_error', (err) => this.refused(err));
    socket.on('snapshot', (snapshot) => this.receive(snapshot));
    socket.on('current', ({ serverTime }) => (this.clockOffset = serverTime - Date.now()));
    socket.on('event', (event) => {
      if (this.waiting) this.waiting.events.push(event);
      else if (this.state) applyEvent(this.state, event, models);
    });
    socket.on('presence', ({ participants, connected }) => {
      this.live.presence = participants;
      if (connected) this.live.connected = connected;
    });
    socket.connect();
  }

  /**
   * The page is back (screen unlocked, network returned, restored from the back/forward
   * cache). Reconnect now rather than at socket.io's next backoff step; after a long sleep
   * the socket may look connected while the server has dropped it, so start afresh: the
   * new connection brings a fresh snapshot and resends the outbox.
   */
  private resume(stale: boolean): void {
    if (this.closed || this.connection === 'refused' || document.visibilityState !== 'visible') return;
    const socket = this.socket;
    if (!socket) return this.connect();
    if (socket.connected && !stale) return;
    if (socket.connected) this.live.connection = 'reconnecting';
    // Dropping the attempt in progress skips the rest of socket.io's backoff wait.
    socket.disconnect();
    socket.connect();
  }

  /**
   * A snapshot replaces the state. It is drawn as soon as the current step's model is
   * here; the script's other kinds' models load after it, so on a slow network they never
   * queue ahead of what the phone draws with. Events wait, in order, until every model is
   * here, as applying one may need any of them.
   */
  private receive(snapshot: Snapshot): void {
    this.clockOffset = snapshot.serverTime - Date.now();
    this.viewOfThisHandshake = true;
    const kinds = snapshot.state.steps.map((s) => s.kind);
    if (hasModels(kinds)) {
      this.waiting = null;
      return this.take(snapshot);
    }
    this.waiting = { snapshot, events: [], drawn: false, loading: false };
    this.loadWaiting();
  }

  /** Loads the models the waiting snapshot needs: the current step's first, to draw, then the rest, to apply events. */
  private loadWaiting(): void {
    const waiting = this.waiting;
    if (!waiting || waiting.loading) return;
    waiting.loading = true;
    const { snapshot } = waiting;
    const now = currentStep(snapshot.state);
    void loadModels(now ? [now.kind] : [])
      .then(() => {
        if (this.waiting === waiting && !waiting.drawn) {
          waiting.drawn = true;
          this.take(snapshot);
        }
        return loadModels(snapshot.state.steps.map((s) => s.kind));
      })
      .then(
        () => {
          if (this.waiting !== waiting) return;
          this.waiting = null;
          for (const event of waiting.events) applyEvent(this.live.state!, event, models);
        },
        // Offline: tried again at the next connection; events keep waiting, in order.
        () => (waiting.loading = false),
      );
  }

  /**
   * The handshake for the next connection. A phone adds the seq of the view it holds,
   * snapshot and events applied, so the server can answer `current` instead of sending
   * the same state again (docs/PROTOCOL.md).
   */
  private handshakeNow(): Handshake {
    if (this.handshake.role !== 'participant' || !this.viewOfThisHandshake) return this.handshake;
    const seq = this.waiting ? (this.waiting.events[this.waiting.events.length - 1]?.seq ?? this.waiting.snapshot.seq) : this.live.state?.seq;
    return seq === undefined ? this.handshake : { ...this.handshake, seq };
  }

  private take(snapshot: Snapshot): void {
    this.live.state = snapshot.state;
    this.live.you = snapshot.you;
    this.live.join = snapshot.join;
    this.live.locale = snapshot.locale ?? null;
  }

  get connected(): boolean {
    return this.connection === 'connected';
  }

  /** Send a command; returns its id, whose status is in `commands`. */
  send(type: string, payload: unknown, stepId?: string): string {
    const command: Command = { id: nanoid(), type, payload, ...(stepId === undefined ? {} : { stepId }) };
    this.live.commands[command.id] = { command, status: 'sending', at: Date.now() };
    this.persist();
    this.emit(command);
    return command.id;
  }

  dismiss(id: string): void {
    if (this.lastRefused?.command.id === id) this.live.lastRefused = null;
    delete this.live.commands[id];
    this.persist();
  }

  /** Whether the contribution this command made waits for the facilitator's approval (a command's id is its event's id). */
  isHeld(commandId: string): boolean {
    return this.live.state?.moderation.held.some((e) => e.id === commandId) ?? false;
  }

  /** Whether the facilitator rejected the contribution this command made. */
  isRejected(commandId: string): boolean {
    return this.live.state?.moderation.rejected.some((r) => r.id === commandId) ?? false;
  }

  /**
   * How many of its own contributions to a step count against the step's limit, as the
   * server counts them: those a view lists (`mine`: sent from this page or stored), less
   * refused and rejected ones, plus its own of event type `held` still waiting for approval
   * that the list lacks (sent before a reload, or from another tab).
   */
  used(stepId: string, held: string, mine: readonly { id: string; entry?: CommandEntry | undefined }[]): number {
    const waiting =
      this.live.state?.moderation.held.filter((e) => e.stepId === stepId && e.type === held && !mine.some((m) => m.id === e.id)).length ?? 0;
    return mine.filter((m) => m.entry?.status !== 'refused' && !this.isRejected(m.id)).length + waiting;
  }

  /** This page's commands of one type for one step, oldest first. */
  entries(type: string, stepId: string): CommandEntry[] {
    return Object.values(this.commands)
      .filter((e) => e.command.type === type && e.command.stepId === stepId)
      .sort((a, b) => a.at - b.at);
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
  }

  private emit(command: Command): void {
    if (!this.socket?.connected || this.inFlight.has(command.id)) return;
    this.inFlight.add(command.id);
    this.socket.timeout(ACK_TIMEOUT_MS).emit('command', command, (err: Error | null, ack: Ack) => {
      this.inFlight.delete(command.id);
      if (err) {
        // No answer in time (or the socket dropped): same id again; `connect` resends the rest.
        if (this.commands[command.id]?.status === 'sending') this.emit(command);
        return;
      }
      this.settle(command, ack);
    });
  }

  private settle(command: Command, ack: Ack): void {
    const entry = this.commands[command.id];
    if (!entry) return;
    if (!ack.ok && isTransient(ack.error)) {
      // Nothing was stored and it may be later: the entry stays "sending", in the outbox.
      setTimeout(() => this.commands[command.id]?.status === 'sending' && this.emit(command), this.backoff.next(command.id));
      return;
    }
    this.backoff.forget(command.id);
    if (ack.ok) {
      entry.status = 'saved';
    } else {
      entry.status = 'refused';
      entry.error = ack.error;
      this.live.lastRefused = entry;
    }
    this.persist();
  }

  private flush(): void {
    for (const entry of Object.values(this.commands)) if (entry.status === 'sending') this.emit(entry.command);
  }

  private persist(): void {
    saveOutbox(
      this.outboxKey,
      Object.values(this.commands)
        .filter((e) => e.status === 'sending')
        .map((e) => ({ command: $state.snapshot(e.command) as Command, at: e.at })),
    );
  }

  private refused(err: Error): void {
    const code = refusalOf(err);
    if (!code) {
      // Network trouble: socket.io keeps trying with backoff.
      if (this.connection !== 'refused') this.live.connection = 'reconnecting';
      return;
    }
    if (code === 'unauthorized' && this.renew && !this.renewed) {
      this.renewed = true;
      void this.renew().then((handshake) => {
        if (!handshake) return this.refuse(code);
        // Another participant: the view held so far is not theirs.
        this.handshake = handshake;
        this.viewOfThisHandshake = false;
        this.socket!.connect();
      }, () => this.refuse(code));
      return;
    }
    this.refuse(code);
  }

  private refuse(code: ConnectErrorCode): void {
    this.live.connection = 'refused';
    this.live.refusal = code;
  }
}

/** `{protocol, role, sessionId, key}` for the facilitator's console and the screen. */
export function keyedHandshake(role: 'facilitator' | 'screen', sessionId: string, key: string): Handshake {
  return { protocol: PROTOCOL_VERSION, role, sessionId, key };
}
