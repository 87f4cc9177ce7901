/**
 * The network: nothing is asked until the facilitator asks; then a phone leaves a
 * name and a valid email address under the consent text shown, once (a second
 * time replaces it); the facilitator exports the list as CSV; no harvest holds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, facilitator, participant, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';

describe('invitations to the next meeting', () => {
  let oogst: Running;
  let s: StartedSession;
  beforeAll(async () => {
    oogst = await startOogst();
    s = await startSession(oogst.url);
  });
  afterAll(async () => oogst?.stop());

  it('asks only when the facilitator asks, checks what is left, and exports it', async () => {
    const fac = await facilitator(oogst.url, s);
    const phone = await participant(oogst.url, s);
    const leave = (body: Record<string, unknown>) =>
      api(oogst.url, 'POST', `/api/sessions/${s.session.id}/contacts`, { token: phone.identity.token, name: 'Anne', email: 'anne@voorbeeld.nl', consent: true, ...body });

    expect(phone.state!.contacts).toBeUndefined();
    expect((await leave({})).status).toBe(403);

    // A phone cannot ask for the room.
    expect(await phone.send('session.contacts', { open: true })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await fac.send('session.contacts', { open: true, consent: 'Ja, nodig me uit; bewaar mijn adres alleen daarvoor.' })).toMatchObject({ ok: true });
    await phone.until((v) => v.state!.contacts?.open === true, 5000, 'asked');
    expect(phone.state!.contacts!.consent).toBe('Ja, nodig me uit; bewaar mijn adres alleen daarvoor.');

    expect((await leave({ email: 'geen-adres' })).status).toBe(400);
    expect((await leave({ email: 'a@b' })).status).toBe(400);
    expect((await leave({ consent: false })).status).toBe(400);
    expect((await leave({ name: 'x'.repeat(121) })).status).toBe(400);
    expect((await leave({ token: 'wrong' })).status).toBe(401);
    expect((await leave({ extra: 1 })).status).toBe(400);
    expect((await leave({ name: '=Anne', email: ' Anne@Voorbeeld.NL ' })).status).toBe(204);
    expect((await leave({ name: 'Anne de Vries', email: 'anne@voorbeeld.nl' })).status).toBe(204);

    const csv = await fetch(`${oogst.url}/api/arenas/${s.arena.id}/contacts.csv`, { headers: { authorization: `Bearer ${s.arena.key}` } });
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="contacten-/);
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Naam;E-mail;Bijeenkomst;Datum;Toestemming');
    expect(lines[1]).toMatch(/^Anne de Vries;anne@voorbeeld\.nl;Klaag- en jubelmuur;\d{4}-.*;"Ja, nodig me uit; bewaar mijn adres alleen daarvoor\."$/);
    expect((await fetch(`${oogst.url}/api/arenas/${s.arena.id}/contacts.csv`)).status).toBe(401);

    // Not in any harvest.
    for (const format of ['md', 'json', 'csv', 'html']) {
      const harvest = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.${format}`, undefined, s.arena.key);
      expect(JSON.stringify(harvest.body)).not.toContain('voorbeeld.nl');
    }

    expect(await fac.send('session.contacts', { open: false })).toMatchObject({ ok: true });
    await phone.until((v) => v.state!.contacts?.open === false, 5000, 'no longer asked');
    expect((await leave({})).status).toBe(403);
    fac.close();
    phone.close();
  });
});
