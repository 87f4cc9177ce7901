/**
 * A step's files over HTTP, as a hostile phone would try them: only JPEG, PNG and
 * WebP by their content, bounded in bytes, pixels and number, for the session's own
 * people, served so that no browser runs them, in the log, the harvest and the
 * export, and gone with the session.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoData } from '../../kinds/photo/model.js';
import { jpegHeader, pngHeader, webpHeader } from '../helpers/images.js';
import { api, facilitator, participant, screen, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';

const SCRIPT = `id: fotos
title: Foto's
language: nl
steps:
  - { id: welkom, kind: slide, title: Welkom, body: Fijn dat je er bent. }
  - { id: foto, kind: photo, title: Verbeelden, maxPhotos: 2 }
  - { id: muur, kind: wall, title: Muur, columns: [{ id: jubel, title: Jubelmuur }] }
`;

const photosOf = (v: { state?: { stepStates: Record<string, { data: unknown } | undefined> } }) => (v.state!.stepStates.foto!.data as PhotoData).photos;

describe('files of a step', () => {
  let oogst: Running;
  let s: StartedSession;
  let dir: string;
  const url = (step = 'foto', session = () => s.session.id) => `${oogst.url}/api/sessions/${session()}/steps/${step}/files`;
  const send = (secret: string | undefined, body: Uint8Array | string, headers: Record<string, string> = {}, step = 'foto') =>
    fetch(url(step), {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...headers },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const get = (secret: string | undefined, file: string) => fetch(`${url()}/${file}`, { headers: secret ? { authorization: `Bearer ${secret}` } : {} });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(dir, 'fotos.yaml'), SCRIPT);
    oogst = await startOogst({ scriptsDir: dir });
    s = await startSession(oogst.url, 'fotos');
  });
  afterAll(async () => {
    await oogst?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a photo by its content, holds it for approval, serves it only to who may see it, and never as something a browser runs', async () => {
    const fac = await facilitator(oogst.url, s);
    const scr = await screen(oogst.url, s);
    const phone = await participant(oogst.url, s);
    const other = await participant(oogst.url, s);
    const jpeg = jpegHeader(1600, 1200);

    // Not while the room is on another step, and never to a step that takes no files.
    expect((await send(phone.identity.token, jpeg)).status).toBe(409);
    expect(await fac.send('session.goto', { stepId: 'foto' })).toMatchObject({ ok: true });
    await phone.until((v) => v.state!.current === 1, 5000, 'on the photo step');
    expect((await send(s.arena.key, jpeg, {}, 'muur')).status).toBe(404);

    const sent = await send(phone.identity.token, jpeg, { 'x-oogst-caption': encodeURIComponent('Onze flap: “samen” 🌱') });
    expect(sent.status).toBe(201);
    const { file } = (await sent.json()) as { file: string };
    await phone.until((v) => photosOf(v).length === 1, 5000, 'own photo');
    expect(photosOf(phone)[0]).toMatchObject({ id: file, file, width: 1600, height: 1200, caption: 'Onze flap: “samen” 🌱', status: 'waiting' });
    expect(photosOf(scr)).toEqual([]);

    // The command that takes a file comes only with its file: never from a socket.
    expect(await phone.send('photo.add', { file: 'verzonnen', width: 10, height: 10 }, 'foto')).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await fac.send('photo.add', { file: 'verzonnen', width: 10, height: 10 }, 'foto')).toMatchObject({ ok: false, error: 'forbidden' });

    expect(await fac.send('photo.judge', { photoId: file, shown: true }, 'foto')).toMatchObject({ ok: true });
    await scr.until((v) => photosOf(v).length === 1, 5000, 'approved on the screen');

    for (const secret of [phone.identity.token, s.arena.key, s.screenKey]) {
      const served = await get(secret, file);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/jpeg');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
      expect(served.headers.get('cache-control')).toMatch(/^private/);
      expect(Buffer.from(await served.arrayBuffer()).equals(jpeg)).toBe(true);
    }
    // Another phone, no key, a key of nothing, another session's participant.
    expect((await get(other.identity.token, file)).status).toBe(404);
    expect((await get(undefined, file)).status).toBe(401);
    expect((await get('verzonnen', file)).status).toBe(401);
    const elsewhere = await startSession(oogst.url, 'fotos');
    const stranger = await participant(oogst.url, elsewhere);
    expect((await get(stranger.identity.token, file)).status).toBe(401);
    expect((await send(stranger.identity.token, jpeg)).status).toBe(401);
    expect((await fetch(`${oogst.url}/api/sessions/${s.session.id}/steps/muur/files/${file}`, { headers: { authorization: `Bearer ${s.arena.key}` } })).status).toBe(404);

    // Refused by content: an SVG, an HTML page, a GIF, nothing; a page behind a PNG header is a PNG and served as one.
    // A third phone tries them all: ten uploads at once is what one sender gets before it must wait.
    const hostile = await participant(oogst.url, s);
    const refused = async (body: Uint8Array | string, headers?: Record<string, string>, from = hostile) => {
      const r = await send(from.identity.token, body, headers);
      return [r.status, ((await r.json()) as { error: string }).error];
    };
    expect(await refused('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', { 'content-type': 'image/svg+xml' })).toEqual([415, 'file-type']);
    expect(await refused('<!doctype html><script>alert(document.cookie)</script>')).toEqual([415, 'file-type']);
    expect(await refused(Buffer.from('GIF89a\x01\x00\x01\x00'), { 'content-type': 'image/gif' })).toEqual([415, 'file-type']);
    expect(await refused(Buffer.alloc(0))).toEqual([400, 'file-missing']);
    expect(await refused(pngHeader(20000, 20000))).toEqual([413, 'file-pixels']);
    expect((await send(hostile.identity.token, Buffer.alloc(20 * 1024 * 1024, 0xff))).status).toBe(413);
    expect(await refused(jpeg, { 'x-oogst-caption': encodeURIComponent('x'.repeat(201)) })).toEqual([400, 'too-large']);
    expect(await refused(jpeg, { 'x-oogst-caption': '%E0%A4%A' })).toEqual([400, 'invalid']);
    expect(await refused(Buffer.from('%PDF-1.7\n'), { 'content-type': 'application/pdf' })).toEqual([415, 'file-type']);
    expect(await refused(pngHeader(0, 10))).toEqual([415, 'file-type']);

    const disguised = await send(other.identity.token, pngHeader(10, 10, [...Buffer.from('<html><script>alert(1)</script></html>')]), { 'content-type': 'text/html' });
    expect(disguised.status).toBe(201);
    const served = await get(other.identity.token, ((await disguised.json()) as { file: string }).file);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");

    // Two per participant in this step; the third is refused before it is stored.
    expect((await send(other.identity.token, webpHeader(800, 600))).status).toBe(201);
    expect(await refused(jpeg, {}, other)).toEqual([409, 'limit-reached']);
    // Past ten at once, one sender waits, whatever they send.
    expect(await refused(jpeg)).toEqual([429, 'rate-limited']);
    expect(await oogst.store.countFiles(s.session.id, 'foto')).toBe(3);
    // The facilitator adds from the console: straight on the screen.
    expect((await send(s.arena.key, jpegHeader(1200, 900), { 'x-oogst-caption': 'Flap%20van%20groep%202' })).status).toBe(201);
    await scr.until((v) => photosOf(v).length === 2, 5000, "the facilitator's photo on the screen");
    // What the facilitator adds is for the room: every phone may fetch it.
    const facilitators = photosOf(scr).find((p) => p.caption === 'Flap van groep 2')!;
    expect((await get(other.identity.token, facilitators.file)).status).toBe(200);
    for (const v of [fac, scr, phone, other, hostile, stranger]) v.close();
  });

  it('puts the shown photos in the harvest, the files in the export, refuses a forged file on import, and deletes them with the session', async () => {
    const docx = await fetch(`${oogst.url}/api/sessions/${s.session.id}/harvest.docx`, { headers: { authorization: `Bearer ${s.arena.key}` } });
    const zip = Buffer.from(await docx.arrayBuffer());
    expect(zip.includes(Buffer.from('word/media/'))).toBe(true);
    const html = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.html`, undefined, s.arena.key);
    expect(html.body.match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(2);
    expect(html.body).toContain('Onze flap: “samen” 🌱');
    expect(html.body).not.toContain('<script>');
    const md = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key);
    expect(md.body).toContain('- Flap van groep 2 _(foto in de Word- en printversie van de oogst)_');
    const csv = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.csv`, undefined, s.arena.key);
    expect(csv.body).toContain('Onze flap');

    // The arena's harvest shows its sessions' photos too.
    const arenaHtml = await api<string>(oogst.url, 'GET', `/api/arenas/${s.arena.id}/harvest.html`, undefined, s.arena.key);
    expect(arenaHtml.body.match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(2);

    const exported = (await api(oogst.url, 'GET', `/api/arenas/${s.arena.id}/export.json`, undefined, s.arena.key)).body;
    const files = exported.sessions[0].files as { id: string; type: string; data: string }[];
    expect(files.map((f) => f.type)).toEqual(['image/jpeg', 'image/png', 'image/webp', 'image/jpeg']);
    expect(Buffer.from(files[0]!.data, 'base64').equals(jpegHeader(1600, 1200))).toBe(true);

    const target = await startOogst({ scriptsDir: dir });
    try {
      const forged = structuredClone(exported);
      forged.sessions[0].files[0].data = Buffer.from('<svg onload="alert(1)"/>').toString('base64');
      const refused = await api(target.url, 'POST', '/api/arenas/import', forged);
      expect([refused.status, refused.body.error]).toEqual([400, 'import-file']);
      const imported = await api(target.url, 'POST', '/api/arenas/import', exported);
      expect(imported.status).toBe(201);
      expect((await target.store.listFiles(s.session.id)).map((f) => f.id)).toEqual(files.map((f) => f.id));
    } finally {
      await target.stop();
    }

    expect((await api(oogst.url, 'DELETE', `/api/sessions/${s.session.id}`, undefined, s.arena.key)).status).toBeLessThan(300);
    expect(await oogst.store.listFiles(s.session.id)).toEqual([]);
  });
});

describe('uploads per address', () => {
  it('answers 429 with Retry-After past the burst', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(dir, 'fotos.yaml'), SCRIPT);
    const oogst = await startOogst({ scriptsDir: dir, env: { OOGST_UPLOAD_BURST: '2', OOGST_UPLOADS_PER_SECOND: '0.01' } });
    try {
      const s = await startSession(oogst.url, 'fotos');
      const post = () =>
        fetch(`${oogst.url}/api/sessions/${s.session.id}/steps/foto/files`, { method: 'POST', headers: { authorization: `Bearer ${s.arena.key}`, 'content-type': 'image/jpeg' }, body: new Uint8Array(jpegHeader(10, 10)) });
      expect((await post()).status).toBe(201);
      expect((await post()).status).toBe(201);
      const third = await post();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await oogst.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a slide's image", () => {
  it('is put on the slide by the facilitator only, reaches the screen and every phone, and is taken off again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(dir, 'fotos.yaml'), SCRIPT);
    const oogst = await startOogst({ scriptsDir: dir });
    try {
      const s = await startSession(oogst.url, 'fotos');
      const scr = await screen(oogst.url, s);
      const phone = await participant(oogst.url, s);
      const post = (secret: string) =>
        fetch(`${oogst.url}/api/sessions/${s.session.id}/steps/welkom/files`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'x-oogst-caption': encodeURIComponent('De buurttafel in Leiden') },
          body: new Uint8Array(jpegHeader(1600, 900)),
        });
      expect((await post(phone.identity.token)).status).toBe(403);
      const sent = await post(s.arena.key);
      expect(sent.status).toBe(201);
      const { file } = (await sent.json()) as { file: string };
      const image = { file, width: 1600, height: 900, caption: 'De buurttafel in Leiden' };
      for (const v of [scr, phone]) await v.until((x) => JSON.stringify(x.state!.stepStates.welkom!.data) === JSON.stringify({ image }), 5000, 'the image');
      const served = await fetch(`${oogst.url}/api/sessions/${s.session.id}/steps/welkom/files/${file}`, { headers: { authorization: `Bearer ${phone.identity.token}` } });
      expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
      expect(await phone.send('slide.image', image, 'welkom')).toMatchObject({ ok: false, error: 'forbidden' });
      const fac = await facilitator(oogst.url, s);
      expect(await fac.send('slide.clear-image', {}, 'welkom')).toMatchObject({ ok: true });
      await phone.until((x) => JSON.stringify(x.state!.stepStates.welkom!.data) === '{}', 5000, 'no image');
      for (const v of [scr, phone, fac]) v.close();
    } finally {
      await oogst.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
