/**
 * Sending commands: each waits here until the server acknowledges it, kept on the
 * device so that a reload or a dead phone battery in the middle of poor Wi-Fi does
 * not lose a contribution. Resent with the same id: the server applies an id once.
 */
import { nanoid } from 'nanoid';
import { type Ack, type Command, type ErrorCode, isTransient } from '../../core/protocol.js';
import type { Connection } from './connection.js';
import { Backoff } from './backoff.js';

/** How long to wait for an acknowledgement before sending the same command again. */
const ACK_TIMEOUT_MS = 10_000;

export type CommandStatus = 'sending' | 'saved' | 'refused';

export interface CommandEntry {
  command: Command;
  status: CommandStatus;
  /** Why the server refused it. */
  error?: ErrorCode;
  /** When it was first sent (ms), to order a participant's own items. */
  at: number;
}

/** What the outbox shows a view: part of the session's one reactive object. */
export interface Sent {
  /** Every command sent from this page (and restored from the outbox), by id. */
  commands: Record<string, CommandEntry>;
  /** The latest refusal, for a notice the view can show and dismiss. */
  lastRefused: CommandEntry | null;
}

export interface StoredCommand {
  command: Command;
  at: number;
}

export function loadOutbox(key: string | undefined): StoredCommand[] {
  if (!key) return [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((item): item is StoredCommand => typeof item?.command?.id === 'string' && typeof item.command.type === 'string')
      : [];
  } catch {
    return [];
  }
}

export function saveOutbox(key: string | undefined, pending: StoredCommand[]): void {
  if (!key) return;
  try {
    if (pending.length) localStorage.setItem(key, JSON.stringify(pending));
    else localStorage.removeItem(key);
  } catch {
    // Storage full or blocked: the commands still live in memory until acknowledged.
  }
}

/**
 * The commands of one page: sent when connected, sent again with the same id after
 * a timeout, a reconnect or a transient refusal, until stored or definitively refused.
 */
export class Outbox {
  // Set in the constructor, so `declare`d: no `= undefined` for each in the phone's first load.
  private declare sent: Sent;
  private declare key: string | undefined;
  private declare connection: Connection;
  // Bookkeeping, not shown: plain on purpose, a reactive set would redraw on every send.
  private inFlight = new Set<string>();
  private backoff = new Backoff();

  /** `key`: localStorage key for commands not yet acknowledged (participants), so a reload keeps them. */
  constructor(sent: Sent, key: string | undefined, connection: Connection) {
    this.sent = sent;
    this.key = key;
    this.connection = connection;
    for (const { command, at } of loadOutbox(key)) sent.commands[command.id] = { command, status: 'sending', at };
  }

  /** Sends a command; returns its id, whose status is in `commands`. */
  send(type: string, payload: unknown, stepId?: string): string {
    const command: Command = { id: nanoid(), type, payload, ...(stepId === undefined ? {} : { stepId }) };
    this.sent.commands[command.id] = { command, status: 'sending', at: Date.now() };
    this.persist();
    this.emit(command);
    return command.id;
  }

  dismiss(id: string): void {
    if (this.sent.lastRefused?.command.id === id) this.sent.lastRefused = null;
    delete this.sent.commands[id];
    this.persist();
  }

  /** This page's commands of one type for one step, oldest first. */
  entries(type: string, stepId: string): CommandEntry[] {
    return Object.values(this.sent.commands)
      .filter((e) => e.command.type === type && e.command.stepId === stepId)
      .sort((a, b) => a.at - b.at);
  }

  /** Sends every command still waiting: at each (re)connect. */
  flush(): void {
    for (const entry of Object.values(this.sent.commands)) if (entry.status === 'sending') this.emit(entry.command);
  }

  private emit(command: Command): void {
    if (!this.connection.connected || this.inFlight.has(command.id)) return;
    this.inFlight.add(command.id);
    this.connection.command(command, ACK_TIMEOUT_MS, (err, ack) => {
      this.inFlight.delete(command.id);
      if (err) {
        // No answer in time (or the socket dropped): same id again; `flush` at the reconnect resends the rest.
        if (this.sent.commands[command.id]?.status === 'sending') this.emit(command);
        return;
      }
      this.settle(command, ack);
    });
  }

  private settle(command: Command, ack: Ack): void {
    const entry = this.sent.commands[command.id];
    if (!entry) return;
    if (!ack.ok && isTransient(ack.error)) {
      // Nothing was stored and it may be later: the entry stays "sending", in the outbox.
      setTimeout(() => this.sent.commands[command.id]?.status === 'sending' && this.emit(command), this.backoff.next(command.id));
      return;
    }
    this.backoff.forget(command.id);
    if (ack.ok) {
      entry.status = 'saved';
    } else {
      entry.status = 'refused';
      entry.error = ack.error;
      this.sent.lastRefused = entry;
    }
    this.persist();
  }

  private persist(): void {
    // JSON.stringify reads through the reactive proxies: what is stored is plain data.
    saveOutbox(
      this.key,
      Object.values(this.sent.commands)
        .filter((e) => e.status === 'sending')
        .map((e) => ({ command: e.command, at: e.at })),
    );
  }
}
