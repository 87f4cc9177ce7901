/**
 * Friendly anonymous names ("Blauwe Reiger"): 48 × 48 combinations. A name already taken
 * in the session is drawn again before it gets a number, so a room of 40 does not meet
 * "Heldere Kikker 2" (with 24 × 24 names and a number at the first clash, three rooms
 * of 40 in four did); only a session that has used most names sees numbers.
 */
export const ADJECTIVES = [
  'Blauwe', 'Groene', 'Gouden', 'Rode', 'Paarse', 'Oranje', 'Zilveren', 'Vrolijke', 'Rustige', 'Snelle', 'Wijze', 'Dappere',
  'Zachte', 'Heldere', 'Warme', 'Nieuwsgierige', 'Kleine', 'Grote', 'Stille', 'Sterke', 'Lichte', 'Vlotte', 'Trouwe', 'Slimme',
  'Blije', 'Frisse', 'Kalme', 'Koene', 'Milde', 'Fijne', 'Gulle', 'Lieve', 'Nette', 'Vrije', 'Zonnige', 'Bonte',
  'Vurige', 'Speelse', 'Trotse', 'Vlugge', 'Zorgzame', 'Eerlijke', 'Geduldige', 'Moedige', 'Sierlijke', 'Alerte', 'Bedachtzame', 'Creatieve',
];
export const ANIMALS = [
  'Reiger', 'Vos', 'Egel', 'Das', 'Otter', 'Merel', 'Uil', 'Haas', 'Bever', 'Zwaan', 'Mus', 'Kikker',
  'Eekhoorn', 'Ree', 'Ooievaar', 'Kievit', 'Zeehond', 'Vlinder', 'Libel', 'Spreeuw', 'Lepelaar', 'Pad', 'Hert', 'Wezel',
  'Meeuw', 'Specht', 'Mol', 'Muis', 'Kraai', 'Gans', 'Eend', 'Fuut', 'Valk', 'Buizerd', 'Koolmees', 'Roodborst',
  'Zalm', 'Snoek', 'Paling', 'Lynx', 'Wolf', 'Beer', 'Steenuil', 'Kwikstaart', 'Grutto', 'Tureluur', 'Pimpelmees', 'Karper',
];
/** Draws before numbering: with half of the 2,304 names taken, 40 draws all hit a taken one once in a trillion. */
const DRAWS = 40;

export function pseudonym(random: () => number = Math.random, taken: ReadonlySet<string> = new Set()): string {
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  let base = '';
  for (let draw = 0; draw < DRAWS; draw++) {
    base = `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
    if (!taken.has(base)) return base;
  }
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}
