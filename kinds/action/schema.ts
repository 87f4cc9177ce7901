/**
 * The actions' contract, once: step settings, event payloads and the arena context
 * as TypeBox schemas the server checks, with the types derived from them. The
 * browser imports the types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, StepOf } from '../../core/kind.js';
import { At, eventPayload, Seq } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { oneOf } from '../smallwin/schema.js';
import { ACTION_EVENTS, STATUSES } from './model.js';

/** Sizes: an action or an update stays well under the 32 KB of one socket message. */
export const LIMITS = {
  what: 300,
  text: 1000,
  /** Default for `maxActions`, and its ceiling. */
  actionsPerParticipant: 3,
  maxActionsSetting: 20,
  actionsPerStep: 200,
  updatesPerParticipant: 20,
  updatesPerStep: 500,
} as const;
/** How much of the arena a new session carries: it reaches every phone in every snapshot. */
export const CONTEXT_LIMITS = { actions: 40, history: 5, text: 280 } as const;

export const Status = oneOf(STATUSES, 'voorgesteld, loopt, gelukt, bijgesteld of gestopt.');
const Text = (max: number) => Type.String({ maxLength: max });

/** What a proposal says, as a command carries it (before cleaning) and as it is stored (cleaned; empty fields stay empty). */
export const ActionInput = {
  what: Text(LIMITS.what),
  who: Type.Optional(Text(LIMITS.text)),
  when: Type.Optional(Text(LIMITS.what)),
  target: Type.Optional(Text(LIMITS.text)),
};
const StoredAction = {
  what: Type.String({ minLength: 1, maxLength: LIMITS.what }),
  who: Text(LIMITS.text),
  when: Text(LIMITS.what),
  target: Text(LIMITS.text),
};
/** An update on an earlier action: its session and id there, and what the room says about it now. */
export const UpdateInput = {
  sessionId: EntityIdSchema,
  actionId: EntityIdSchema,
  status: Type.Optional(Status),
  did: Type.Optional(Text(LIMITS.text)),
  noticed: Type.Optional(Text(LIMITS.text)),
  learned: Type.Optional(Text(LIMITS.text)),
  adjust: Type.Optional(Text(LIMITS.text)),
};
const Shortened = Type.Optional(Type.String({ maxLength: CONTEXT_LIMITS.text }));
const SessionRef = eventPayload({ id: EntityIdSchema, title: Type.String({ minLength: 1, maxLength: 200 }), date: At });

/** The arena's open actions a session starts with (`actionContext`): texts shortened, the latest history. */
export const contextSchema = eventPayload({
  actions: Type.Array(
    eventPayload({
      id: EntityIdSchema,
      session: SessionRef,
      what: StoredAction.what,
      who: Type.String({ maxLength: CONTEXT_LIMITS.text }),
      when: Type.String({ maxLength: CONTEXT_LIMITS.text }),
      target: Type.String({ maxLength: CONTEXT_LIMITS.text }),
      status: Status,
      history: Type.Array(
        eventPayload({ session: SessionRef, at: At, status: Type.Optional(Status), did: Shortened, noticed: Shortened, learned: Shortened, adjust: Shortened }),
        { maxItems: CONTEXT_LIMITS.history },
      ),
    }),
    { maxItems: CONTEXT_LIMITS.actions },
  ),
});

export const stepSchema = Type.Object({
  by: Type.Optional(
    Type.Union([Type.Literal('participants'), Type.Literal('facilitator')], {
      description: '"participants" (standaard): deelnemers stellen acties voor op hun telefoon. "facilitator": alleen de begeleider legt ze vast; telefoons kijken mee.',
    }),
  ),
  mode: Type.Optional(
    Type.Union([Type.Literal('propose'), Type.Literal('update')], {
      description:
        '"propose" (standaard): nieuwe acties voorstellen; lopende acties van de arena kunnen ook worden bijgewerkt. "update": alleen de lopende acties van eerdere bijeenkomsten bijwerken (status, wat deden we, wat merkten we, wat leerden we, wat passen we aan).',
    }),
  ),
  maxActions: Type.Optional(
    Type.Integer({ minimum: 1, maximum: LIMITS.maxActionsSetting, description: `Hoeveel acties één deelnemer mag voorstellen (standaard ${LIMITS.actionsPerParticipant}).` }),
  ),
});

const Said = Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.text }));
/** An update as stored: the fields said, empty ones left out. */
const Update = eventPayload({ sessionId: EntityIdSchema, actionId: EntityIdSchema, status: Type.Optional(Status), did: Said, noticed: Said, learned: Said, adjust: Said });

export const events = {
  [ACTION_EVENTS.proposed]: eventPayload(StoredAction),
  [ACTION_EVENTS.hidden]: eventPayload({
    actionId: EntityIdSchema,
    hidden: Type.Boolean(),
    action: Type.Optional(eventPayload({ id: EntityIdSchema, at: At, seq: Seq, ...StoredAction })),
  }),
  [ACTION_EVENTS.updated]: Update,
  [ACTION_EVENTS.updateHidden]: eventPayload({
    updateId: EntityIdSchema,
    hidden: Type.Boolean(),
    update: Type.Optional(eventPayload({ id: EntityIdSchema, at: At, seq: Seq, ...Update.properties })),
  }),
};

export type ActionStep = StepOf<typeof stepSchema>;
export type ActionFields = Static<(typeof events)[typeof ACTION_EVENTS.proposed]>;
export type UpdateFields = Static<typeof Update>;
/** `remove`: in every view's copy but the facilitator's: drop the item unless it is the view's own. */
export type ActionHidden = Static<(typeof events)[typeof ACTION_EVENTS.hidden]> & { remove?: boolean };
export type UpdateHidden = Static<(typeof events)[typeof ACTION_EVENTS.updateHidden]> & { remove?: boolean };
export type ActionEvent = EventsOf<typeof events, { [ACTION_EVENTS.hidden]: ActionHidden; [ACTION_EVENTS.updateHidden]: UpdateHidden }>;
export type ActionContext = Static<typeof contextSchema>;
export type CarriedAction = ActionContext['actions'][number];
