/**
 * A scripted phone that behaves as the participant page does on poor Wi-Fi:
 * every note goes into an outbox until acknowledged, and after any reconnect
 * every unacknowledged note is sent again with the same id.
 */
import { nanoid } from 'nanoid';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Ack, type ClientToServerEvents, type Command, type ServerToClientEvents } from '../../core/protocol.js';
import { api } from './oogst.js';

export class ResilientParticipant {
  socket!: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly created = new Map<string, string>();
  readonly acked = new Set<string>();
  readonly refused: Ack[] = [];
  private readonly pending = new Map<string, Command>();
  private inFlight = new Set<string>();

  static async join(base: string, code: string, sessionId: string): Promise<ResilientParticipant> {
    const joined = await api(base, 'POST', '/api/join', { code });
    if (joined.status !== 200) throw new Error(`join ${joined.status}`);
    const p = new ResilientParticipant();
    p.socket = connect(base, {
      auth: { protocol: PROTOCOL_VERSION, role: 'participant', sessionId, token: joined.body.token },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
      randomizationFactor: 0.5,
    });
    p.socket.on('connect', () => p.flush());
    p.socket.on('disconnect', () => p.inFlight.clear());
    await new Promise<void>((resolve) => p.socket.once('snapshot', () => resolve()));
    return p;
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
