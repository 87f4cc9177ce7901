/**
 * The strings come in parts, each Dutch with an English fetched only when English is
 * chosen: a Dutch page never asks for English, a kind's strings are there once its
 * loader resolves, and a part that arrives after the switch reads English too.
 */
import { describe, expect, it, vi } from 'vitest';
import { addStrings, language, setLanguage, t, type MessageKey, type Messages } from '../../client/lib/i18n/index.svelte.js';
import { loadKindStrings } from '../../client/lib/kind-strings.js';

vi.stubGlobal('document', { documentElement: { lang: 'nl' } });

const key = (name: string) => `test.${name}` as MessageKey;
const part = (name: string, nl: string, en: string) => {
  const english = vi.fn(async () => ({ [key(name)]: en }) as Messages);
  return { nl: { [key(name)]: nl } as Messages, english };
};

describe('strings in parts', () => {
  it("has a kind's strings once they are loaded, and not before", async () => {
    expect(t('wall.post')).toBe('wall.post');
    await loadKindStrings(['wall', 'no-such-kind']);
    expect(t('wall.post')).toBe('Plaats briefje');
    expect(t('wall.used', { n: 3, max: 10 })).toBe('3 van 10 briefjes geplaatst');
  });

  it('fetches English only when it is chosen, and a part added later in English too', async () => {
    const early = part('early', 'vroeg', 'early');
    await addStrings(early.nl, early.english);
    expect(early.english).not.toHaveBeenCalled();
    expect(t(key('early'))).toBe('vroeg');

    await setLanguage('en');
    expect(language()).toBe('en');
    expect(early.english).toHaveBeenCalledTimes(1);
    expect(t(key('early'))).toBe('early');
    expect(t('status.connected')).toBe('Connected');
    expect(t('wall.post')).toBe('Post note');

    const late = part('late', 'laat', 'late');
    await addStrings(late.nl, late.english);
    expect(late.english).toHaveBeenCalledTimes(1);
    expect(t(key('late'))).toBe('late');

    await loadKindStrings(['interview']);
    expect(t('interview.phone.round', { n: 2 })).toBe('Round 2');

    await setLanguage('nl');
    expect(t('interview.phone.round', { n: 2 })).toBe('Ronde 2');
    expect(early.english).toHaveBeenCalledTimes(1);
  });

  it('shows the Dutch of a key whose English part lacks it, never the key', async () => {
    const partial = { nl: { [key('only-dutch')]: 'alleen Nederlands' } as Messages, english: async () => ({}) };
    await addStrings(partial.nl, partial.english);
    await setLanguage('en');
    expect(t(key('only-dutch'))).toBe('alleen Nederlands');
    await setLanguage('nl');
  });
});
