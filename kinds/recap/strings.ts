/**
 * The texts of the recap: Dutch here, fetched with the kind, never in a page's first load
 * (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 * The parts' titles and lines come from the arena (each kind phrases its own, in Dutch as the harvest).
 */
export const nl = {
  'kind.recap': 'Sinds de vorige keer',
  'recap.since': 'Sinds {title}, {date}',
  'recap.first': 'Dit is de eerste bijeenkomst: er is nog niets om op terug te kijken.',
  'recap.first.hint': 'Vanaf de tweede bijeenkomst van deze arena staat hier wat er sinds de vorige keer gebeurde: de acties met hun stand, de gekozen ontwerpvragen, nieuwe en verder gekomen small wins en de antwoorden op "Wat ga je morgen anders doen?".',
  'recap.nothing': 'Sinds de vorige keer is er in deze arena niets vastgelegd om terug te zien.',
  'recap.parts': 'Waar we naar kijken',
  'recap.show': 'Op het scherm',
  'recap.on-screen': 'Nu op het scherm',
  'recap.next': 'Volgende deel',
  'recap.shown-before': 'al getoond',
  'recap.more': 'en nog {n}',
  'recap.left-out.one': '+{n} regel niet in beeld',
  'recap.left-out.other': '+{n} regels niet in beeld',
  'recap.waiting': 'Kijk mee op het scherm: de begeleider laat zien waar we staan.',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
