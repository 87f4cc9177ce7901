/**
 * The monitoring trend as the arena harvest shows it, for A4: first what the
 * answers are about (the facilitator's themes per session, with how many
 * answered beside them, as a table and a chart per theme), then per question
 * the answers of each session in turn, each with its themes.
 */
import type { MonitoringTrend } from '../../core/http.js';
import { getOwn } from '../../core/records.js';
import type { HarvestBlock, Inline } from '../../kinds/definition.js';
import type { DocSection } from './document.js';

/** Themes drawn as a chart each, the most used first; the table names them all. */
export const CHARTED_THEMES = 8;

const note = (text: string): Inline => ({ text, note: true });
/** How many answers carry `theme`: a theme is named by the facilitator, so "constructor" is a theme, not a member. */
const carrying = (themes: Readonly<Record<string, number>>, theme: string) => getOwn(themes, theme) ?? 0;
const themeList = (themes: Readonly<Record<string, number>>, order: readonly string[]) =>
  order.flatMap((t) => (carrying(themes, t) ? [`${t} (${carrying(themes, t)})`] : [])).join(', ');

/** `day`: a session's one date as the harvest writes it. */
export function monitoringSections(trend: MonitoringTrend, day: (iso: string) => string): DocSection[] {
  const title = 'Monitoring over de bijeenkomsten';
  if (!trend.questions.length) return [{ title, blocks: [{ type: 'paragraph', text: [note('In deze arena zijn de monitoringsvragen nog niet gesteld.')] }] }];
  const named = (s: MonitoringTrend['sessions'][number]) => `${s.title} (${day(s.date)})`;
  const overview: HarvestBlock[] = [
    {
      type: 'table',
      head: ['Bijeenkomst', 'Beantwoord door', 'Thema’s (aantal antwoorden)'],
      right: [1],
      rows: trend.sessions.map((s) => [named(s), String(s.answered), themeList(s.themes, trend.themes) || '–']),
    },
    ...(trend.themes.length
      ? trend.themes.slice(0, CHARTED_THEMES).map(
          (theme): HarvestBlock => ({
            type: 'chart',
            title: `Antwoorden met het thema "${theme}", per bijeenkomst`,
            bars: trend.sessions.map((s) => ({ label: `${s.title} (${s.answered} ${s.answered === 1 ? 'antwoordde' : 'antwoordden'})`, value: carrying(s.themes, theme) })),
          }),
        )
      : [{ type: 'paragraph' as const, text: [note('De antwoorden hebben nog geen thema’s: die geeft de begeleider op de arenapagina.')] }]),
  ];
  const perQuestion = trend.questions.map(
    (q): DocSection => ({
      title: q.text,
      blocks: trend.sessions.flatMap((s): HarvestBlock[] => {
        const answers = s.answers[q.id] ?? [];
        return [
          { type: 'heading', text: named(s) },
          answers.length
            ? { type: 'list', items: answers.map((a) => ({ text: [a.text, ...(a.themes.length ? [note(` · ${a.themes.join(', ')}`)] : [])] })) }
            : { type: 'paragraph', text: [note('Geen antwoorden.')] },
        ];
      }),
    }),
  );
  return [{ title, blocks: overview }, ...perQuestion];
}
