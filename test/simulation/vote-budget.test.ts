/**
 * The vote's budget in seeded random sessions: whatever order dots are placed, removed,
 * and their items hidden and shown, no voter holds more than the budget.
 */
import { describe, expect, it } from 'vitest';
import { seeded } from '../helpers/random.js';
import { held, hide, session, voteStep } from '../helpers/vote-session.js';

describe('vote: the budget holds in every order of events', () => {
  for (const step of [voteStep, { ...voteStep, maxPerItem: undefined }, { ...voteStep, dots: 5, maxPerItem: 5 }])
    it(`never lets a voter hold more than the budget, for random places, removes, hides and shows (${step.dots} dots, ${step.maxPerItem ?? 1} per item)`, () => {
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const random = seeded(seed).int;
        const s = session(step);
        const rules = { dots: step.dots ?? 3, max: Math.min(step.maxPerItem ?? 1, step.dots ?? 3) };
        const voters = ['alice', 'bob', 'carol'];
        const items = ['q1', 'q2', 'q3', 'q4'];
        for (let i = 0; i < 300; i++) {
          const roll = random(10);
          const q = items[random(items.length)]!;
          if (roll < 2) hide(s, q, random(2) === 0);
          else s.place(voters[random(voters.length)]!, q, roll < 4 ? 0 : random(rules.max + 2));
          const data = s.data();
          for (const [who, n] of held(data)) expect(n, `seed ${seed}, event ${i}: ${who}`).toBeLessThanOrEqual(rules.dots);
          for (const [item, byVoter] of Object.entries(data.dots)) {
            for (const n of Object.values(byVoter)) expect(n).toBeLessThanOrEqual(rules.max);
            expect(data.totals[item]).toBe(Object.values(byVoter).reduce((a, b) => a + b, 0));
          }
          expect(Object.keys(data.totals).sort()).toEqual(Object.keys(data.dots).sort());
          expect(data.voters).toBe(held(data).size);
        }
      }
    });
});
