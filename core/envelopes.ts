/**
 * The protocol's envelopes, once: the handshake a socket connects with, the
 * command a client sends and the acknowledgement it gets back, as TypeBox schemas
 * the server checks. `core/protocol.ts` derives their types from these with
 * `import type`, so the browser gets the types and never these values (nor TypeBox).
 */
import Type, { type TLiteral } from 'typebox';
import { EntityIdSchema, StepIdSchema } from '../kinds/ids.js';
import { ERROR_CODES, type ErrorCode } from './protocol.js';

/** An arena's key or a participant's token: never longer. */
const Secret = Type.String({ maxLength: 200 });

/** The `auth` object a socket.io client connects with: a console or screen by the arena's key, a phone by its token. */
export const HandshakeSchema = Type.Union([
  Type.Object({ protocol: Type.Number(), role: Type.Literal('facilitator'), sessionId: EntityIdSchema, key: Secret }),
  Type.Object({ protocol: Type.Number(), role: Type.Literal('screen'), sessionId: EntityIdSchema, key: Secret }),
  Type.Object({
    protocol: Type.Number(),
    role: Type.Literal('participant'),
    sessionId: EntityIdSchema,
    token: Secret,
    /** The seq of the view the phone already holds (see SentLog). */
    seq: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
]);

/** What a client asks for. `id` is made by the client (nanoid) so a retry is recognised. */
export const CommandSchema = Type.Object(
  {
    id: EntityIdSchema,
    type: Type.String({ minLength: 1, maxLength: 64 }),
    stepId: Type.Optional(StepIdSchema),
    payload: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

/** Typed as a one-member tuple of the literal union: `Static` reads a union's members as a tuple, and gives `never` for a mapped array. */
const ErrorCodeSchema = Type.Union(ERROR_CODES.map((code) => Type.Literal(code)) as [TLiteral<ErrorCode>]);

/** The answer to a command: stored (its seq), or refused with a code every client handles. */
export const AckSchema = Type.Union([
  Type.Object({ ok: Type.Literal(true), seq: Type.Integer({ minimum: 0 }), duplicate: Type.Optional(Type.Boolean()) }),
  Type.Object({
    ok: Type.Literal(false),
    error: ErrorCodeSchema,
    message: Type.String(),
    details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  }),
]);
