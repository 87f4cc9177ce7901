/**
 * Small groups with a reporter ("vertalen naar eigen praktijk", subgroups on the
 * ontwerpvragen or actions, a network meeting that mixes people): the server makes
 * groups of those connected (kinds/meetings.ts), each with a number and a place the
 * screen shows large; the members note what they find, one of them reports, and the
 * reporter's summary reaches the screen when the facilitator reveals it.
 *
 * What each view holds:
 * - a phone: the groups it is part of, the members by pseudonym only (no ids), those
 *   groups' notes and summary written since it joined the group, its own choice and tag;
 * - the screen: nameless groups (number, place, how many), the offered items, and the
 *   summaries: that one is written, and its text once revealed;
 * - the facilitator: everything.
 *
 * Phones load this file when their session has a step of this kind: keep it small.
 */
import type { KindModel } from '../../core/kind.js';
import type { Viewer } from '../../core/protocol.js';
import { getOwn, setOwn } from '../../core/records.js';
import type { Seat, SeatStatus } from '../meetings.js';
import { insertBySeq } from '../order.js';
import type { GroupsEvent, GroupsStep, GroupState, SummaryDelivered } from './schema.js';

export type { Chosen, Described, Formed, GroupNoted, GroupsEvent, GroupsStep, GroupState, Offered, Placed, Regrouped, Reporters, Summarised, SummaryDelivered } from './schema.js';

export const DEFAULT_SIZE = 4;
export const DEFAULT_MAX_NOTES = 10;
export const MAX_PLACE = 60;
export const MAX_TAG = 60;
export const MAX_SUMMARY = 1500;

/** A member: `since` is the seq from which they see the group's notes and summary. */
export type Member = Seat;

export interface Group extends Omit<GroupState, 'members'> {
  members: Member[];
}

export interface GroupNote {
  id: string;
  groupId: string;
  text: string;
  /** Participant id: the facilitator's, and the author's own. */
  author?: string;
  seq: number;
  at: number;
}

export interface Summary {
  groupId: string;
  /** Empty on the screen until the reveal. */
  text: string;
  seq: number;
  at: number;
}

export interface GroupsData {
  /** 0 until the first grouping. */
  round: number;
  /** Every round's groups, in the order they were made. */
  groups: Group[];
  notes: GroupNote[];
  summaries: Summary[];
  /** `by: choice`: the items to choose among. */
  offered: { id: string; text: string }[];
  /** participantId → chosen item: everybody's for the facilitator, only your own on a phone. */
  choices: Record<string, string>;
  /** participantId → organisation or role (`by: mix`), likewise. */
  tags: Record<string, string>;
}

export const GROUPS_EVENTS = {
  formed: 'groups.formed',
  regrouped: 'groups.regrouped',
  offered: 'groups.offered',
  chosen: 'groups.chosen',
  described: 'groups.described',
  reporters: 'groups.reporters',
  placed: 'groups.placed',
  noted: 'groups.noted',
  summarised: 'groups.summarised',
} as const;

export const groupSize = (step: GroupsStep) => step.size ?? DEFAULT_SIZE;
export const activeMembers = <M extends { status: SeatStatus }>(group: { members: readonly M[] }) => group.members.filter((m) => m.status === 'active');
/** The groups of the round on now. */
export const currentGroups = (data: GroupsData) => data.groups.filter((g) => g.round === data.round);
export const sinceOf = (group: Group, me: string | undefined) => group.members.find((m) => m.id !== undefined && m.id === me)?.since;

/** A group as someone outside it may see it: who is in it stays unnamed. */
const nameless = (group: GroupState): GroupState => ({ ...group, members: group.members.map(({ id: _i, pseudonym: _p, ...m }) => m) });
/** A group as one of its members sees it: the others by pseudonym, only their own id. */
const seenBy = (group: GroupState, me: string | undefined): GroupState => ({
  ...group,
  members: group.members.map(({ id, ...m }) => (id === me ? { id, ...m } : { ...m })),
});
/** The groups of an event as a viewer receives them: a phone its own, the screen all, nameless. */
const groupsFor = (groups: readonly GroupState[], viewer: Viewer) =>
  viewer.role === 'participant'
    ? groups.filter((g) => g.members.some((m) => m.id === viewer.participantId)).map((g) => seenBy(g, viewer.participantId))
    : groups.map(nameless);
const memberIds = (groups: readonly GroupState[]) => [...new Set(groups.flatMap((g) => g.members.flatMap((m) => (m.id ? [m.id] : []))))];

function setTo(record: Record<string, string>, key: string | undefined, value: string | undefined) {
  if (!key) return;
  if (value === undefined) delete record[key];
  else setOwn(record, key, value);
}

function applySummary(data: GroupsData, event: { payload: SummaryDelivered; seq: number; at: number }) {
  const { groupId, text, withheld } = event.payload;
  const at = data.summaries.findIndex((s) => s.groupId === groupId);
  if (!text && !withheld) {
    if (at >= 0) data.summaries.splice(at, 1);
    return;
  }
  const summary = { groupId, text, seq: event.seq, at: event.at };
  if (at >= 0) data.summaries[at] = summary;
  else data.summaries.push(summary);
}

