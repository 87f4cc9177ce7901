/**
 * The wat-werkt check across an arena: an arena that keeps its checklist in a script
 * of its own and runs it again (after a year of verbeteracties, say) sees per item how
 * much was still to gain each time, in its arena harvest. Items are matched by id, so
 * a checklist that keeps its ids can grow or change its wording. Rebuilt from the logs.
 */
import type { HarvestBlock } from '../definition.js';
import type { ArenaSessions, KindArena } from '../arena-contract.js';
import type { ChecklistData, ChecklistStep } from './model.js';
import { checklistResults, percent } from './results.js';

const day = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCDate()}-${d.getUTCMonth() + 1}-${d.getUTCFullYear()}`;
};

/** Every checklist step somebody answered, oldest first, with its items by gain. */
function checks({ sessions, metOn }: ArenaSessions) {
  return sessions.flatMap((session) =>
    session.steps
      .filter((step): step is ChecklistStep => step.kind === 'checklist')
      .flatMap((step) => {
        const data = session.stepStates[step.id]?.data as ChecklistData | undefined;
        if (!data?.raters) return [];
        return [{ session: { id: session.id, title: session.title, date: new Date(metOn(session)).toISOString() }, label: `${day(metOn(session))}`, step, raters: data.raters, results: checklistResults(step, data.counts ?? {}) }];
      }),
  );
}

export const checklistArena: KindArena<ChecklistData, ChecklistStep> = {
  harvest(arena) {
    const all = checks(arena);
    if (!all.length) return undefined;
    // The rows in the order of the latest check: what has most to gain now on top.
    const latest = all[all.length - 1]!;
    const ids = [...latest.results.map((r) => r.item.id), ...all.flatMap((c) => c.results.map((r) => r.item.id))].filter((id, i, list) => list.indexOf(id) === i);
    const items = ids.map((id) => {
      const text = [...all].reverse().flatMap((c) => c.results.filter((r) => r.item.id === id))[0]!.item.text;
      const gains = all.map((c) => {
        const r = c.results.find((x) => x.item.id === id);
        return r?.raters ? Math.round(r.gain * 100) / 100 : null;
      });
      return { id, text, gains };
    });
    const blocks: HarvestBlock[] = [
      {
        type: 'paragraph',
        text: [{ text: 'Per werkzaam element hoeveel er nog te winnen was, per keer dat de groep de check deed (nog niet telt heel, deels half).', note: true }],
      },
      {
        type: 'table',
        head: ['Werkzaam element', ...all.map((c) => c.label)],
        right: all.map((_c, i) => i + 1),
        rows: items.map((i) => [i.text, ...i.gains.map((g) => (g === null ? '–' : percent(g)))]),
      },
    ];
    return {
      name: 'checklists',
      title: 'Wat-werkt-check door de tijd',
      data: { checks: all.map((c) => ({ session: c.session, stepId: c.step.id, raters: c.raters })), items },
      blocks,
    };
  },
};
