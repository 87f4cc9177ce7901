/** Numbers in UI messages: small whole numbers take a short path, the rest go through Intl as the language writes them. */
import { describe, expect, it } from 'vitest';
import { t } from '../../client/lib/i18n/index.svelte.js';

describe('numbers in messages (Dutch)', () => {
  it('writes small whole numbers as digits', () => {
    expect(t('count.chars', { n: 0, max: 500 })).toBe('0 / 500');
    expect(t('count.chars', { n: 999, max: 5 })).toBe('999 / 5');
  });

  it('groups thousands and writes fractions and negatives the Dutch way', () => {
    expect(t('count.chars', { n: 1200, max: 1_000_000 })).toBe('1.200 / 1.000.000');
    expect(t('count.chars', { n: 2.5, max: -3 })).toBe('2,5 / -3');
  });
});
