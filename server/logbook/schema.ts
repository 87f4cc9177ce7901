/**
 * The logbook's shapes as the server checks them: a member's new entry (the route's
 * body), and the links and entries an arena file carries (arena-transfer.ts).
 */
import Type, { type TLiteral } from 'typebox';
import { LOGBOOK_CODE_LENGTH, LOGBOOK_CYCLE, LOGBOOK_LIMITS, LOGBOOK_STATES, LOGBOOK_WHATS } from '../../core/logbook.js';
import { EntityIdSchema, StepIdSchema } from '../../kinds/ids.js';
import { JOIN_ALPHABET } from '../secrets.js';

/** One of the logbook's words (core/logbook.ts), typed as their union. */
const oneOf = <T extends string>(ids: readonly T[], description?: string) =>
  Type.Union(ids.map((id) => Type.Literal(id)) as [TLiteral<T>], description ? { description } : {});

const Ms = Type.Integer({ minimum: 0, maximum: 253_402_300_799_999 });
export const LogbookDay = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A day as YYYY-MM-DD.' });
export const LogbookCode = Type.String({ pattern: `^[${JOIN_ALPHABET}]{${LOGBOOK_CODE_LENGTH}}$` });
const What = oneOf(LOGBOOK_WHATS, 'observatie, geprobeerd, reflectie of weerstand.');
const Cycle = oneOf(LOGBOOK_CYCLE, 'onderzoeken, handelen, reflecteren of veranderen.');

/** An update on an action or a small win; the kind checks its fields (`KindArena.logbook.check`). */
export const AboutSchema = Type.Object(
  {
    kind: StepIdSchema,
    sessionId: EntityIdSchema,
    itemId: EntityIdSchema,
    /** Set by the server from the item; what a member sends is replaced. */
    title: Type.Optional(Type.String({ maxLength: 300 })),
    fields: Type.Record(Type.String({ pattern: '^[a-zA-Z]{1,30}$' }), Type.String({ maxLength: LOGBOOK_LIMITS.field }), { maxProperties: 10 }),
  },
  { additionalProperties: false },
);

/** What a member sends (`POST /api/logbook/:code/entries`). */
export const NewEntrySchema = Type.Object(
  {
    /** The phone's id for this entry, so a retried post is stored once. */
    id: EntityIdSchema,
    what: What,
    cycle: Cycle,
    text: Type.String({ maxLength: LOGBOOK_LIMITS.text }),
    date: Type.Optional(LogbookDay),
    name: Type.Optional(Type.String({ maxLength: LOGBOOK_LIMITS.name })),
    about: Type.Optional(AboutSchema),
  },
  { additionalProperties: false },
);

/** Which entries the arena page asks for (`GET /api/arenas/:arenaId/logbook`): a cycle, after the last one it has, how many. */
export const EntriesQuery = Type.Object(
  {
    lang: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')])),
    cycle: Type.Optional(Cycle),
    /** The id of the last entry of the page before (its `next`). */
    after: Type.Optional(EntityIdSchema),
    /** A query string is text: 1 to `LOGBOOK_LIMITS.maxPage`, checked in the route. */
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
  },
  { additionalProperties: false },
);

/** What the facilitator changes on an entry (`PATCH /api/arenas/:arenaId/logbook/:entryId`). */
export const ModerationSchema = Type.Object(
  { state: Type.Optional(oneOf(LOGBOOK_STATES)), highlighted: Type.Optional(Type.Boolean()), shared: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

/** The logbook as an arena file carries it. */
export const LogbookExportSchema = Type.Object(
  {
    links: Type.Array(
      Type.Object(
        { id: EntityIdSchema, code: LogbookCode, requiresApproval: Type.Boolean(), createdAt: Ms, revokedAt: Type.Union([Ms, Type.Null()]) },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
    entries: Type.Array(
      Type.Object(
        {
          id: EntityIdSchema,
          linkId: EntityIdSchema,
          createdAt: Ms,
          date: LogbookDay,
          what: What,
          cycle: Cycle,
          text: Type.String({ minLength: 1, maxLength: LOGBOOK_LIMITS.text }),
          name: Type.Union([Type.String({ minLength: 1, maxLength: LOGBOOK_LIMITS.name }), Type.Null()]),
          about: Type.Union([AboutSchema, Type.Null()]),
          state: oneOf(LOGBOOK_STATES),
          highlighted: Type.Boolean(),
          shared: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
      { maxItems: LOGBOOK_LIMITS.entriesPerArena },
    ),
  },
  { additionalProperties: false },
);
