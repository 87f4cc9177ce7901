/** The arena's own checklist as uploaded: YAML and CSV read into items, and every problem refused in Dutch with its line. */
import { describe, expect, it } from 'vitest';
import { checklist } from './index.js';
import { csvRecords, MAX_LIST_CHARS, parseChecklist } from './parse.js';
import type { ChecklistStep } from './schema.js';

const items = (text: string) => {
  const parsed = parseChecklist(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.value.items;
};
const error = (text: string) => {
  const parsed = parseChecklist(text);
  return 'error' in parsed ? parsed.error : '';
};

describe('the arena checklist as CSV', () => {
  it('reads a header and rows, with quoted separators, quotes and line breaks, and a spreadsheet BOM', () => {
    const csv = '\uFEFFid,text,explanation,source\r\ndoelgroep,"We betrekken de doelgroep, altijd","Zij ""weten"" het best\nen eerst",https://www.movisie.nl/wat-werkt\r\n,Professionals werken samen,,\r\n\r\n';
    expect(items(csv)).toEqual([
      { id: 'doelgroep', text: 'We betrekken de doelgroep, altijd', explanation: 'Zij "weten" het best en eerst', source: 'https://www.movisie.nl/wat-werkt' },
      { id: 'professionals-werken-samen', text: 'Professionals werken samen' },
    ]);
  });

  it('takes Dutch column names, semicolons as a Dutch spreadsheet writes them, and ids from the text', () => {
    expect(items('tekst;toelichting;bron\nWe signaleren vroeg;Voordat het misgaat;\nÉén loket voor ouders;;')).toEqual([
      { id: 'we-signaleren-vroeg', text: 'We signaleren vroeg', explanation: 'Voordat het misgaat' },
      { id: 'een-loket-voor-ouders', text: 'Één loket voor ouders' },
    ]);
    // The same text twice gets two ids; an id given keeps its place.
    expect(items('id,text\n,Samen\nsamen,Ook samen\n,Samen').map((i) => i.id)).toEqual(['samen-2', 'samen', 'samen-3']);
  });

  it('refuses with the line: an unknown column, a row without text, too many fields, an id twice, an open quote', () => {
    expect(error('id,text,waarom\na,Tekst,x')).toMatch(/^Regel 1: onbekende kolom "waarom"/);
    expect(error('id,text\na,Tekst\nb,')).toMatch(/^Regel 3: dit item heeft geen tekst/);
    expect(error('id,text\na,Tekst,te veel')).toMatch(/^Regel 2: meer velden \(3\) dan kolommen/);
    expect(error('id,text\na,Een\n\na,Twee')).toBe('Regel 4: het id "a" staat ook op regel 2; elk item heeft een eigen id.');
    expect(error('id,text\na,"Nooit gesloten\nb,Tekst')).toMatch(/^Regel 2: een veld begint met een aanhalingsteken/);
    expect(error('id,text,tekst\na,b,c')).toMatch(/de kolom "tekst" staat er twee keer/);
  });

  it('keeps every record on the line it starts on, also after a quoted line break', () => {
    expect(csvRecords('a,b\n"x\ny",z\nq,r', ',')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\ny', 'z'] },
      { line: 4, cells: ['q', 'r'] },
    ]);
  });
});

describe('the arena checklist as YAML', () => {
  it('reads a list of items or of texts, or one under items:', () => {
    const yaml = 'items:\n  - id: vroeg\n    text: We signaleren vroeg\n    explanation: Voordat het misgaat.\n  - Professionals werken samen\n';
    expect(items(yaml)).toEqual([
      { id: 'vroeg', text: 'We signaleren vroeg', explanation: 'Voordat het misgaat.' },
      { id: 'professionals-werken-samen', text: 'Professionals werken samen' },
    ]);
    expect(items('- text: Een\n- tekst: Twee\n  bron: https://www.nji.nl/x').map((i) => i.source ?? i.id)).toEqual(['een', 'https://www.nji.nl/x']);
  });

  it('refuses with the line: broken YAML, an unknown field, a bad id, a source that is no https link, a text too long', () => {
    expect(error('- text: Een\n- text: [niet gesloten\n')).toMatch(/^Regel \d: dit is geen geldige YAML of CSV/);
    expect(error('- text: Een\n- text: Twee\n  waarom: x')).toBe('Regel 2: onbekend veld "waarom". De velden zijn: id, text, explanation, source (of: tekst, toelichting, bron).');
    expect(error('- id: Hoofd Letters\n  text: x')).toMatch(/^Regel 1: het id "Hoofd Letters" mag alleen kleine letters/);
    expect(error('- id: constructor\n  text: x')).toMatch(/^Regel 1: het id "constructor"/);
    expect(error('- text: x\n- text: y\n  source: javascript:alert(1)')).toMatch(/^Regel 2: de bron moet een webadres zijn dat begint met https:\/\//);
    expect(error('- text: x\n  source: https://user:pw@www.example.nl/')).toMatch(/^Regel 1: de bron/);
    expect(error(`- text: ${'x'.repeat(201)}`)).toBe('Regel 1: de tekst is 201 tekens; hooguit 200.');
    expect(error('titel: Mijn lijst')).toMatch(/^Verwacht een lijst van items/);
    expect(error('- [1, 2]')).toMatch(/^Regel 1: een item is een tekst/);
  });

  it('refuses hostile input: aliases, a prototype key, too many items, too much text, nothing at all', () => {
    expect(error('- &a text\n- *a')).toBe('Regel 2: verwijzingen in YAML (& en *) kan een checklist niet gebruiken; schrijf de tekst voluit.');
    expect(error('- __proto__: {text: x}\n  text: y')).toMatch(/^Regel 1: onbekend veld "__proto__"/);
    expect(error(Array.from({ length: 61 }, (_, i) => `- Element ${i}`).join('\n'))).toBe('De lijst heeft 61 items; een checklist heeft er hooguit 60.');
    expect(error('x'.repeat(MAX_LIST_CHARS + 1))).toMatch(/te lang/);
    expect(error('[]')).toMatch(/leeg/);
  });
});

describe('a checklist step with items: arena', () => {
  const step = { id: 'check', kind: 'checklist', title: 'Wat werkt', items: 'arena' } as unknown as ChecklistStep;

  it('passes the script check, and takes the arena list when the session is made', () => {
    expect(checklist.checkStep!(step)).toEqual([]);
    const taken = checklist.fromArena!(step, { items: [{ id: 'vroeg', text: 'We signaleren vroeg' }] });
    expect(taken).toEqual({ ...step, items: [{ id: 'vroeg', text: 'We signaleren vroeg' }] });
  });

  it('explains that the arena has no list yet, and leaves a step with its own items alone', () => {
    expect(checklist.fromArena!(step, undefined)).toMatch(/deze arena heeft er nog geen\. Zet hem op de arenapagina/);
    const own = { ...step, items: [{ id: 'a', text: 'Eigen' }] };
    expect(checklist.fromArena!(own, { items: [{ id: 'b', text: 'Arena' }] })).toBe(own);
  });
});
