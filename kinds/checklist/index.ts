import Type from 'typebox';
import { accept, cleanText, command, defineKind, note, paragraph, refuse, strong, type HarvestBlock, type HarvestRow } from '../definition.js';
import { duplicateIds, StepIdSchema } from '../ids.js';
import { checklistArena } from './arena.js';
import { checklistModel, CHECKLIST_EVENTS, scaleOf, type ChecklistData } from './model.js';
import { badSource, MAX_LIST_CHARS, parseChecklist } from './parse.js';
import { checklistResults, percent } from './results.js';
import { arenaListSchema, events, MAX_COMMENT, stepSchema, type ArenaList, type ChecklistEvent, type ChecklistScriptStep, type ChecklistStep, type Rated } from './schema.js';

/** Ids unique, a scale that says where there is something to gain, and source links a browser can open safely. */
function checkChecklist(step: ChecklistScriptStep): [string, string][] {
  const problems: [string, string][] = [];
  if (step.scale) {
    problems.push(...duplicateIds(step.scale, '/scale', 'scale point'));
    if (!step.scale.some((p) => (p.gain ?? 0) > 0)) problems.push(['/scale', 'needs a point with a gain above 0 (e.g. "nog niet": gain 1), to order the items by']);
  }
  // The arena's own list is checked when it is uploaded.
  if (step.items === 'arena') return problems;
  problems.push(...duplicateIds(step.items, '/items', 'item'));
  step.items.forEach((item, i) => {
    if (item.source !== undefined && badSource(item.source)) problems.push([`/items/${i}/source`, 'must be a web address starting with https://, e.g. https://www.movisie.nl/…']);
  });
  return problems;
}

/** `items: arena` takes the arena's own list; a session cannot be made in an arena that has none. */
function fromArena(step: ChecklistStep, kept: unknown): ChecklistStep | string {
  const { items } = step as ChecklistScriptStep;
  if (items !== 'arena') return step;
  if (!kept)
    return 'deze wat-werkt-check neemt de checklist van de arena (items: arena), maar deze arena heeft er nog geen. Zet hem op de arenapagina, onder "Checklist van de arena", of zet de items in het draaiboek.';
  return { ...step, items: (kept as ArenaList).items.map((i) => ({ ...i })) };
}

export const checklist = defineKind<ChecklistData, ChecklistEvent, ChecklistStep>()({
  ...checklistModel,
  arena: { ...checklistArena, keeps: { path: 'checklist', maxChars: MAX_LIST_CHARS, schema: arenaListSchema, parse: parseChecklist } },
  stepSchema,
  checkStep: (step) => checkChecklist(step as ChecklistScriptStep),
  fromArena,

  events,
  commands: {
    /**
     * A rating of one item, or a changed one. `comment`: the comment as it should stand
     * (empty removes it); left out, an earlier comment stays.
     */
    'checklist.rate': command({
      payload: Type.Object({ itemId: StepIdSchema, point: StepIdSchema, comment: Type.Optional(Type.String({ maxLength: MAX_COMMENT })) }, { additionalProperties: false }),
      roles: ['participant'],
      decide({ step, data, actor, id }, { itemId, point, comment }) {
        if (!step.items.some((i) => i.id === itemId)) return refuse('not-found', `This checklist has no item "${itemId}".`);
        if (!scaleOf(step).some((p) => p.id === point)) return refuse('not-found', `This checklist's scale has no answer "${point}".`);
        const own = data.ratings.filter((r) => r.author === actor.id);
        const existing = own.find((r) => r.itemId === itemId);
        const text = comment === undefined ? existing?.comment : cleanText(comment) || undefined;
        if (existing && existing.point === point && existing.comment === text) return refuse('invalid', 'This rating is already saved.');
        return accept(CHECKLIST_EVENTS.rated, {
          ratingId: existing?.id ?? id,
          itemId,
          point,
          first: own.length === 0,
          ...(existing ? { previous: existing.point } : {}),
          ...(text ? { comment: text } : {}),
        } satisfies Rated);
      },
    }),
  },

  harvest(data, step) {
    const scale = scaleOf(step);
    const results = checklistResults(step, data.counts ?? {});
    const comments = (itemId: string) =>
      data.ratings
        .filter((r) => r.itemId === itemId && r.comment)
        .sort((a, b) => a.seq - b.seq)
        .map((r) => ({ point: scale.find((p) => p.id === r.point)?.text ?? r.point, text: r.comment!, at: new Date(r.at).toISOString() }));
    const items = results.map((r) => ({
      id: r.item.id,
      text: r.item.text,
      ...(r.item.source ? { source: r.item.source } : {}),
      counts: Object.fromEntries(scale.map((p, i) => [p.id, r.counts[i]!])),
      raters: r.raters,
      gain: Math.round(r.gain * 100) / 100,
      comments: comments(r.item.id),
    }));
    const output = { scale: scale.map((p) => ({ ...p })), raters: data.raters, items };
    if (!data.raters) return { data: output, blocks: [], rows: [] };

    const blocks: HarvestBlock[] = [
      paragraph(
        `${data.raters === 1 ? '1 deelnemer legde' : `${data.raters} deelnemers legden`} de huidige aanpak langs ${step.items.length} ${step.items.length === 1 ? 'werkzaam element' : 'werkzame elementen'}. `,
        note('Gerangschikt naar wat er nog te winnen is: het aandeel van de antwoorden dat zegt dat het nog niet (of deels, half geteld) gebeurt.'),
      ),
      {
        type: 'table',
        head: ['Werkzaam element', ...scale.map((p) => p.text), 'Te winnen'],
        right: [...scale.map((_p, i) => i + 1), scale.length + 1],
        rows: results.map((r) => [r.item.text, ...r.counts.map(String), r.raters ? percent(r.gain) : '–']),
      },
    ];
    const commented = items.filter((i) => i.comments.length);
    if (commented.length)
      blocks.push(
        { type: 'heading', text: 'Toelichtingen' },
        {
          type: 'list',
          items: commented.map((i) => ({ text: [strong(i.text)], sub: i.comments.map((c) => [note(`${c.point}:`), ' ', c.text]) })),
        },
      );
    const rows: HarvestRow[] = items.flatMap((i) => [
      ...scale.map((p) => ({ group: i.text, text: p.text, votes: i.counts[p.id]! })),
      ...i.comments.map((c) => ({ group: i.text, cluster: c.point, text: c.text, at: c.at })),
    ]);
    return { data: output, blocks, rows };
  },

  /** The three items with the most still to gain. */
  glance(data, step) {
    const top = checklistResults(step, data.counts ?? {})
      .filter((r) => r.gain > 0)
      .slice(0, 3);
    if (!top.length) return [];
    return [{ type: 'list', ordered: true, items: top.map((r) => ({ text: [r.item.text, ' ', note(`(${percent(r.gain)} te winnen)`)] })) }];
  },
});
