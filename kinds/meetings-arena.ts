/**
 * Who met whom across an arena, for the grouping engine (kinds/meetings.ts): the
 * groups and interview pairs of the arena's earlier sessions, as lists of arena member
 * ids. A member id is pseudonymous: derived on the server from a secret the phone keeps
 * for the arena (server/arena-member.ts), never the secret itself, never a name.
 * A session carries it as the arena context of the kinds that group people
 * (`groups`, `interview`), kept off the screen and the phones (`contextFor` gives them none): only
 * the server's decisions and the console read it.
 */
import Type, { type Static } from 'typebox';
import { stepsOfKind } from '../core/kind.js';
import { getOwn } from '../core/records.js';
import type { SessionState } from '../core/state.js';
import { inMeetingOrder, type ArenaSessions } from './arena-contract.js';
import { MemberIdSchema } from './ids.js';
import { groupsModel } from './groups/model.js';
import { interviewModel } from './interview/model.js';
import { pairKey } from './meetings.js';

/** Earlier groups a session carries: the most recent ones; enough for a year of monthly meetings of a large arena. */
export const MAX_MET_GROUPS = 600;
/** Members of one earlier group it keeps: a group is at most 8, an interview pair that grew keeps its first. */
const MAX_MET_MEMBERS = 12;

export const meetingsContextSchema = Type.Object(
  { met: Type.Array(Type.Array(MemberIdSchema, { minItems: 2, maxItems: MAX_MET_MEMBERS }), { maxItems: MAX_MET_GROUPS }) },
  { additionalProperties: false },
);
export type MeetingsContext = Static<typeof meetingsContextSchema>;

/** The arena member ids of everybody who sat in each group or pair of one session. */
function sessionMeetings(state: SessionState): string[][] {
  const memberOf = (id: string | undefined) => (id ? getOwn(state.participants, id)?.member : undefined);
  const lists = [
    ...stepsOfKind(state, groupsModel).flatMap(({ data }) => data.groups),
    ...stepsOfKind(state, interviewModel).flatMap(({ data }) => data.pairs),
  ].map((g) => [...new Set(g.members.filter((m) => m.status !== 'moved').flatMap((m) => memberOf(m.id) ?? []))].slice(0, MAX_MET_MEMBERS));
  return lists.filter((l) => l.length >= 2);
}

/** The arena context of the kinds that group people: the earlier sessions' groups, oldest first, the most recent kept. */
export function meetingsContext(earlier: ArenaSessions): MeetingsContext {
  const ordered = inMeetingOrder(earlier.sessions, earlier.metOn);
  return { met: ordered.flatMap(sessionMeetings).slice(-MAX_MET_GROUPS) };
}

const isMeetings = (value: unknown): value is MeetingsContext =>
  typeof value === 'object' && value !== null && Array.isArray((value as Partial<MeetingsContext>).met);

/**
 * Who met before this session, as pair keys of this session's participant ids: the
 * arena context `kind` carries, read through the member ids of those who joined.
 */
export function earlierMeetings(state: SessionState, kind: string): Set<string> {
  const context = getOwn(state.arenaContext, kind);
  const met = new Set<string>();
  if (!isMeetings(context) || !context.met.length) return met;
  const byMember = new Map<string, string[]>();
  for (const [id, info] of Object.entries(state.participants)) if (info.member) byMember.set(info.member, [...(byMember.get(info.member) ?? []), id]);
  for (const group of context.met)
    for (const a of group)
      for (const b of group)
        if (a < b) for (const pa of byMember.get(a) ?? []) for (const pb of byMember.get(b) ?? []) if (pa !== pb) met.add(pairKey(pa, pb));
  return met;
}
