/**
 * The transport of a live session: socket.io, loaded after the first draw, kept
 * connected through network drops, server restarts, a phone's sleep and the
 * back/forward cache. It knows nothing of the session's state or commands: it
 * passes the server's messages on and says how the connection stands.
 */
import type { Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  Command,
  ConnectErrorCode,
  Handshake,
  ServerToClientEvents,
} from '../../core/protocol.js';
import { Backoff } from './backoff.js';

/** The handshake's place in the backoff, beside the commands'. */
const HANDSHAKE = 'handshake';

/** After socket.io's code failed to load (offline), try again this often. */
const RETRY_LOAD_MS = 5_000;
/**
 * Hidden longer than this (the server's ping interval), a socket that looks connected
 * may have been dropped by the server while the phone slept: reconnect on waking.
 */
const SLEEP_MS = 20_000;

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';

export interface ConnectionOptions {
  handshake: Handshake;
  /** Asked once when the server refuses the handshake as unauthorized: a fresh handshake, or null to give up. */
  renew?: (() => Promise<Handshake | null>) | undefined;
  /** Where the server's messages go. */
  messages: ServerToClientEvents;
  /** The handshake as sent at every (re)connect: the owner may add what it already holds. */
  auth(handshake: Handshake): Handshake;
  /** The connection's state changed; `refusal` says why it was refused, null once connected, undefined when unchanged. */
  status(status: ConnectionStatus, refusal?: ConnectErrorCode | null): void;
  /** A renewed handshake replaced the refused one: it may be someone new, so what was held is not theirs. */
  renewed(): void;
}

const REFUSALS: readonly ConnectErrorCode[] = ['protocol', 'unauthorized', 'not-found'];

function refusalOf(err: Error): ConnectErrorCode | undefined {
  const code = (err as Error & { data?: { code?: unknown } }).data?.code;
  return REFUSALS.find((r) => r === code);
}

// Fields set in the constructor, or first set later, are `declare`d: no `= undefined` for each in the phone's first load.
export class Connection {
  /** Undefined until socket.io's code has loaded: a phone draws and takes input before that. */
  private declare socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  private declare options: ConnectionOptions;
  private declare handshake: Handshake;

  /** The key or token of the handshake in use, for the HTTP calls of the same viewer (a step's files). */
  get secret(): string | undefined {
    const h = this.handshake;
    return 'key' in h ? h.key : h.token;
  }
  private status: ConnectionStatus = 'connecting';
  private closed = false;
  private backoff = new Backoff();
  private loading = false;
  private renewed = false;
  /** When the page was last hidden (screen locked, app switched), to tell a long sleep from a glance away. */
  private hiddenAt = 0;

  constructor(options: ConnectionOptions) {
    this.options = options;
    this.handshake = options.handshake;
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

  get connected(): boolean {
    return !!this.socket?.connected;
  }

  /** Sends a command; `ack` gets an error when no answer came within `timeout` ms (or the socket dropped). */
  command(command: Command, timeout: number, ack: (err: Error | null, ack: Ack) => void): void {
    this.socket?.timeout(timeout).emit('command', command, ack);
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
  }

  private set(status: ConnectionStatus, refusal?: ConnectErrorCode | null): void {
    this.status = status;
    this.options.status(status, refusal);
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
        this.set('reconnecting');
        setTimeout(() => this.connect(), RETRY_LOAD_MS);
      },
    );
  }

  private open(io: typeof import('socket.io-client').io): void {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = (this.socket = io({
      // Read at every (re)connect: a phone says which view it holds, and is spared a snapshot it already has.
      auth: (send) => send(this.options.auth(this.handshake)),
      transports: ['websocket', 'polling'],
      // Venue networks that block WebSocket still get a connection over long-polling.
      tryAllTransports: true,
      autoConnect: false,
    }));
    const messages = this.options.messages;

    socket.on('connect', () => {
      this.backoff.forget(HANDSHAKE);
      this.set('connected', null);
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.set('reconnecting');
      // The server closed the socket (e.g. it restarted): socket.io does not come back by itself then.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1_000);
    });
    socket.on('connect_error', (err) => this.refused(err));
    socket.on('snapshot', (snapshot) => messages.snapshot(snapshot));
    socket.on('current', (current) => messages.current(current));
    socket.on('event', (event) => messages.event(event));
    socket.on('presence', (presence) => messages.presence(presence));
    socket.connect();
  }

  /**
   * The page is back (screen unlocked, network returned, restored from the back/forward
   * cache). Reconnect now rather than at socket.io's next backoff step; after a long sleep
   * the socket may look connected while the server has dropped it, so start afresh: the
   * new connection brings a fresh snapshot and resends the outbox.
   */
  private resume(stale: boolean): void {
    if (this.closed || this.status === 'refused' || document.visibilityState !== 'visible') return;
    const socket = this.socket;
    if (!socket) return this.connect();
    if (socket.connected && !stale) return;
    if (socket.connected) this.set('reconnecting');
    // Dropping the attempt in progress skips the rest of socket.io's backoff wait.
    socket.disconnect();
    socket.connect();
  }

  private refused(err: Error): void {
    const code = refusalOf(err);
    if (!code) {
      // Network trouble: socket.io keeps trying with backoff. A refusal the server calls passing
      // (`internal`: its store failed) ends socket.io's own tries, so those go on here.
      if (this.status !== 'refused') this.set('reconnecting');
      const socket = this.socket!;
      if (!socket.active) setTimeout(() => !this.closed && !socket.active && socket.connect(), this.backoff.next(HANDSHAKE));
      return;
    }
    const renew = this.options.renew;
    if (code === 'unauthorized' && renew && !this.renewed) {
      this.renewed = true;
      void renew().then((handshake) => {
        if (!handshake) return this.set('refused', code);
        this.handshake = handshake;
        this.options.renewed();
        this.socket!.connect();
      }, () => this.set('refused', code));
      return;
    }
    this.set('refused', code);
  }
}
