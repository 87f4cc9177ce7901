/**
 * The groups in the harvest: per group its number, place and item, the reporter's
 * summary and the members' notes, without names; on the first page the summaries.
 */
import { note, paragraph, strong, type HarvestBlock, type HarvestRow, type HarvestSection } from '../definition.js';
import type { Group, GroupsData } from './model.js';

/** "Groep 3 — tafel bij het raam", with the round when there were several. */
export function groupTitle(group: Pick<Group, 'n' | 'place' | 'round'>, rounds = 1): string {
  return `${rounds > 1 ? `Ronde ${group.round}, g` : 'G'}roep ${group.n}${group.place ? ` — ${group.place}` : ''}`;
}

export function groupsHarvest(data: GroupsData): HarvestSection {
  const itemText = (id: string | undefined) => data.offered.find((i) => i.id === id)?.text;
  const summaryOf = (g: Group) => data.summaries.find((s) => s.groupId === g.id)?.text;
  const notesOf = (g: Group) => data.notes.filter((n) => n.groupId === g.id);
  const groups = data.groups.filter((g) => g.members.some((m) => m.status !== 'moved'));
  const blocks: HarvestBlock[] = [];
  const rows: HarvestRow[] = [];
  if (!groups.length) blocks.push(paragraph(note('Er zijn geen groepjes gemaakt.')));
  else {
    const people = new Set(groups.flatMap((g) => g.members.flatMap((m) => (m.id ? [m.id] : []))));
    blocks.push(
      paragraph(
        strong('Groepjes:'),
        ` ${groups.length} · `,
        strong('Deelnemers:'),
        ` ${people.size} · `,
        strong('Samenvattingen:'),
        ` ${groups.filter(summaryOf).length}`,
        ...(data.round > 1 ? [' · ', strong('Ronden:'), ` ${data.round}`] : []),
      ),
    );
  }
  for (const g of groups) {
    const title = groupTitle(g, data.round);
    const item = itemText(g.itemId);
    const summary = summaryOf(g);
    const notes = notesOf(g);
    blocks.push({ type: 'heading', text: title });
    if (item) blocks.push(paragraph(strong('Onderwerp:'), ' ', item));
    blocks.push(summary ? paragraph(strong('Samenvatting:'), ' ', summary) : paragraph(note('Geen samenvatting.')));
    if (notes.length) blocks.push({ type: 'list', items: notes.map((n) => ({ text: [n.text] })) });
    if (summary) rows.push({ group: title, cluster: 'Samenvatting', text: summary, ...(item ? { outcome: item } : {}) });
    for (const n of notes) rows.push({ group: title, cluster: 'Aantekening', text: n.text, at: new Date(n.at).toISOString() });
  }
  return {
    data: {
      rounds: data.round,
      groups: groups.map((g) => ({
        round: g.round,
        number: g.n,
        ...(g.place ? { place: g.place } : {}),
        ...(itemText(g.itemId) ? { item: itemText(g.itemId) } : {}),
        members: g.members.filter((m) => m.status !== 'moved').length,
        summary: summaryOf(g) ?? null,
        notes: notesOf(g).map((n) => ({ text: n.text, at: new Date(n.at).toISOString() })),
      })),
    },
    blocks,
    rows,
  };
}

/** The summaries, each under its group's number and place. */
export function groupsGlance(data: GroupsData): HarvestBlock[] {
  const items = data.groups.flatMap((g) => {
    const summary = data.summaries.find((s) => s.groupId === g.id)?.text;
    return summary ? [{ text: [strong(`${groupTitle(g, data.round)}:`), ' ', summary] }] : [];
  });
  return items.length ? [{ type: 'list', items }] : [];
}
