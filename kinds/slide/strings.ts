/**
 * The texts of the slide: Dutch here, fetched with the kind, never in a page's first load
 * (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'kind.slide': 'Dia',
  'slide.image.add': 'Afbeelding op de dia zetten',
  'slide.image.replace': 'Andere afbeelding kiezen',
  'slide.image.remove': 'Afbeelding weghalen',
  'slide.image.caption': 'Beschrijving van de afbeelding (voor wie haar niet kan zien)',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
