/**
 * The facilitator's synthesis: kept in the session's log for the facilitator's eyes only,
 * and the part the harvest opens with, in four parts with Dutch headings, in every format;
 * the arena harvest reads as a traject's report (synthesis, actions, small wins, the
 * other kinds, monitoring, then each session opening with its own synthesis).
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { applyEvent, audienceOf, project } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { SYNTHESIS_EVENTS, type Synthesis } from '../../core/synthesis.js';
import { models } from '../../kinds/registry.js';
import { arenaHarvest, buildSession, sessionDocument } from '../../server/harvest/document.js';
import { renderCsv } from '../../server/harvest/render-csv.js';
import { renderDocx } from '../../server/harvest/render-docx.js';
import { renderHtml } from '../../server/harvest/render-html.js';
import { renderMarkdown } from '../../server/harvest/render-markdown.js';
import { createdSession } from '../helpers/created-session.js';

const STEPS: StepDef[] = [{ id: 'muur', kind: 'wall', title: 'Muur', columns: [{ id: 'klaag', title: 'Klaagmuur' }] }];
const SYNTHESIS: Synthesis = {
  summary: 'Wachtlijsten zijn het begin.\n\nDaarna kwam de buurt.',
  decisions: 'Maandag belt Ans de wijkteams.',
  lessons: '',
  chafed: 'Geld <en> regels *schuren*',
};

function synthesised(id: string, at: number, synthesis?: Synthesis): SessionState {
  const state = createdSession(id, at, STEPS);
  if (synthesis) applyEvent(state, { id: `${id}-syn`, seq: 2, type: SYNTHESIS_EVENTS.written, actor: { role: 'facilitator' }, payload: synthesis, at: at + 1 }, models);
  return state;
}

describe('a session synthesis', () => {
  const state = synthesised('s1', Date.UTC(2026, 10, 21, 18), SYNTHESIS);

  it('is the facilitator’s alone until the harvest', () => {
    expect(project(state, { role: 'facilitator' }, models).synthesis).toEqual(SYNTHESIS);
    expect(project(state, { role: 'screen' }, models)).not.toHaveProperty('synthesis');
    expect(project(state, { role: 'participant', participantId: 'p' }, models)).not.toHaveProperty('synthesis');
    const event = { id: 'x', seq: 3, type: SYNTHESIS_EVENTS.written, actor: { role: 'facilitator' as const }, payload: SYNTHESIS, at: 1 };
    expect(audienceOf(state, event, models)).toEqual({ screen: false, participants: 'none' });
  });

  it('opens the first page in four parts, the empty ones left out, in every format', async () => {
    const doc = sessionDocument(state);
    const [first] = doc.glance!.sections;
    expect(first!.title).toBe('Synthese');
    expect(first!.blocks.filter((b) => b.type === 'heading').map((b) => b.type === 'heading' && b.text)).toEqual(['Samenvatting', 'Besluiten en afspraken', 'Wat schuurde']);

    const md = renderMarkdown(doc);
    const glance = md.slice(md.indexOf('## In één oogopslag'));
    expect(glance).toMatch(/^## In één oogopslag\n\n### Synthese\n\n#### Samenvatting\n\nWachtlijsten zijn het begin.\n\nDaarna kwam de buurt.\n\n#### Besluiten en afspraken\n/);
    expect(glance).toContain('#### Wat schuurde\n\nGeld \\<en\\> regels \\*schuren\\*');
    expect(md).not.toContain('Wat we leerden');

    const html = renderHtml(doc);
    expect(html).toContain('<h3>Synthese</h3>');
    expect(html).toMatch(/<h4>Samenvatting<\/h4>\s*<p>Wachtlijsten zijn het begin.<\/p>\s*<p>Daarna kwam de buurt.<\/p>/);
    expect(html).toContain('Geld &#60;en&#62; regels *schuren*');

    const xml = await (await JSZip.loadAsync(await renderDocx(doc))).file('word/document.xml')!.async('string');
    const order = ['In één oogopslag', 'Synthese', 'Samenvatting', 'Daarna kwam de buurt.', 'Besluiten en afspraken', 'Wat schuurde', 'Agenda'].map((t) => xml.indexOf(t));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);

    const csv = renderCsv(doc.rows).split('\r\n');
    expect(csv.slice(1, 4).map((line) => line.split(';').slice(2, 7))).toEqual([
      ['Synthese', 'Synthese', 'Samenvatting', '', '"Wachtlijsten zijn het begin.\n\nDaarna kwam de buurt."'],
      ['Synthese', 'Synthese', 'Besluiten en afspraken', '', 'Maandag belt Ans de wijkteams.'],
      ['Synthese', 'Synthese', 'Wat schuurde', '', 'Geld <en> regels *schuren*'],
    ]);
    expect(buildSession(state).json.synthesis).toEqual(SYNTHESIS);
  });

  it('opens beside what the arena works towards: its ambition, kernthema and onderzoeksvraag', () => {
    const doc = sessionDocument(state, undefined, { ambition: null, coreTheme: 'Samen sterk', researchQuestion: 'Wat werkt?' });
    expect(doc.glance!.facts).toEqual([
      ['Kernthema', 'Samen sterk'],
      ['Onderzoeksvraag', 'Wat werkt?'],
    ]);
  });

  it('is not printed when nothing is written', () => {
    const empty = synthesised('s2', 1000, { summary: '', decisions: '', lessons: '', chafed: '' });
    expect(sessionDocument(empty).glance!.sections.map((s) => s.title)).not.toContain('Synthese');
    expect(buildSession(synthesised('s3', 1000)).json.synthesis).toBeNull();
  });
});

describe('the arena harvest as a traject report', () => {
  const arena = {
    id: 'a',
    title: 'Arena',
    theme: 'Mantelzorg',
    ambition: null,
    method: 'waarderend-veranderen' as const,
    coreTheme: 'Op eigen kracht, maar samen sterk',
    researchQuestion: 'Wat maakt dat mantelzorgers hulp vragen?',
    synthesis: { summary: 'Een jaar samen gewerkt.', decisions: '', lessons: 'Klein beginnen werkt.', chafed: '' },
  };
  const { json, document } = arenaHarvest(arena, [synthesised('s2', 2000), synthesised('s1', 1000, SYNTHESIS)]);

  it('opens with the arena’s synthesis, then the kinds’ sections with actions before small wins, then the monitoring', () => {
    const overview = document.parts[0]!.sections.map((s) => s.title);
    expect(overview.slice(0, 3)).toEqual(['Synthese', 'Acties en experimenten', 'Small wins']);
    expect(overview.at(-1)).toBe('Monitoring over de bijeenkomsten');
    expect(document.parts[0]!.sections[0]!.blocks).toEqual([
      { type: 'heading', text: 'Samenvatting' },
      { type: 'paragraph', text: ['Een jaar samen gewerkt.'] },
      { type: 'heading', text: 'Wat we leerden' },
      { type: 'paragraph', text: ['Klein beginnen werkt.'] },
    ]);
    expect(json.synthesis).toEqual(arena.synthesis);
    expect(json.arena).toMatchObject({ method: 'waarderend-veranderen', coreTheme: arena.coreTheme, researchQuestion: arena.researchQuestion });
  });

  it('names the way of working, kernthema and onderzoeksvraag, and leaves out an ambition that is not set', () => {
    expect(document.facts).toEqual([
      ['Thema', 'Mantelzorg'],
      ['Werkwijze', 'Waarderend veranderen'],
      ['Kernthema', 'Op eigen kracht, maar samen sterk'],
      ['Onderzoeksvraag', 'Wat maakt dat mantelzorgers hulp vragen?'],
      ['Bijeenkomsten', '2'],
    ]);
  });

  it('opens each session’s part with its own synthesis', () => {
    const [, first, second] = document.parts;
    expect(first!.title).toBe('Bijeenkomst s1');
    expect(first!.sections[0]!.title).toBe('Synthese');
    expect(first!.sections[0]!.number).toBeUndefined();
    expect(second!.sections.map((s) => s.title)).not.toContain('Synthese');
    expect(json.sessions.map((s) => s.synthesis)).toEqual([SYNTHESIS, null]);
    expect(renderMarkdown(document)).toMatch(/## Overzicht\n\n### Synthese\n\n#### Samenvatting\n\nEen jaar samen gewerkt\./);
  });
});
