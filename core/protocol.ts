/**
 * The realtime protocol between Oogst's server and its three views.
 * Imported by both sides, never copied: change it here and both ends follow.
 * Documented for integrators in docs/PROTOCOL.md.
 */
import type { Static } from 'typebox';
import type { AckSchema, CommandSchema, HandshakeSchema } from './envelopes.js';
import type { SessionState } from './state.js';

/** Bumped when a change would break an older client; the server refuses a mismatch. */
export const PROTOCOL_VERSION = 1;

export type Role = 'facilitator' | 'screen' | 'participant';

/** The languages of Oogst's views. An arena's screen speaks its arena's; phones choose their own. */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Who caused an event. The participant id is only shown to the facilitator and to that participant. */
export interface Actor {
  role: Role | 'system';
  id?: string;
}

/** What a client asks for. `id` is made by the client (nanoid) so a retry is recognised. Checked by `CommandSchema` (core/envelopes.ts). */
export type Command = Static<typeof CommandSchema>;

/** What happened, as stored in a session's log. `seq` is per session, gap-free, starting at 1. */
export interface SessionEvent<P = unknown> {
  id: string;
  seq: number;
  type: string;
  stepId?: string;
  actor: Actor;
  payload: P;
  at: number;
}

/** Every reason a command can be refused. Clients handle each one. */
export const ERROR_CODES = [
  'invalid', // the payload does not match the command's schema (details say where)
  'unknown-command', // no such command type
  'forbidden', // this role may not send this command
  'step-not-active', // participants may only contribute to the step on the screen
  'closed', // the facilitator has closed this step's poll or vote
  'not-revealable', // a reveal of a step whose kind holds nothing back (KindModel.revealable)
  'not-found', // the step, note, cluster or question does not exist
  'too-large', // the contribution is over the size limit
  'limit-reached', // this participant has used up what the step allows (e.g. notes)
  'rate-limited', // too many commands in a short time
  'internal', // the server failed; nothing was stored
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What a client does with a refusal, for every code (a new code does not compile
 * until it is classified here). `definitive`: the same command will be refused again,
 * so it ends and the view says why. `transient`: the server could not take it now
 * (too many commands, a store that failed: a full disk, a lost database connection);
 * nothing was stored, so the client keeps it and sends the same id again, later.
 */
export const ERROR_KINDS: Readonly<Record<ErrorCode, 'definitive' | 'transient'>> = {
  invalid: 'definitive',
  'unknown-command': 'definitive',
  forbidden: 'definitive',
  'step-not-active': 'definitive',
  closed: 'definitive',
  'not-revealable': 'definitive',
  'not-found': 'definitive',
  'too-large': 'definitive',
  'limit-reached': 'definitive',
  'rate-limited': 'transient',
  internal: 'transient',
};

export const isTransient = (code: ErrorCode): boolean => ERROR_KINDS[code] === 'transient';

/** The answer to a command (`AckSchema`, core/envelopes.ts). */
export type Ack = Static<typeof AckSchema>;
export type ErrorDetail = NonNullable<Extract<Ack, { ok: false }>['details']>[number];

/** Sent on every (re)connect: the whole state as this role may see it. Events with a lower or equal seq are already in it. */
export interface Snapshot {
  protocol: number;
  seq: number;
  state: SessionState;
  you: Viewer;
  /** The server's clock when it sent this, so views can count a timer down in server time. */
  serverTime: number;
  /**
   * How to join: the short code and the URL behind the QR code (`qr` is its SVG's address).
   * `reachable` is false when no phone can reach the server (it listens on this computer
   * only): the screen says so instead of showing the QR code.
   */
  join: { code: string; url: string; qr: string; reachable: boolean };
  /** The arena's language, for the screen and the console; phones choose their own and get none. */
  locale?: Locale;
}

export interface Viewer {
  role: Role;
  participantId?: string;
  pseudonym?: string;
}

export interface Presence {
  participants: number;
  /** The facilitator's copy only: ids of the participants connected now (volatile, never stored). */
  connected?: string[];
}

/** The `auth` object a socket.io client connects with (`HandshakeSchema`, core/envelopes.ts). */
export type Handshake = Static<typeof HandshakeSchema>;

/** Instead of a snapshot, to a phone whose handshake's `seq` is still its whole view: nothing it may see changed since. */
export interface Current {
  seq: number;
  /** As in Snapshot. */
  serverTime: number;
}

/**
 * Reasons a connection is refused, in `err.data.code` of socket.io's connect_error.
 * `internal`: the server failed to look the session up (e.g. its store); the same handshake may work later.
 */
export type ConnectErrorCode = 'protocol' | 'unauthorized' | 'not-found' | 'internal';

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  current: (current: Current) => void;
  event: (event: SessionEvent) => void;
  presence: (presence: Presence) => void;
}

export interface ClientToServerEvents {
  command: (command: Command, ack: (ack: Ack) => void) => void;
}
