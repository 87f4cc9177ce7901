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
};

export const en = () => import('./strings.en.js').then((m) => m.en);
