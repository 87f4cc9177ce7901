/**
 * The texts of open questions: Dutch here, fetched with the kind, never in a page's first load
 * (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'open.placeholder': 'Typ je antwoord…',
  'open.save': 'Opslaan',
  'open.edit': 'Wijzigen',
  'open.cancel': 'Annuleren',
  'open.yours': 'Jouw antwoord',
  'kind.open': 'Open vragen',
  'count.answers.one': '{n} antwoord',
  'count.answers.other': '{n} antwoorden',
  'open.hidden-until-reveal': 'De antwoorden verschijnen zodra de begeleider ze laat zien.',
  'open.no-answers': 'Nog geen antwoorden.',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
