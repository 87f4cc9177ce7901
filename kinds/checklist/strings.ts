/**
 * The texts of the wat-werkt check: Dutch here, fetched with the kind, never in a page's first
 * load (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'kind.checklist': 'Wat-werkt-check',
  'count.raters.one': '{n} deelnemer vulde in',
  'count.raters.other': '{n} deelnemers vulden in',
  'checklist.progress': '{done} van {total} beantwoord',
  'checklist.source': 'Bron',
  'checklist.comment': 'Toelichting',
  'checklist.comment-add': 'Toelichting toevoegen',
  'checklist.comment-edit': 'Toelichting wijzigen',
  'checklist.comment-save': 'Bewaar toelichting',
  'checklist.answer': 'Jouw antwoord',
  'checklist.hidden-until-reveal': 'De uitkomst verschijnt zodra de begeleider hem laat zien.',
  'checklist.heatmap': 'Antwoorden per werkzaam element, met het meeste te winnen bovenaan',
  'checklist.item': 'Werkzaam element',
  'checklist.gain': 'Te winnen',
  'checklist.more.one': 'en {n} element met minder te winnen',
  'checklist.more.other': 'en {n} elementen met minder te winnen',
  'checklist.comments': 'Toelichtingen ({n})',
  'checklist.none': 'Nog geen antwoorden.',
  'checklist.arena.title': 'Checklist van de arena',
  'checklist.arena.intro':
    'De eigen wat-werkt-checklist van deze arena. Een wat-werkt-check met "items: arena" in het draaiboek neemt deze lijst over zodra je de bijeenkomst aanmaakt. Upload een YAML- of CSV-bestand (kolommen id, text, explanation, source) of plak de lijst.',
  'checklist.arena.none': 'Deze arena heeft nog geen eigen checklist.',
  'checklist.arena.count': '{n} werkzame elementen',
  'checklist.arena.updated': 'bijgewerkt {date}',
  'checklist.arena.preview': 'De werkzame elementen van de arena',
  'checklist.arena.saved': 'Opgeslagen: {n} werkzame elementen.',
  'checklist.arena.upload': 'Checklist uploaden',
  'checklist.arena.replace': 'Vervangen door een bestand',
  'checklist.arena.paste': 'Plakken',
  'checklist.arena.paste-label': 'Plak de lijst (CSV met kopregel, of YAML)',
  'checklist.arena.save': 'Checklist opslaan',
  'checklist.arena.download': 'Download (CSV)',
  'checklist.arena.remove': 'Verwijderen',
  'checklist.arena.remove-confirm': 'De checklist van deze arena verwijderen? Bijeenkomsten die al zijn aangemaakt houden hun items.',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
