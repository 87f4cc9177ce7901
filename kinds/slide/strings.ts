/**
 * The texts of the slide: Dutch here, fetched with the kind, never in a page's first load
 * (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'kind.slide': 'Dia',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
