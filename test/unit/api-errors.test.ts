/**
 * The page shows an API refusal in its own language, filled with what the server
 * names: a duplicate import on the Dutch page reads Dutch, not the server's English.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from '../../client/lib/api.js';
import { nlFacilitator } from '../../client/lib/i18n/facilitator.nl.js';
import { addStrings } from '../../client/lib/i18n/index.svelte.js';

void addStrings(nlFacilitator, async () => ({}));
afterEach(() => vi.unstubAllGlobals());

const refusal = (status: number, body: unknown) => vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

describe('API refusals on a Dutch page', () => {
  it('say a duplicate import in Dutch, naming the session', async () => {
    refusal(409, { error: 'import-session-exists', message: 'Session "Bijeenkomst 2" is already on this server.', params: { session: 'Bijeenkomst 2' } });
    const error = await api('POST', '/api/arenas/import', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Bijeenkomst "Bijeenkomst 2" staat al op deze server.');
  });

  it('name session, event and field of a forged event', async () => {
    const params = { session: 'Bijeenkomst 2', seq: 14, type: 'smallwin.progressed', field: 'payload.sessionId' };
    refusal(400, { error: 'import-event', message: 'Session "Bijeenkomst 2", event 14 …', params });
    const error = (await api('POST', '/api/arenas/import', { body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(error.message).toContain('Bijeenkomst "Bijeenkomst 2", gebeurtenis 14 (smallwin.progressed): payload.sessionId');
  });

  it("keep the server's text for a code the page does not know", async () => {
    refusal(400, { error: 'something-new', message: 'A reason the page has no words for.' });
    expect(((await api('GET', '/api/x').catch((e: unknown) => e)) as ApiError).message).toBe('A reason the page has no words for.');
  });
});
