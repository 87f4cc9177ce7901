/**
 * The texts of dot voting: Dutch here, fetched with the kind, never in a page's first load
 * (client/lib/kind-strings.ts); English in `strings.en.ts`, fetched only once English is chosen.
 */
export const nl = {
  'vote.left': 'Nog {n} van {max} stippen',
  'vote.closed': 'De stemming is gesloten.',
  'vote.add': 'Stip erbij',
  'vote.remove': 'Stip eraf',
  'kind.vote': 'Stemmen met stippen',
  'count.dots.one': '{n} stip',
  'count.dots.other': '{n} stippen',
  'vote.rules': '{dots} stippen per deelnemer, hoogstens {max} per item. De groep kiest er {choose}.',
  'vote.open': 'De stemming is open: deelnemers zetten en verplaatsen hun stippen.',
  'vote.close': 'Sluit de stemming',
  'vote.reopen': 'Heropen de stemming',
  'vote.hidden-until-reveal': 'De uitslag verschijnt zodra de begeleider hem laat zien.',
  'vote.chosen': 'gekozen',
  'vote.tie': 'gedeeld',
  'vote.tie-undecided': 'gelijke stand — de groep kiest',
  'vote.without-dots': 'Zonder stippen: {n}',
  'vote.tie-at-cut': 'Gelijke stand op de grens: de groep kiest tussen de gelijk geëindigde.',
  'vote.empty': 'Er staat nog niets op de stemlijst.',
  'vote.no-source': 'Deze stemming leest uit stap "{from}", maar dat is geen eerdere stap met ontwerpvragen, een muur of open vragen.',
  'vote.phones-wait': 'De telefoons hebben de stemlijst nog niet, dus stemmen kan nog niet.',
  'vote.share-questions': 'Zet de lijst op de telefoons',
  'vote.phones-wall': 'Op de telefoon stemmen op briefjes van een muur kan niet: een telefoon heeft alleen de eigen briefjes. Laat de groep stemmen op ontwerpvragen.',
  'vote.phone-rules': 'Je hebt {dots} stippen, hoogstens {max} per vraag. Verplaatsen mag tot de stemming sluit.',
};

export const en = () => import('./strings.en.js').then((m) => m.en);
