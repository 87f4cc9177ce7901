/**
 * The small groups' contract, once: step settings and event payloads as TypeBox
 * schemas the server checks, with the types derived from them. The browser imports
 * the types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, StepOf } from '../../core/kind.js';
import { eventPayload, MAX_TEXT } from '../definition.js';
import { EntityIdSchema, StepIdSchema } from '../ids.js';
import { SeatSchema } from '../meetings-schema.js';
import { DEFAULT_MAX_NOTES, DEFAULT_SIZE, GROUPS_EVENTS, MAX_PLACE, MAX_SUMMARY, MAX_TAG } from './model.js';

/** Groups one grouping makes at most: a hall of 5,000 in groups of two. */
const MAX_GROUPS = 2500;
/** Items a choice offers at most: one or more groups for each. */
export const MAX_OFFERED = 12;

export const SizeSchema = Type.Integer({ minimum: 2, maximum: 8 });
const Place = Type.String({ minLength: 1, maxLength: MAX_PLACE });
const GroupId = Type.String({ pattern: '^r[0-9]{1,6}-[0-9]{1,6}$' });
/** Members only ever join a group (left and moved ones keep their place), so an index can pass the size. */
const MemberIndex = Type.Integer({ minimum: -1, maximum: 10_000 });

/** A group as an event carries it: its whole state; a member without `since` joined with this event. */
const GroupSchema = eventPayload({
  id: GroupId,
  round: Type.Integer({ minimum: 1 }),
  /** Its number in the room: "Groep 3". */
  n: Type.Integer({ minimum: 1, maximum: MAX_GROUPS }),
  place: Type.Optional(Place),
  /** `by: choice`: the item the group works on. */
  itemId: Type.Optional(EntityIdSchema),
  members: Type.Array(SeatSchema, { maxItems: 10_000 }),
  /** Index into `members` of the reporter; -1 for none yet. */
  reporter: MemberIndex,
});

const OfferedItem = eventPayload({ id: EntityIdSchema, text: Type.String({ minLength: 1, maxLength: MAX_TEXT }) });

export const stepSchema = Type.Object({
  size: Type.Optional({ ...SizeSchema, description: `Hoe groot de groepjes zijn, 2 tot 8 (standaard ${DEFAULT_SIZE}); de begeleider kan het bij het maken aanpassen. Groepjes verschillen hoogstens één in grootte.` }),
  by: Type.Optional(
    Type.Union([Type.Literal('random'), Type.Literal('choice'), Type.Literal('mix')], {
      description:
        'Hoe Oogst de groepjes maakt: "random" (standaard) door elkaar; "choice": iedereen kiest op de telefoon een onderwerp uit de stap "from" (één of meer groepjes per onderwerp); "mix": zo gemengd mogelijk naar de organisatie of rol die deelnemers (als ze willen) opgeven. Wie elkaar in deze arena al sprak, komt niet opnieuw samen zolang het anders kan.',
    }),
  ),
  from: Type.Optional({ ...StepIdSchema, description: 'Bij "by: choice": de eerdere stap met de onderwerpen, bijvoorbeeld de ontwerpvragen of de acties.' }),
  fromColumn: Type.Optional({ ...StepIdSchema, description: 'Bij een muur als "from": alleen de briefjes van deze kolom.' }),
  places: Type.Optional(
    Type.Array(Place, { minItems: 1, maxItems: 40, description: 'Waar de groepjes zitten, op volgorde van nummer: "tafel bij het raam", "zaal 2". Het scherm toont het groot.' }),
  ),
  maxNotes: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, description: `Hoeveel aantekeningen één deelnemer mag maken (standaard ${DEFAULT_MAX_NOTES}).` })),
});

export const events = {
  /** A new round of groups: every group of it, as it starts. */
  [GROUPS_EVENTS.formed]: eventPayload({ round: Type.Integer({ minimum: 1 }), groups: Type.Array(GroupSchema, { maxItems: MAX_GROUPS }) }),
  /** Some groups of the round changed (someone arrived, dropped, came back, left or was moved): their new state. */
  [GROUPS_EVENTS.regrouped]: eventPayload({ groups: Type.Array(GroupSchema, { maxItems: MAX_GROUPS }) }),
  /** `by: choice`: the items the facilitator puts up for choosing, copied from the step `from`. */
  [GROUPS_EVENTS.offered]: eventPayload({ items: Type.Array(OfferedItem, { maxItems: MAX_OFFERED }) }),
  /** A participant's choice among the offered items; none takes it back. */
  [GROUPS_EVENTS.chosen]: eventPayload({ itemId: Type.Optional(EntityIdSchema) }),
  /** A participant's organisation or role, for `by: mix`; none takes it back. */
  [GROUPS_EVENTS.described]: eventPayload({ tag: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_TAG })) }),
  /** Who reports for which group: one a member took on, or every group's next one when the facilitator rotates. */
  [GROUPS_EVENTS.reporters]: eventPayload({ reporters: Type.Array(eventPayload({ groupId: GroupId, reporter: MemberIndex }), { maxItems: MAX_GROUPS }) }),
  [GROUPS_EVENTS.placed]: eventPayload({ groupId: GroupId, place: Type.Optional(Place) }),
  [GROUPS_EVENTS.noted]: eventPayload({ groupId: GroupId, text: Type.String({ minLength: 1, maxLength: MAX_TEXT }) }),
  /** The reporter's summary of the group, as it stands now; the screen gets it without text until the reveal. */
  [GROUPS_EVENTS.summarised]: eventPayload({ groupId: GroupId, text: Type.String({ maxLength: MAX_SUMMARY }) }),
};

export type GroupsStep = StepOf<typeof stepSchema>;
export type Formed = Static<(typeof events)[typeof GROUPS_EVENTS.formed]>;
export type Regrouped = Static<(typeof events)[typeof GROUPS_EVENTS.regrouped]>;
export type GroupState = Formed['groups'][number];
export type Offered = Static<(typeof events)[typeof GROUPS_EVENTS.offered]>;
export type Chosen = Static<(typeof events)[typeof GROUPS_EVENTS.chosen]>;
export type Described = Static<(typeof events)[typeof GROUPS_EVENTS.described]>;
export type Reporters = Static<(typeof events)[typeof GROUPS_EVENTS.reporters]>;
export type Placed = Static<(typeof events)[typeof GROUPS_EVENTS.placed]>;
export type GroupNoted = Static<(typeof events)[typeof GROUPS_EVENTS.noted]>;
export type Summarised = Static<(typeof events)[typeof GROUPS_EVENTS.summarised]>;
/** `withheld`: in the screen's copy before the reveal, which knows a summary is written but not its text. */
export type SummaryDelivered = Summarised & { withheld?: true };
export type GroupsEvent = EventsOf<typeof events, { [GROUPS_EVENTS.summarised]: SummaryDelivered }>;
