import Type from 'typebox';
import { getOwn } from '../../core/records.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { accept, cleanText, command, defineKind, MAX_TEXT, refuse, type Decision } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { earlierMeetings, meetingsContext, meetingsContextSchema } from '../meetings-arena.js';
import { seatingChanged } from '../meetings.js';
import { checkFrom, itemsOf, sourceOf } from '../questions/items.js';
import { formRound, mixingOf, Regrouping, type Names } from './grouping.js';
import { groupsGlance, groupsHarvest } from './harvest.js';
import { currentGroups, DEFAULT_MAX_NOTES, groupsModel, GROUPS_EVENTS, groupSize, MAX_PLACE, MAX_SUMMARY, MAX_TAG, type GroupsData } from './model.js';
import {
  events,
  MAX_OFFERED,
  SizeSchema,
  stepSchema,
  type Chosen,
  type Described,
  type Formed,
  type GroupNoted,
  type GroupsEvent,
  type GroupsStep,
  type Offered,
  type Placed,
  type Regrouped,
  type Reporters,
  type Summarised,
} from './schema.js';

/** Notes one step holds at most: a hall of groups writes far fewer; this bounds a flood. */
export const MAX_NOTES_PER_STEP = 3000;
/** The kinds whose items a `by: choice` step offers (`from`). */
export const GROUPS_SOURCES = ['questions', 'action', 'wall', 'open', 'checklist'];

const Empty = Type.Object({}, { additionalProperties: false });
const GroupIdSchema = Type.String({ pattern: '^r[0-9]{1,6}-[0-9]{1,6}$' });

const namesOf =
  (state: SessionState): Names =>
  (id) =>
    getOwn(state.participants, id)?.pseudonym;

const regrouped = (r: Regrouping): Decision => accept(GROUPS_EVENTS.regrouped, { groups: r.changed() } satisfies Regrouped);
const regrouping = (state: SessionState, step: GroupsStep, data: GroupsData) =>
  new Regrouping(data, namesOf(state), mixingOf(data, step, earlierMeetings(state, 'groups')), data.choices);

/** The group of the round on now that `id` sits in, as an active member. */
const activeIn = (data: GroupsData, groupId: string, id: string | undefined) => {
  const group = currentGroups(data).find((g) => g.id === groupId);
  const at = group ? group.members.findIndex((m) => m.id === id && m.status === 'active') : -1;
  return group && at >= 0 ? { group, at } : undefined;
};

/** `by: choice` needs `from`, an earlier step of a kind that offers items; `from` means nothing without it. */
export function checkGroupsStep(step: GroupsStep, steps?: readonly StepDef[]): [string, string][] {
  if (step.by === 'choice' && step.from === undefined) return [['/from', 'needs "from": the earlier step whose items people choose among']];
  if (step.by !== 'choice' && step.from !== undefined) return [['/by', 'is "choice" when the step names "from"']];
  return checkFrom(step, GROUPS_SOURCES, steps);
}

