/**
 * The texts of design questions: Dutch here, fetched with the kind, never in a page's first load
 * (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'questions.post': 'Plaats vraag',
  'questions.prefix': 'Begin je vraag met: {prefix}',
  'questions.yours': 'Jouw vragen',
  'questions.all': 'Alle vragen',
  'questions.merged': 'samengevoegd met een vergelijkbare vraag',
  'kind.questions': 'Ontwerpvragen',
  'count.questions.one': '{n} vraag',
  'count.questions.other': '{n} vragen',
  'questions.empty': 'Nog geen vragen.',
  'questions.inspiration': 'Ter inspiratie',
  'questions.add': 'Voeg een vraag toe',
  'questions.edit': 'Wijzig',
  'questions.save': 'Opslaan',
  'questions.cancel': 'Annuleer',
  'questions.edited': 'aangepast',
  'questions.select': 'Selecteer vraag',
  'questions.selected.one': '{n} vraag geselecteerd',
  'questions.selected.other': '{n} vragen geselecteerd',
  'questions.merge-into': 'Samenvoegen in',
  'questions.merge': 'Voeg samen',
  'questions.clear-selection': 'Selectie wissen',
  'questions.unmerge': 'Maak los',
  'questions.similar.one': '+ {n} vergelijkbare vraag',
  'questions.similar.other': '+ {n} vergelijkbare vragen',
  'questions.share': 'Zet de lijst op de telefoons',
  'questions.unshare': 'Haal de lijst van de telefoons',
  'questions.shared': 'De lijst staat op de telefoons: deelnemers lezen alle vragen en kunnen erop stemmen. Nieuwe vragen schrijven kan niet meer.',
  'questions.not-shared': 'Deelnemers schrijven vragen en zien alleen hun eigen. Zet de lijst op de telefoons als de groep gaat stemmen; dan stopt het schrijven.',
  'questions.listed': 'Dit zijn alle vragen van de groep. Nieuwe vragen schrijven kan niet meer.',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
