/**
 * Who sits in which group: the groups of a new round, and the changes when someone
 * arrives or leaves during one. Pure and deterministic (the result goes into the
 * event); the grouping itself is the engine the interview uses too (kinds/meetings.ts).
 *
 * - A round groups everybody present at the step's size: at random, mixed by the tags
 *   people gave (`by: mix`), or per offered item by the choices people made (`by:
 *   choice`; who chose nothing fills the smallest groups). Nobody meets again whom they
 *   met in an earlier round or session while others are available.
 * - Someone arriving during a round joins the smallest group (of their item, when they
 *   chose one); someone back after leaving returns to their own group if it still talks.
 * - Someone whose connection drops stays in their group, marked away, for the grace.
 * - Someone who leaves is marked so in their group (a reporter who leaves leaves the
 *   group without one, and its phones ask who takes over); one left alone moves to the
 *   smallest other group.
 */
import { getOwn } from '../../core/records.js';
import { formGroups, meetingsOf, placeLate, setAway, type Mixing, type Seating } from '../meetings.js';
import { activeMembers, currentGroups, type GroupsData, type GroupsStep, type GroupState } from './model.js';

/** A participant's pseudonym, or undefined for an id the session does not know. */
export type Names = (id: string) => string | undefined;

/** Who met whom: in this step's earlier rounds, and `earlier` (the arena's earlier sessions, by participant id). */
export function metIn(data: GroupsData, earlier?: ReadonlySet<string>): Set<string> {
  return meetingsOf(
    data.groups.map((g) => g.members.flatMap((m) => (m.id ? [m.id] : []))),
    new Set(earlier),
  );
}

/** Tags compare without case and spacing: "Gemeente " and "gemeente" are one organisation. */
export const tagKey = (tag: string | undefined) => tag?.trim().toLowerCase().replace(/\s+/g, ' ') || undefined;

export function mixingOf(data: GroupsData, step: GroupsStep, earlier?: ReadonlySet<string>): Mixing {
  const tags = new Map(Object.entries(data.tags).map(([id, tag]) => [id, tagKey(tag)]));
  return { met: metIn(data, earlier), ...(step.by === 'mix' ? { tag: (id: string) => tags.get(id) } : {}) };
}

function newGroup(round: number, n: number, ids: readonly string[], names: Names, step: GroupsStep, itemId?: string): GroupState {
  const place = step.places?.[n - 1];
  return {
    id: `r${round}-${n}`,
    round,
    n,
    ...(place ? { place } : {}),
    ...(itemId ? { itemId } : {}),
    members: ids.map((id) => ({ id, pseudonym: names(id)!, status: 'active' as const })),
    reporter: -1,
  };
}

/** The groups of round `round`, of the participants present (in the order they connected). */
export function formRound(data: GroupsData, step: GroupsStep, present: readonly string[], names: Names, seed: string, size: number, earlier?: ReadonlySet<string>): GroupState[] {
  const people = [...new Set(present)].filter((id) => names(id) !== undefined);
  const mixing = mixingOf(data, step, earlier);
  const round = data.round + 1;
  const lists: { itemId?: string; ids: string[] }[] = [];
  let rest = people;
  if (step.by === 'choice') {
    for (const item of data.offered) {
      const chose = people.filter((id) => getOwn(data.choices, id) === item.id);
      for (const ids of formGroups(chose, size, `${seed}:${item.id}`, mixing)) lists.push({ itemId: item.id, ids });
    }
    const placed = new Set(lists.flatMap((l) => l.ids));
    rest = people.filter((id) => !placed.has(id));
    // Who chose nothing fills the groups that have room, the smallest first; the others form groups of their own.
    const open = () => lists.filter((l) => l.ids.length < size);
    while (rest.length && open().length) {
      const room = open();
      room[placeLate(room.map((l) => l.ids), rest[0]!, mixing)]!.ids.push(rest.shift()!);
    }
    // One left over would sit alone: they join the smallest group instead.
    if (rest.length === 1 && lists.length) lists[placeLate(lists.map((l) => l.ids), rest[0]!, mixing)]!.ids.push(rest.shift()!);
  }
  for (const ids of formGroups(rest, size, seed, mixing)) lists.push({ ids });
  return lists.map((l, i) => newGroup(round, i + 1, l.ids, names, step, l.itemId));
}

/** The current round's groups as a working copy; `changed()` gives what the event must carry. */
export class Regrouping implements Seating {
  private readonly groups: GroupState[];
  private readonly touched = new Set<string>();

  constructor(
    data: GroupsData,
    private readonly names: Names,
    private readonly mixing: Mixing,
    private readonly choices: Readonly<Record<string, string>> = {},
  ) {
    this.groups = currentGroups(data).map((g) => ({ ...g, members: g.members.map((m) => ({ ...m })) }));
  }

  changed(): GroupState[] {
    return this.groups.filter((g) => this.touched.has(g.id));
  }

  /** The group this participant sits in now. */
  groupOf(id: string): GroupState | undefined {
    return this.groups.find((g) => g.members.some((m) => m.id === id && m.status === 'active'));
  }

  private add(group: GroupState, id: string) {
    const entry = group.members.find((m) => m.id === id);
    if (entry) {
      entry.status = 'active';
      delete entry.away;
    } else group.members.push({ id, pseudonym: this.names(id)!, status: 'active' });
    this.touched.add(group.id);
  }

  /** The smallest group that still talks (of `itemId` where there is one), among those the one where `id` knows fewest. */
  private smallest(id: string, except?: GroupState, itemId?: string): GroupState | undefined {
    const talking = this.groups.filter((g) => g !== except && activeMembers(g).length > 0);
    const own = talking.filter((g) => itemId !== undefined && g.itemId === itemId);
    const from = own.length ? own : talking;
    const ids = from.map((g) => activeMembers(g).map((m) => m.id!));
    return from[placeLate(ids, id, this.mixing)];
  }

  /** Someone arrives during a round. False when they already sit in a group, or there are no groups yet. */
  place(id: string): boolean {
    if (this.names(id) === undefined || this.groupOf(id)) return false;
    const own = this.groups.find((g) => g.members.some((m) => m.id === id && m.status === 'left') && activeMembers(g).length > 0);
    const to = own ?? this.smallest(id, undefined, getOwn(this.choices, id));
    if (!to) return false;
    this.add(to, id);
    return true;
  }

  /** Someone left the session. False when they sat in no group. */
  leave(id: string): boolean {
    const group = this.groupOf(id);
    if (!group) return false;
    const at = group.members.findIndex((m) => m.id === id);
    const member = group.members[at]!;
    member.status = 'left';
    delete member.away;
    if (group.reporter === at) group.reporter = -1;
    this.touched.add(group.id);
    const [lone, ...others] = activeMembers(group);
    const to = lone && !others.length ? this.smallest(lone.id!, group) : undefined;
    if (lone && to) {
      lone.status = 'moved';
      group.reporter = -1;
      this.add(to, lone.id!);
    }
    return true;
  }

  /** Their phone's connection dropped: the group sees it during the grace, nothing moves yet. */
  drop(id: string): boolean {
    const group = this.groupOf(id);
    if (!setAway(group, id, true)) return false;
    this.touched.add(group!.id);
    return true;
  }

  /** Connected again within the grace: back in the group as it was. */
  back(id: string): boolean {
    const group = this.groupOf(id);
    if (!setAway(group, id, false)) return false;
    this.touched.add(group!.id);
    return true;
  }
}
