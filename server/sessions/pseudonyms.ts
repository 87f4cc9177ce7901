/** Friendly anonymous names ("Blauwe Reiger"): 24 × 24 combinations, repeated names get a number. */
const ADJECTIVES = [
  'Blauwe', 'Groene', 'Gouden', 'Rode', 'Paarse', 'Oranje', 'Zilveren', 'Vrolijke', 'Rustige', 'Snelle', 'Wijze', 'Dappere',
  'Zachte', 'Heldere', 'Warme', 'Nieuwsgierige', 'Kleine', 'Grote', 'Stille', 'Sterke', 'Lichte', 'Vlotte', 'Trouwe', 'Slimme',
];
const ANIMALS = [
  'Reiger', 'Vos', 'Egel', 'Das', 'Otter', 'Merel', 'Uil', 'Haas', 'Bever', 'Zwaan', 'Mus', 'Kikker',
  'Eekhoorn', 'Ree', 'Ooievaar', 'Kievit', 'Zeehond', 'Vlinder', 'Libel', 'Spreeuw', 'Lepelaar', 'Pad', 'Hert', 'Wezel',
];

export function pseudonym(random: () => number = Math.random, taken: ReadonlySet<string> = new Set()): string {
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  const base = `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}
