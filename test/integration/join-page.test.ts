/**
 * What a phone gets when it opens the join link: a page that links to the app and to
 * the current step's kind (so the phone fetches them at once, not import by import),
 * and a join answer that carries the first snapshot (so it can draw before its socket
 * is up). Needs the built client (`npm test` builds it first).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNKS, readChunks } from '../../server/routes/preloads.js';
import { api, facilitator, participant, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';

const clientDir = join(import.meta.dirname, '../../dist/client');
const chunks = readChunks(clientDir)!;
/** A kind's own files (model and view, stylesheet), beyond the app's. */
const own = (kind: string) => chunks.kinds[kind]!.filter((file) => !chunks.app.includes(file)).map((file) => `/${file}`);
const scripts = (files: string[]) => files.filter((file) => file.endsWith('.js'));

/** The `href`s of the page's links of one kind, e.g. `modulepreload`. */
function links(html: string, rel: string): string[] {
  return [...html.matchAll(new RegExp(`<link rel="${rel}"[^>]*href="([^"]+)"`, 'g'))].map((m) => m[1]!);
}

/** The addresses in a `Link` header with this `rel`. */
function headerLinks(header: string | null, rel: string): string[] {
  return [...(header ?? '').matchAll(/<([^>]+)>; rel=([\w]+)/g)].filter((m) => m[2] === rel).map((m) => m[1]!);
}

describe('the join page and the join answer', () => {
  let oogst: Running;
  let s: StartedSession;
  beforeAll(async () => {
    oogst = await startOogst();
    s = await startSession(oogst.url); // klaag-en-jubelmuur: slide, open, wall, open, questions, open
  });
  afterAll(() => oogst?.stop());

  const page = async () => {
    const response = await fetch(`${oogst.url}/j/${s.session.code}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    // Small, but on the critical path of a slow phone: compressed like the static files.
    expect(response.headers.get('content-encoding')).toBe('gzip');
    return { html: await response.text(), link: response.headers.get('link') };
  };

  it('links the app and the current step kind only, in the page and as a header, and each link is served', async () => {
    const first = await page();
    const preloaded = links(first.html, 'modulepreload');
    const app = chunks.app.map((file) => `/${file}`);
    expect(preloaded).toEqual(expect.arrayContaining(scripts(app.filter((file) => !file.includes('participant-')))));
    // The session opens on its first step, a slide: its own file, and no other kind's.
    expect(preloaded).toEqual(expect.arrayContaining(scripts(own('slide'))));
    for (const kind of ['wall', 'open', 'questions']) for (const file of own(kind)) expect(preloaded).not.toContain(file);
    // Each kind's model and view are one file, so the step costs the phone one script and its stylesheet.
    expect(scripts(own('wall'))).toHaveLength(1);

    const boss = await facilitator(oogst.url, s);
    expect((await boss.send('session.goto', { stepId: 'muur' })).ok).toBe(true);
    boss.close();
    const onWall = await page();
    const now = links(onWall.html, 'modulepreload');
    expect(now).toEqual(expect.arrayContaining(scripts(own('wall'))));
    for (const file of own('slide')) expect(now).not.toContain(file);
    const styles = links(onWall.html, 'preload');
    for (const css of own('wall').filter((file) => file.endsWith('.css'))) expect(styles).toContain(css);
    // The header names the same files, the entry first, so the browser starts them before it parses the page.
    const entry = `/${chunks.entry[0]}`;
    expect(headerLinks(onWall.link, 'modulepreload')).toEqual([entry, ...now]);
    expect(headerLinks(onWall.link, 'preload')).toEqual(styles);
    // The entry itself is in the page once, as its script, with no stylesheet ahead of it; no inline script is added.
    expect(now).not.toContain(entry);
    expect(onWall.html).toContain(`<script type="module" crossorigin src="${entry}">`);
    expect(onWall.html).not.toMatch(/<link rel="stylesheet"/);
    expect(onWall.html).not.toMatch(/<script>(?!<\/script>)/);
    expect(onWall.html.match(/<script /g)).toHaveLength(1);

    for (const href of [...now, ...styles]) {
      const asset = await fetch(oogst.url + href);
      expect(asset.status, href).toBe(200);
      // A script or stylesheet keeps nosniff and its resource policy; the document-only headers stay on the page.
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
      expect(asset.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(asset.headers.get('content-security-policy'), href).toBeNull();
      expect(asset.headers.get('x-frame-options'), href).toBeNull();
    }
    expect((await fetch(`${oogst.url}/${CHUNKS}`)).status).toBe(404);
    const icon = await fetch(`${oogst.url}/favicon.svg`);
    expect(icon.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('serves the page without a code as built, with nothing session-specific', async () => {
    const html = await (await fetch(`${oogst.url}/j`)).text();
    expect(html).toBe(readFileSync(join(clientDir, 'participant.html'), 'utf8'));
  });

  it('answers a join with the snapshot the socket would send this participant', async () => {
    const raw = await fetch(`${oogst.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ code: s.session.code }),
    });
    expect(raw.headers.get('content-encoding')).toBe('gzip');
    expect((await raw.json()).snapshot.you.role).toBe('participant');
    const joined = await api(oogst.url, 'POST', '/api/join', { code: s.session.code });
    expect(joined.status).toBe(200);
    const snapshot = joined.body.snapshot;
    expect(snapshot.you).toEqual({ role: 'participant', participantId: joined.body.participantId, pseudonym: joined.body.pseudonym });
    expect(snapshot.join.code).toBe(s.session.code);
    const phone = await participant(oogst.url, s, joined.body.token);
    expect(phone.snapshot!.seq).toBe(snapshot.seq);
    expect(snapshot.state).toEqual(phone.snapshot!.state);
    // Joining again with the token: the same participant, with a fresh snapshot.
    const again = await api(oogst.url, 'POST', '/api/join', { code: s.session.code, token: joined.body.token });
    expect(again.body.snapshot.you.participantId).toBe(joined.body.participantId);
    expect(again.body.snapshot.seq).toBeGreaterThanOrEqual(snapshot.seq);
    phone.close();
  });
});