export const groupsModel: KindModel<GroupsData, GroupsEvent, GroupsStep> = {
  kind: 'groups',
  /** The summaries stay off the screen until the facilitator reveals them. */
  revealable: true,
  /** Who met whom across the arena is for the server's grouping and the console only. */
  contextFor: () => undefined,
  init: () => ({ round: 0, groups: [], notes: [], summaries: [], offered: [], choices: {}, tags: {} }),

  apply(data, event) {
    switch (event.type) {
      case GROUPS_EVENTS.formed:
      case GROUPS_EVENTS.regrouped: {
        if (event.type === GROUPS_EVENTS.formed) data.round = event.payload.round;
        for (const group of event.payload.groups) {
          // A phone placed late learns the round from its group.
          data.round = Math.max(data.round, group.round);
          const next: Group = { ...group, members: group.members.map((m) => ({ ...m, since: m.since ?? event.seq })) };
          const at = data.groups.findIndex((g) => g.id === group.id);
          if (at >= 0) data.groups[at] = next;
          else {
            // In the order they were made, also on a phone that meets an older group later.
            const after = data.groups.findIndex((g) => g.round > next.round || (g.round === next.round && g.n > next.n));
            data.groups.splice(after < 0 ? data.groups.length : after, 0, next);
          }
        }
        break;
      }
      case GROUPS_EVENTS.offered:
        data.offered = event.payload.items.map((i) => ({ ...i }));
        break;
      case GROUPS_EVENTS.chosen:
        setTo(data.choices, event.actor.id, event.payload.itemId);
        break;
      case GROUPS_EVENTS.described:
        setTo(data.tags, event.actor.id, event.payload.tag);
        break;
      case GROUPS_EVENTS.reporters:
        for (const { groupId, reporter } of event.payload.reporters) {
          const group = data.groups.find((g) => g.id === groupId);
          if (group) group.reporter = reporter;
        }
        break;
      case GROUPS_EVENTS.placed: {
        const group = data.groups.find((g) => g.id === event.payload.groupId);
        if (group && event.payload.place) group.place = event.payload.place;
        else if (group) delete group.place;
        break;
      }
      case GROUPS_EVENTS.noted:
        insertBySeq(data.notes, {
          id: event.id,
          groupId: event.payload.groupId,
          text: event.payload.text,
          ...(event.actor.id ? { author: event.actor.id } : {}),
          seq: event.seq,
          at: event.at,
        });
        break;
      case GROUPS_EVENTS.summarised:
        applySummary(data, event);
        break;
    }
  },

  project(data, viewer, { revealed }) {
    const offered = data.offered.map((i) => ({ ...i }));
    if (viewer.role === 'participant') {
      const me = viewer.participantId;
      const mine = data.groups.filter((g) => sinceOf(g, me) !== undefined);
      // A phone hears of a round when it is in one of its groups (or was in an earlier one).
      const base = { round: mine.length ? data.round : 0, offered };
      const since = new Map(mine.map((g) => [g.id, sinceOf(g, me)!]));
      const readable = (x: { groupId: string; seq: number }) => since.has(x.groupId) && since.get(x.groupId)! <= x.seq;
      const choice = me ? getOwn(data.choices, me) : undefined;
      const tag = me ? getOwn(data.tags, me) : undefined;
      return {
        ...base,
        groups: mine.map((g) => seenBy(g, me) as Group),
        notes: data.notes.filter(readable).map(({ author, ...n }) => ({ ...n, ...(author === me ? { author } : {}) })),
        summaries: data.summaries.filter(readable).map((s) => ({ ...s })),
        choices: choice ? { [me!]: choice } : {},
        tags: tag ? { [me!]: tag } : {},
      };
    }
    return {
      round: data.round,
      offered,
      groups: data.groups.map((g) => nameless(g) as Group),
      notes: [],
      summaries: data.summaries.map((s) => ({ ...s, text: revealed ? s.text : '' })),
      choices: {},
      tags: {},
    };
  },

  contribution: (event) => (event.type === GROUPS_EVENTS.noted || event.type === GROUPS_EVENTS.summarised ? event.payload.text || undefined : undefined),

  audience(event, data) {
    const membersOf = (groupIds: readonly string[]) => memberIds(data.groups.filter((g) => groupIds.includes(g.id)));
    switch (event.type) {
      case GROUPS_EVENTS.formed:
        // Everybody grouped in this step before hears of the new round, so no phone keeps showing an old group as its own.
        return { screen: true, participants: memberIds([...data.groups, ...event.payload.groups]) };
      case GROUPS_EVENTS.offered:
        return { screen: true, participants: 'all' };
      case GROUPS_EVENTS.regrouped:
        return { screen: true, participants: memberIds(event.payload.groups) };
      case GROUPS_EVENTS.chosen:
      case GROUPS_EVENTS.described:
        return { screen: false, participants: event.actor.id ? [event.actor.id] : 'none' };
      case GROUPS_EVENTS.reporters:
        return { screen: true, participants: membersOf(event.payload.reporters.map((r) => r.groupId)) };
      case GROUPS_EVENTS.placed:
        return { screen: true, participants: membersOf([event.payload.groupId]) };
      case GROUPS_EVENTS.noted:
        return { screen: false, participants: membersOf([event.payload.groupId]) };
      case GROUPS_EVENTS.summarised:
        return { screen: true, participants: membersOf([event.payload.groupId]) };
      default:
        return { screen: false, participants: 'none' };
    }
  },

  redact(event, viewer: Viewer, { revealed }) {
    switch (event.type) {
      case GROUPS_EVENTS.formed:
        return { ...event, payload: { ...event.payload, groups: groupsFor(event.payload.groups, viewer) } };
      case GROUPS_EVENTS.regrouped:
        return { ...event, payload: { groups: groupsFor(event.payload.groups, viewer) } };
      case GROUPS_EVENTS.summarised:
        // The screen learns that a summary is written; its text once the facilitator reveals them.
        if (viewer.role !== 'screen' || revealed || !event.payload.text) return event;
        return { ...event, payload: { groupId: event.payload.groupId, text: '', withheld: true } };
      default:
        return event;
    }
  },
};
