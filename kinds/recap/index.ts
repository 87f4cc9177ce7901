import Type from 'typebox';
import { accept, command, defineKind, note, paragraph, refuse, type HarvestBlock } from '../definition.js';
import { type ArenaRecap, type RecapItem } from '../arena-contract.js';
import { RECAP_EVENTS, recapModel, recapOf, type RecapData } from './model.js';
import { contextSchema, events, PartId, RECAP_LIMITS, stepSchema, type RecapContext, type RecapEvent, type RecapStep } from './schema.js';

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
const day = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });

/** The composed recap, bounded: it reaches every phone in every snapshot. */
export function recapContext({ since, parts }: ArenaRecap): RecapContext {
  const { parts: maxParts, items: maxItems, title, text, note: maxNote, badge } = RECAP_LIMITS;
  const line = (i: RecapItem) => ({
    text: shorten(i.text, text),
    ...(i.badge ? { badge: shorten(i.badge, badge) } : {}),
    ...(i.tone ? { tone: i.tone } : {}),
    ...(i.note ? { note: shorten(i.note, maxNote) } : {}),
  });
  return {
    ...(since ? { since: { id: since.id, title: shorten(since.title, title), date: since.date } } : {}),
    parts: parts
      .filter((p) => p.items.some((i) => i.text))
      .slice(0, maxParts)
      .map((p) => {
        const items = p.items.filter((i) => i.text);
        return { id: p.id, title: shorten(p.title, title), items: items.slice(0, maxItems).map(line), ...(items.length > maxItems ? { more: items.length - maxItems } : {}) };
      }),
  };
}

const sinceText = ({ since }: RecapContext) => (since ? `Sinds de vorige bijeenkomst: ${since.title}, ${day.format(new Date(since.date))}.` : 'De eerste bijeenkomst van deze arena: nog niets om op terug te kijken.');
const itemText = (i: { text: string; badge?: string }) => (i.badge ? `${i.text} (${i.badge})` : i.text);

export const recap = defineKind<RecapData, RecapEvent, RecapStep>()({
  ...recapModel,
  stepSchema,
  events,
  commands: {
    'recap.show': command({
      payload: Type.Object({ partId: PartId }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ state }, { partId }) {
        if (!recapOf(state.arenaContext).parts.some((p) => p.id === partId)) return refuse('not-found', 'This recap has no such part.');
        return accept(RECAP_EVENTS.shown, { partId });
      },
    }),
  },

  /** What the room was shown, in the order it was shown: what the meeting started from. */
  harvest(data, _step, state) {
    const context = recapOf(state.arenaContext);
    const shown = data.shown.flatMap((id) => context.parts.filter((p) => p.id === id));
    if (!shown.length) return { data: { since: context.since ?? null, shown: [] }, blocks: [], rows: [] };
    const blocks: HarvestBlock[] = [paragraph(note(sinceText(context)))];
    for (const part of shown) {
      blocks.push({ type: 'heading', text: part.title });
      blocks.push({ type: 'list', items: part.items.map((i) => ({ text: [itemText(i)], ...(i.note ? { sub: [[note(i.note)]] } : {}) })) });
      if (part.more) blocks.push(paragraph(note(`En nog ${part.more}.`)));
    }
    return {
      data: { since: context.since ? { ...context.since, date: new Date(context.since.date).toISOString() } : null, shown },
      blocks,
      rows: shown.flatMap((p) => p.items.map((i) => ({ group: p.title, text: i.note ? `${i.text} | ${i.note}` : i.text, ...(i.badge ? { outcome: i.badge } : {}) }))),
    };
  },

  recapContext,
  contextSchema,
});
