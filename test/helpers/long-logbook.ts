/**
 * An arena whose logbook runs long, for the tests of its pages: `count` entries, one a day
 * from 1 January 2026, written straight into the store (a year of a network's notes, past
 * the per-address and per-link limits a test would otherwise wait on). Entry i (from 1)
 * says `Bericht i`, is of cycle `LOGBOOK_CYCLE[(i - 1) % 4]` and waits for approval.
 */
import { LOGBOOK_CYCLE, type LogbookLinkInfo } from '../../core/logbook.js';
import { api, type Running } from './oogst.js';

export async function longLogbook(oogst: Running, title: string, count: number) {
  const arena = (await api<{ id: string; key: string }>(oogst.url, 'POST', '/api/arenas', { title })).body;
  const link = (await api<LogbookLinkInfo>(oogst.url, 'POST', `/api/arenas/${arena.id}/logbook-links`, { requiresApproval: true }, arena.key)).body;
  const day = Date.UTC(2026, 0, 1);
  for (let i = 1; i <= count; i++)
    await oogst.store.addLogbookEntry({
      id: `e${String(i).padStart(4, '0')}`,
      arenaId: arena.id,
      linkId: link.id,
      createdAt: day + i * 86_400_000,
      date: new Date(day + (i - 1) * 86_400_000).toISOString().slice(0, 10),
      what: 'observatie',
      cycle: LOGBOOK_CYCLE[(i - 1) % LOGBOOK_CYCLE.length]!,
      text: `Bericht ${i}`,
      name: null,
      about: null,
      state: 'pending',
      highlighted: false,
      shared: false,
    });
  return arena;
}
