/**
 * The texts of the poll: Dutch here, fetched with the kind, never in a page's first load
 * (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'poll.vote': 'Stem',
  'poll.max': 'Kies er hooguit {max}',
  'poll.closed': 'De stemming is gesloten.',
  'kind.poll': 'Peiling',
  'poll.hidden-until-reveal': 'De uitslag verschijnt zodra de begeleider hem laat zien.',
  'poll.open': 'Deelnemers kunnen stemmen en hun stem nog wijzigen.',
  'poll.close': 'Sluit stemming',
  'poll.reopen': 'Heropen stemming',
  'poll.mean': 'Gemiddeld {mean}',
  'poll.results': 'Uitslag',
  'poll.mode.single': 'één antwoord',
  'poll.mode.multiple': 'meerdere antwoorden',
  'poll.mode.multiple-max': 'hooguit {max} antwoorden',
  'poll.mode.scale': 'schaal van {min} tot {max}',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