export const groups = defineKind<GroupsData, GroupsEvent, GroupsStep>()({
  ...groupsModel,
  stepSchema,
  checkStep: checkGroupsStep,
  events,
  arenaContext: meetingsContext,
  contextSchema: meetingsContextSchema,
  commands: {
    /** A new round: everybody present in groups of the step's size (or the one given). */
    'groups.form': command({
      payload: Type.Object({ size: Type.Optional(SizeSchema) }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ state, step, data, present, id }, { size }) {
        const made = formRound(data, step, present, namesOf(state), id, size ?? groupSize(step), earlierMeetings(state, 'groups'));
        if (!made.length) return refuse('not-found', 'Nobody is connected to put in a group yet.');
        return accept(GROUPS_EVENTS.formed, { round: data.round + 1, groups: made } satisfies Formed);
      },
    }),
    /** `by: choice`: the items of the step `from` to choose among (the facilitator picks which). */
    'groups.offer': command({
      payload: Type.Object({ itemIds: Type.Array(EntityIdSchema, { minItems: 1, maxItems: MAX_OFFERED, uniqueItems: true }) }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ state, step }, { itemIds }) {
        const source = step.by === 'choice' ? sourceOf(state, step) : undefined;
        if (!source) return refuse('invalid', 'Only a step with "by: choice" and an earlier "from" offers items.');
        const items = itemsOf(state, source, step.fromColumn);
        const chosen = itemIds.map((itemId) => items.find((i) => i.id === itemId));
        if (chosen.some((i) => !i)) return refuse('not-found', 'An item is not (or no longer) in the step it comes from.');
        return accept(GROUPS_EVENTS.offered, { items: chosen.map((i) => ({ id: i!.id, text: i!.text.slice(0, MAX_TEXT) })) } satisfies Offered);
      },
    }),
    'groups.choose': command({
      payload: Type.Object({ itemId: Type.Optional(EntityIdSchema) }, { additionalProperties: false }),
      roles: ['participant'],
      decide({ data }, { itemId }) {
        if (itemId !== undefined && !data.offered.some((i) => i.id === itemId)) return refuse('not-found', 'This item is not offered.');
        return accept(GROUPS_EVENTS.chosen, (itemId ? { itemId } : {}) satisfies Chosen);
      },
    }),
    'groups.describe': command({
      payload: Type.Object({ tag: Type.String({ maxLength: MAX_TAG }) }, { additionalProperties: false }),
      roles: ['participant'],
      decide({ step }, { tag }) {
        if (step.by !== 'mix') return refuse('invalid', 'Only a step with "by: mix" asks for an organisation or role.');
        const clean = cleanText(tag);
        return accept(GROUPS_EVENTS.described, (clean ? { tag: clean } : {}) satisfies Described);
      },
    }),
    /** A member takes on reporting for their group: the group decides, one of them taps. */
    'groups.report': command({
      payload: Type.Object({ groupId: GroupIdSchema }, { additionalProperties: false }),
      roles: ['participant'],
      decide({ data, actor }, { groupId }) {
        const mine = activeIn(data, groupId, actor.id);
        if (!mine) return refuse('forbidden', 'Only a member of the group reports for it.');
        if (mine.group.reporter === mine.at) return refuse('invalid', 'You already report for this group.');
        return accept(GROUPS_EVENTS.reporters, { reporters: [{ groupId, reporter: mine.at }] } satisfies Reporters);
      },
    }),
    /** Every group's next member reports (the first one where none does yet). */
    'groups.rotate': command({
      payload: Empty,
      roles: ['facilitator'],
      decide({ data }) {
        const reporters = currentGroups(data).flatMap((g) => {
          const active = g.members.flatMap((m, i) => (m.status === 'active' ? [i] : []));
          if (!active.length) return [];
          const next = active.find((i) => i > g.reporter) ?? active[0]!;
          return next === g.reporter ? [] : [{ groupId: g.id, reporter: next }];
        });
        if (!reporters.length) return refuse('invalid', 'No group has another member to report.');
        return accept(GROUPS_EVENTS.reporters, { reporters } satisfies Reporters);
      },
    }),
    'groups.place': command({
      payload: Type.Object({ groupId: GroupIdSchema, place: Type.String({ maxLength: MAX_PLACE }) }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { groupId, place }) {
        if (!data.groups.some((g) => g.id === groupId)) return refuse('not-found', 'No such group.');
        const clean = cleanText(place);
        return accept(GROUPS_EVENTS.placed, { groupId, ...(clean ? { place: clean } : {}) } satisfies Placed);
      },
    }),
    'groups.note': command({
      payload: Type.Object({ groupId: GroupIdSchema, text: Type.String({ maxLength: MAX_TEXT }) }, { additionalProperties: false }),
      roles: ['participant'],
      decide({ step, data, actor }, { groupId, text }) {
        if (!activeIn(data, groupId, actor.id)) return refuse('forbidden', 'Only the members of a group write its notes.');
        const clean = cleanText(text);
        if (!clean) return refuse('invalid', 'A note cannot be empty.');
        const max = step.maxNotes ?? DEFAULT_MAX_NOTES;
        if (data.notes.filter((n) => n.author === actor.id).length >= max) return refuse('limit-reached', `At most ${max} notes per participant in this step.`);
        if (data.notes.length >= MAX_NOTES_PER_STEP) return refuse('limit-reached', `At most ${MAX_NOTES_PER_STEP} notes in one step.`);
        return accept(GROUPS_EVENTS.noted, { groupId, text: clean } satisfies GroupNoted);
      },
    }),
    /** The reporter writes the group's summary (empty takes it away). */
    'groups.summarise': command({
      payload: Type.Object({ groupId: GroupIdSchema, text: Type.String({ maxLength: MAX_SUMMARY }) }, { additionalProperties: false }),
      roles: ['participant'],
      decide({ data, actor }, { groupId, text }) {
        const mine = activeIn(data, groupId, actor.id);
        if (!mine || mine.group.reporter !== mine.at) return refuse('forbidden', 'Only the group’s reporter writes its summary.');
        return accept(GROUPS_EVENTS.summarised, { groupId, text: cleanText(text) } satisfies Summarised);
      },
    }),
  },

  onPresence({ state, step, data }, change) {
    if (!data.round) return undefined;
    const r = regrouping(state, step, data);
    return seatingChanged(r, change) ? regrouped(r) : undefined;
  },

  harvest: groupsHarvest,
  glance: groupsGlance,
});

