/**
 * A live-feed client as an integration would write one: a plain `ws` WebSocket
 * that keeps the screen's state with the shared reducer, and remembers every message.
 */
import WebSocket from 'ws';
import type { FeedMessage } from '../../core/feed.js';
import { applyEvent } from '../../core/session.js';
import type { SessionState } from '../../core/state.js';
import { models } from '../../kinds/registry.js';
import { Waitable } from './waitable.js';

export class FeedClient extends Waitable {
  readonly socket: WebSocket;
  readonly messages: FeedMessage[] = [];
  state: SessionState | undefined;
  /** The last seq seen: what a client resumes from. */
  seq = 0;
  closed: { code: number; reason: string } | undefined;

  constructor(url: string, options: { headers?: Record<string, string> } = {}) {
    super();
    this.socket = new WebSocket(url, options);
    this.socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as FeedMessage;
      this.messages.push(message);
      if (message.type === 'snapshot') this.state = message.state;
      if (message.type === 'event' && this.state) applyEvent(this.state, message.event, models);
      this.seq = message.seq;
      this.notify();
    });
    this.socket.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.notify();
    });
    this.socket.on('error', () => this.notify());
  }

  get events() {
    return this.messages.flatMap((m) => (m.type === 'event' ? [m.event] : []));
  }

  async closedWith(): Promise<{ code: number; reason: string }> {
    await this.until((f) => f.closed !== undefined, 5000, 'close');
    return this.closed!;
  }

  close() {
    this.socket.close();
  }
}
