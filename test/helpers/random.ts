/** A seeded random generator (an LCG): the same seed gives the same run, so a failure can be replayed. */
export function seeded(seed: number) {
  const next = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}
