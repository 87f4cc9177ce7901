/**
 * Nobody in where they don't belong: every protected HTTP route, the socket
 * handshake and every command, against every role. Only the allowed
 * combinations succeed; the rest get a clear error and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Handshake, type Role } from '../../core/protocol.js';
import { kinds } from '../../kinds/registry.js';
import { coreCommands } from '../../server/sessions/core-commands.js';
import { api, facilitator, participant, screen, startOogst, startSession, ViewClient, type Running, type StartedSession } from '../helpers/oogst.js';

describe('authorisation', () => {
  let oogst: Running;
  let here: StartedSession;
  let elsewhere: StartedSession;
  let credentials: Record<string, string | undefined>;

  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '10000' } });
    here = await startSession(oogst.url);
    elsewhere = await startSession(oogst.url);
    const phoneHere = await api(oogst.url, 'POST', '/api/join', { code: here.session.code });
    const phoneThere = await api(oogst.url, 'POST', '/api/join', { code: elsewhere.session.code });
    const feedKey = await api(oogst.url, 'POST', `/api/sessions/${here.session.id}/feed-keys`, { label: 'Overlay' }, here.arena.key);
    credentials = {
      nobody: undefined,
      'participant of this session': phoneHere.body.token,
      'participant of another session': phoneThere.body.token,
      screen: here.screenKey,
      // A live-feed key reads the feed (test/integration/feed.test.ts) and opens nothing else.
      'feed key of this session': feedKey.body.key,
      'facilitator of another arena': elsewhere.arena.key,
      'facilitator of this arena': here.arena.key,
    };
  });
  afterAll(() => oogst?.stop());

  it('lets only this arena\'s facilitator use its protected routes', async () => {
    const revocable = await api(oogst.url, 'POST', `/api/sessions/${here.session.id}/feed-keys`, {}, here.arena.key);
    const logbookLink = await api(oogst.url, 'POST', `/api/arenas/${here.arena.id}/logbook-links`, {}, here.arena.key);
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/arenas/${here.arena.id}`],
      ['POST', `/api/arenas/${here.arena.id}/sessions`, { script: 'klaag-en-jubelmuur' }],
      ['GET', `/api/sessions/${here.session.id}`],
      ['GET', `/api/sessions/${here.session.id}/harvest.md`],
      ['GET', `/api/sessions/${here.session.id}/harvest.json`],
      ['GET', `/api/arenas/${here.arena.id}/scripts`],
      ['GET', `/api/arenas/${here.arena.id}/scripts/klaag-en-jubelmuur.yaml`],
      ['PUT', `/api/arenas/${here.arena.id}/scripts/eigen`, { yaml: 'id: eigen\ntitle: Eigen\nsteps:\n  - id: a\n    kind: slide\n    title: A\n' }],
      ['DELETE', `/api/arenas/${here.arena.id}/scripts/eigen`],
      ['GET', `/api/arenas/${here.arena.id}/smallwins`],
      ['GET', `/api/arenas/${here.arena.id}/checklist`],
      ['PUT', `/api/arenas/${here.arena.id}/checklist`, { text: '- We betrekken de doelgroep' }],
      ['DELETE', `/api/arenas/${here.arena.id}/checklist`],
      ['GET', `/api/sessions/${here.session.id}/feed-keys`],
      ['POST', `/api/sessions/${here.session.id}/feed-keys`, { label: 'Archief' }],
      ['DELETE', `/api/sessions/${here.session.id}/feed-keys/${revocable.body.id}`],
      ['GET', `/api/sessions/${here.session.id}/harvest.csv`],
      ['GET', `/api/sessions/${here.session.id}/harvest.docx`],
      ['GET', `/api/sessions/${here.session.id}/harvest.html`],
      ['GET', `/api/arenas/${here.arena.id}/harvest.md`],
      ['GET', `/api/arenas/${here.arena.id}/monitoring`],
      ['GET', `/api/sessions/${here.session.id}/ambition-candidates`],
      ['GET', `/api/arenas/${here.arena.id}/export.json`],
      ['GET', `/api/arenas/${here.arena.id}/contacts.csv`],
      ['PATCH', `/api/arenas/${here.arena.id}`, { ambition: 'Samen eerder erbij' }],
      ['PATCH', `/api/sessions/${here.session.id}`, { plannedAt: '2027-01-12' }],
      ['PUT', `/api/arenas/${here.arena.id}/monitoring/tags`, { sessionId: here.session.id, stepId: 'muur', answerId: 'x', themes: ['Rust'] }],
      ['POST', `/api/arenas/${here.arena.id}/monitoring/themes`, { from: 'Rust' }],
      ['GET', `/api/arenas/${here.arena.id}/logbook-links`],
      ['POST', `/api/arenas/${here.arena.id}/logbook-links`, { requiresApproval: true }],
      ['DELETE', `/api/arenas/${here.arena.id}/logbook-links/${logbookLink.body.id}`],
      ['GET', `/api/arenas/${here.arena.id}/logbook`],
      ['PATCH', `/api/arenas/${here.arena.id}/logbook/onbekend`, { shared: true }],
    ];
    const sessionsBefore = (await api(oogst.url, 'GET', `/api/arenas/${here.arena.id}`, undefined, here.arena.key)).body.sessions.length;
    const outcome: Record<string, number[]> = {};
    for (const [who, key] of Object.entries(credentials)) {
      outcome[who] = [];
      for (const [method, path, body] of routes) {
        const r = await api(oogst.url, method, path, body, key);
        outcome[who]!.push(r.status);
        if (r.status === 401) expect(r.body).toMatchObject({ error: 'unauthorized', message: expect.any(String) });
      }
    }
    const refused = Array(routes.length).fill(401);
    expect(outcome).toEqual({
      nobody: refused,
      'participant of this session': refused,
      'participant of another session': refused,
      screen: refused,
      'feed key of this session': refused,
      'facilitator of another arena': refused,
      // Monitoring's two reach their check: this session has no monitoring answer to tag, the arena no theme to rename; the logbook has no such entry.
      'facilitator of this arena': [200, 201, 200, 200, 200, 200, 200, 200, 204, 200, 200, 200, 204, 200, 201, 204, ...Array(10).fill(200), 404, 404, 200, 201, 204, 200, 404],
      // The facilitator's own PUT saved the script that its DELETE then removed.
    });
    const sessionsAfter = (await api(oogst.url, 'GET', `/api/arenas/${here.arena.id}`, undefined, here.arena.key)).body.sessions.length;
    expect(sessionsAfter).toBe(sessionsBefore + 1); // only the facilitator's own POST made one
  });

  it('connects each role only with its own credential', async () => {
    const attempt = async (auth: Handshake) => {
      const view = new ViewClient(oogst.url, auth);
      try {
        await view.connected();
        return 'connected';
      } catch (error) {
        return (error as { code?: string }).code ?? 'error';
      } finally {
        view.close();
      }
    };
    const sessionId = here.session.id;
    const roles: Role[] = ['facilitator', 'screen', 'participant'];
    const outcome: Record<string, string[]> = {};
    for (const [who, secret] of Object.entries(credentials)) {
      outcome[who] = [];
      for (const role of roles) {
        const auth = (role === 'participant'
          ? { protocol: PROTOCOL_VERSION, role, sessionId, ...(secret ? { token: secret } : {}) }
          : { protocol: PROTOCOL_VERSION, role, sessionId, ...(secret ? { key: secret } : {}) }) as Handshake;
        outcome[who]!.push(await attempt(auth));
      }
    }
    expect(outcome).toEqual({
      nobody: ['unauthorized', 'unauthorized', 'unauthorized'],
      'participant of this session': ['unauthorized', 'unauthorized', 'connected'],
      'participant of another session': ['unauthorized', 'unauthorized', 'unauthorized'],
      screen: ['unauthorized', 'connected', 'unauthorized'],
      'feed key of this session': ['unauthorized', 'unauthorized', 'unauthorized'],
      'facilitator of another arena': ['unauthorized', 'unauthorized', 'unauthorized'],
      'facilitator of this arena': ['connected', 'unauthorized', 'unauthorized'],
    });
    expect(await attempt({ protocol: PROTOCOL_VERSION + 1, role: 'facilitator', sessionId, key: here.arena.key })).toBe('protocol');
    expect(await attempt({ protocol: PROTOCOL_VERSION, role: 'facilitator', sessionId: 'nope', key: here.arena.key })).toBe('not-found');
  });

  it('refuses every command a role may not send, and stores nothing for it', async () => {
    const views: Record<Role, ViewClient> = {
      facilitator: await facilitator(oogst.url, here),
      screen: await screen(oogst.url, here),
      participant: await participant(oogst.url, here),
    };
    const specs = [...Object.entries(coreCommands), ...kinds.flatMap((k) => Object.entries(k.commands))];
    expect(specs.length).toBeGreaterThanOrEqual(10);
    const stepOf = (type: string) => here && views.facilitator.state!.steps.find((s) => s.kind === type.split('.')[0])?.id;
    for (const [type, spec] of specs) {
      for (const role of ['screen', 'participant'] as const) {
        if (spec.roles.includes(role)) continue;
        const seq = views.facilitator.state!.seq;
        const ack = await views[role].send(type, {}, stepOf(type) ?? 'welkom');
        expect(ack, `${role} sends ${type}`).toMatchObject({ ok: false, error: 'forbidden' });
        expect(views.facilitator.state!.seq).toBe(seq);
      }
    }
    // The screen sends one thing only: the presenter's view on the screen link marks a question answered.
    expect(specs.filter(([, spec]) => spec.roles.includes('screen')).map(([t]) => t)).toEqual(['qna.answer']);
    expect(specs.filter(([, spec]) => spec.roles.includes('participant')).map(([t]) => t).sort()).toEqual(
      expect.arrayContaining(['open.answer', 'wall.post']),
    );
    for (const v of Object.values(views)) v.close();
  });
});
