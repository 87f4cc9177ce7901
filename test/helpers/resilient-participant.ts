/**
 * A scripted phone that behaves as the participant page does on poor Wi-Fi:
 * every note goes into an outbox until acknowledged or definitively refused, and
 * after any reconnect every unacknowledged note is sent again with the same id. `moveTo` sends it to
 * another server, as a load balancer does when the one it was on has gone.
 */
import { nanoid } from 'nanoid';
import { io as connect, type Socket } from 'socket.io-client';
import { isTransient, PROTOCOL_VERSION, type Ack, type ClientToServerEvents, type Command, type ServerToClientEvents } from '../../core/protocol.js';
import { api } from './oogst.js';

export class ResilientParticipant {
  socket!: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly created = new Map<string, string>();
  readonly acked = new Set<string>();
  readonly refused: Ack[] = [];
  private readonly pending = new Map<string, Command>();
  private inFlight = new Set<string>();

  private constructor(
    readonly sessionId: string,
    private readonly token: string,
  ) {}

  static async join(base: string, code: string, sessionId: string): Promise<ResilientParticipant> {
    const joined = await api(base, 'POST', '/api/join', { code });
    if (joined.status !== 200) throw new Error(`join ${joined.status}`);
    const p = new ResilientParticipant(sessionId, joined.body.token);
    await p.open(base);
    return p;
  }

  private open(base: string): Promise<void> {
    this.socket = connect(base, {
      auth: { protocol: PROTOCOL_VERSION, role: 'participant', sessionId: this.sessionId, token: this.token },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
      randomizationFactor: 0.5,
    });
    this.socket.on('connect', () => this.flush());
    this.socket.on('disconnect', () => this.inFlight.clear());
    return new Promise<void>((resolve) => this.socket.once('snapshot', () => resolve()));
  }

  /** The same phone (same token, same outbox) on another server. */
  moveTo(base: string): Promise<void> {
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.inFlight.clear();
    return this.open(base);
  }

  post(stepId: string, column: string, text: string) {
    const id = nanoid();
    this.created.set(id, text);
    this.pending.set(id, { id, type: 'wall.post', stepId, payload: { column, text } });
    this.flush();
  }

  /** Sends every pending command not already on its way. */
  flush() {
    if (!this.socket.connected) return;
    for (const command of this.pending.values()) {
      if (this.inFlight.has(command.id)) continue;
      this.inFlight.add(command.id);
      this.socket.timeout(3000).emit('command', command, (err: Error | null, ack: Ack) => {
        this.inFlight.delete(command.id);
        if (err) return this.flush(); // no answer: stays pending and goes again (now, or on reconnect)
        // Refused for now (rate-limited, the store failed): stays pending and goes again shortly, as on the page.
        if (!ack.ok && isTransient(ack.error)) return void setTimeout(() => this.flush(), 200);
        if (ack.ok) this.acked.add(command.id);
        else this.refused.push(ack);
        this.pending.delete(command.id);
      });
    }
  }

  get unacknowledged() {
    return this.pending.size;
  }

  /** Drops the connection as a phone losing Wi-Fi does; `back()` reconnects. */
  offline() {
    this.socket.disconnect();
    this.inFlight.clear();
  }

  back() {
    this.socket.connect();
  }

  close() {
    this.socket.disconnect();
  }
}
