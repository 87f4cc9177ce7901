/**
 * The arena page reads a long logbook a page at a time, against the real server and a
 * SQLite file: newest first, at most `LOGBOOK_LIMITS.page` entries unless it asks for
 * fewer (never more than `maxPage`), of one cycle or all, with the counts; `after` (the
 * page's `next`) goes on after the last entry read, and an entry written since lands on
 * a page already read, never twice. A bad page size or an unknown `after` is refused with
 * a reason, and nobody without the arena key reads a page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGBOOK_LIMITS, type LogbookEntriesPage } from '../../core/logbook.js';
import { longLogbook } from '../helpers/long-logbook.js';
import { api, startOogst, type Running } from '../helpers/oogst.js';

describe("the logbook's pages on the arena page", () => {
  let oogst: Running;
  let arena: { id: string; key: string };
  const read = (query: string, key = arena.key) => api<LogbookEntriesPage>(oogst.url, 'GET', `/api/arenas/${arena.id}/logbook${query}`, undefined, key);
  const texts = (page: LogbookEntriesPage) => page.entries.map((e) => e.text);

  beforeAll(async () => {
    oogst = await startOogst();
    arena = await longLogbook(oogst, 'Wijk in beweging', 130);
  });
  afterAll(() => oogst?.stop());

  it('gives the newest page first, then the next after the last one read, until none is left', async () => {
    const first = (await read('')).body;
    expect(first.entries).toHaveLength(LOGBOOK_LIMITS.page);
    expect(texts(first).slice(0, 2)).toEqual(['Bericht 130', 'Bericht 129']);
    expect(first.counts).toEqual({ all: 130, onderzoeken: 33, handelen: 33, reflecteren: 32, veranderen: 32 });
    expect(first.next).toBe(first.entries.at(-1)!.id);
    expect(first.forms.length).toBeGreaterThan(0);

    const second = (await read(`?after=${first.next}`)).body;
    expect(texts(second)[0]).toBe('Bericht 80');
    const third = (await read(`?after=${second.next}`)).body;
    expect(texts(third)).toEqual(Array.from({ length: 30 }, (_, i) => `Bericht ${30 - i}`));
    expect(third.next).toBeNull();
    const all = [...first.entries, ...second.entries, ...third.entries].map((e) => e.id);
    expect(new Set(all).size).toBe(130);
  });

  it('pages one cycle with the size asked for, up to the most a page may hold', async () => {
    const page = (await read('?cycle=handelen&limit=5')).body;
    expect(texts(page)).toEqual(['Bericht 130', 'Bericht 126', 'Bericht 122', 'Bericht 118', 'Bericht 114']);
    expect(page.entries.every((e) => e.cycle === 'handelen')).toBe(true);
    const next = (await read(`?cycle=handelen&limit=5&after=${page.next}`)).body;
    expect(texts(next)[0]).toBe('Bericht 110');
    expect((await read(`?limit=${LOGBOOK_LIMITS.maxPage}`)).body.entries).toHaveLength(LOGBOOK_LIMITS.maxPage);
  });

  it('an entry written while the facilitator reads lands on a page already read, never twice on the next', async () => {
    const first = (await read('?limit=10')).body;
    await oogst.store.addLogbookEntry({ ...first.entries[0]!, id: 'laat', arenaId: arena.id, text: 'Laat geschreven', createdAt: Date.now() });
    const next = (await read(`?limit=10&after=${first.next}`)).body;
    expect(texts(next)[0]).toBe('Bericht 120');
    expect((await read('?limit=1')).body.counts.all).toBe(131);
  });

  it('refuses a page size out of bounds, an unknown or hostile after, a cycle it does not know, and a wrong key', async () => {
    for (const query of ['?limit=0', `?limit=${LOGBOOK_LIMITS.maxPage + 1}`, '?limit=1000', '?limit=-1', '?limit=1.5', '?limit=x', '?after=onbekend', '?after=../../x', '?cycle=dromen', '?page=2']) {
      const refused = await read(query);
      expect(refused.status, query).toBe(400);
      expect(refused.body, query).toMatchObject({ error: 'invalid', message: expect.any(String) });
    }
    expect(((await read('?after=onbekend')).body as unknown as { message: string }).message).toMatch(/no such entry/);
    // An entry of another cycle is not a place to go on from in this one.
    const other = (await read('?cycle=onderzoeken&limit=1')).body.entries[0]!;
    expect((await read(`?cycle=handelen&after=${other.id}`)).status).toBe(400);
    expect((await read('', 'wrong-key')).status).toBe(401);
  });
});
