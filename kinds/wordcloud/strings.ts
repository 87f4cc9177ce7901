/**
 * The texts of the word cloud: Dutch here, fetched with the kind, never in a page's first load
 * (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'wordcloud.placeholder': 'Typ een woord',
  'wordcloud.add': 'Voeg toe',
  'wordcloud.used': 'Woorden: {n} van {max}',
  'kind.wordcloud': 'Woordwolk',
  'count.words.one': '{n} woord',
  'count.words.other': '{n} woorden',
  'wordcloud.hidden-until-reveal': 'De woordwolk verschijnt zodra de begeleider hem laat zien.',
  'wordcloud.live': 'Live: de woordwolk staat op het scherm terwijl hij groeit; tonen is niet nodig.',
  'wordcloud.empty': 'Nog geen woorden.',
  'wordcloud.spellings': 'ook: {list}',
  'wordcloud.more.one': 'en nog {n} ander woord',
  'wordcloud.more.other': 'en nog {n} andere woorden',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
