import Type from 'typebox';
import { accept, cleanText, command, defineKind, MAX_TEXT, note, paragraph, refuse, strong, type HarvestBlock, type HarvestRow } from '../definition.js';
import { duplicateIds, EntityIdSchema, StepIdSchema } from '../ids.js';
import { wallArena } from './arena.js';
import { groupNotes, wallModel, WALL_EVENTS, type WallData } from './model.js';
import { events, stepSchema, type ClusterCreated, type NoteHidden, type NotePosted, type WallEvent, type WallStep } from './schema.js';

const Title = Type.String({ minLength: 1, maxLength: 120 });

export const wall = defineKind<WallData, WallEvent, WallStep>()({
  ...wallModel,
  arena: wallArena,
  stepSchema,
  checkStep: (step) => duplicateIds(step.columns, '/columns', 'column'),

  events,
  commands: {
    'wall.post': command({
      payload: Type.Object({ column: StepIdSchema, text: Type.String({ maxLength: MAX_TEXT }) }, { additionalProperties: false }),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor }, { column, text }) {
        if (!step.columns.some((c) => c.id === column)) return refuse('not-found', `This wall has no column "${column}".`);
        const clean = cleanText(text);
        if (!clean) return refuse('invalid', 'A note cannot be empty.');
        const max = step.maxNotes ?? 10;
        if (actor.id && data.notes.filter((n) => n.author === actor.id).length >= max)
          return refuse('limit-reached', `At most ${max} notes per participant in this step.`);
        return accept(WALL_EVENTS.posted, { column, text: clean } satisfies NotePosted);
      },
    }),
    'wall.hide': command({
      payload: Type.Object({ noteId: EntityIdSchema, hidden: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { noteId, hidden }) {
        const note = data.notes.find((n) => n.id === noteId);
        if (!note) return refuse('not-found', 'No such note.');
        const { author: _a, hidden: _h, ...shown } = note;
        return accept(WALL_EVENTS.hidden, { noteId, hidden, ...(hidden ? {} : { note: shown }) } satisfies NoteHidden);
      },
    }),
    'wall.cluster': command({
      payload: Type.Object(
        { column: StepIdSchema, title: Title, noteIds: Type.Array(EntityIdSchema, { maxItems: 500 }) },
        { additionalProperties: false },
      ),
      roles: ['facilitator'],
      decide({ step, data }, { column, title, noteIds }) {
        if (!step.columns.some((c) => c.id === column)) return refuse('not-found', `This wall has no column "${column}".`);
        const missing = noteIds.find((id) => !data.notes.some((n) => n.id === id && n.column === column));
        if (missing) return refuse('not-found', 'One of the notes is not in this column.');
        if (!cleanText(title)) return refuse('invalid', 'A cluster needs a title.');
        return accept(WALL_EVENTS.clustered, { column, title: cleanText(title), noteIds } satisfies ClusterCreated);
      },
    }),
    'wall.rename-cluster': command({
      payload: Type.Object({ clusterId: EntityIdSchema, title: Title }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { clusterId, title }) {
        if (!data.clusters.some((c) => c.id === clusterId)) return refuse('not-found', 'No such cluster.');
        if (!cleanText(title)) return refuse('invalid', 'A cluster needs a title.');
        return accept(WALL_EVENTS.renamed, { clusterId, title: cleanText(title) });
      },
    }),
    'wall.move': command({
      payload: Type.Object(
        { noteId: EntityIdSchema, clusterId: Type.Union([EntityIdSchema, Type.Null()]) },
        { additionalProperties: false },
      ),
      roles: ['facilitator'],
      decide({ data }, { noteId, clusterId }) {
        const note = data.notes.find((n) => n.id === noteId);
        if (!note) return refuse('not-found', 'No such note.');
        if (clusterId !== null && !data.clusters.some((c) => c.id === clusterId && c.column === note.column))
          return refuse('not-found', 'No such cluster in the note\'s column.');
        return accept(WALL_EVENTS.moved, { noteId, clusterId });
      },
    }),
    'wall.dissolve': command({
      payload: Type.Object({ clusterId: EntityIdSchema }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { clusterId }) {
        if (!data.clusters.some((c) => c.id === clusterId)) return refuse('not-found', 'No such cluster.');
        return accept(WALL_EVENTS.dissolved, { clusterId });
      },
    }),
  },

  harvest(data, step) {
    const columns = step.columns.map((column) => ({
      id: column.id,
      title: column.title,
      groups: groupNotes({ ...data, notes: data.notes.filter((n) => !n.hidden) }, column.id).map((g) => ({
        cluster: g.cluster?.title ?? null,
        notes: g.notes.map((n) => ({ id: n.id, text: n.text, at: new Date(n.at).toISOString() })),
      })),
    }));
    const blocks: HarvestBlock[] = [];
    const rows: HarvestRow[] = [];
    for (const column of columns) {
      const count = column.groups.reduce((sum, g) => sum + g.notes.length, 0);
      blocks.push({ type: 'heading', text: `${column.title} (${count})` });
      if (!count) blocks.push(paragraph(note('Geen briefjes.')));
      for (const group of column.groups) {
        if (!group.notes.length && !group.cluster) continue;
        if (group.cluster) blocks.push(paragraph(strong(group.cluster), ` (${group.notes.length})`));
        else if (column.groups.length > 1) blocks.push(paragraph(strong('Overig')));
        if (group.notes.length) blocks.push({ type: 'list', items: group.notes.map((n) => ({ text: [n.text] })) });
        for (const n of group.notes) rows.push({ group: column.title, ...(group.cluster ? { cluster: group.cluster } : {}), text: n.text, at: n.at });
      }
    }
    return { data: { columns }, blocks, rows };
  },

  /** Per column its clusters with their counts, largest first, and how many notes stayed loose. */
  glance(data, step) {
    const visible = { ...data, notes: data.notes.filter((n) => !n.hidden) };
    const items = step.columns.flatMap((column) => {
      const groups = groupNotes(visible, column.id);
      const count = groups.reduce((sum, g) => sum + g.notes.length, 0);
      if (!count) return [];
      const clusters = groups.filter((g) => g.cluster && g.notes.length).sort((a, b) => b.notes.length - a.notes.length);
      const loose = groups.find((g) => !g.cluster)?.notes.length ?? 0;
      const parts = clusters.map((g) => `${g.cluster!.title} (${g.notes.length})`);
      if (clusters.length && loose) parts.push(`${loose} los`);
      return [{ text: [strong(column.title), ` (${count} ${count === 1 ? 'briefje' : 'briefjes'})${parts.length ? `: ${parts.join(', ')}` : ''}`] }];
    });
    return items.length ? [{ type: 'list', items }] : [];
  },
});
