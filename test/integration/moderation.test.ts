/**
 * "Approve before showing" and the console's participant list with real
 * socket.io clients against the real server: a held note never reaches the
 * screen, approval brings it there, rejection keeps it off the screen and out
 * of the harvest. It holds a photo too, in the photo step's own queue, even on a
 * step that puts photos straight on the screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { PhotoData } from '../../kinds/photo/model.js';
import type { WallData } from '../../kinds/wall/model.js';
import { jpegHeader } from '../helpers/images.js';
import { scriptedArena } from '../helpers/scripted-arena.js';
import { api, facilitator, participant, screen, startOogst, startSession, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';

const wallOf = (v: ViewClient) => v.state!.stepStates.muur!.data as WallData;
const texts = (v: ViewClient) => wallOf(v).notes.map((n) => n.text);
const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

describe('moderation with real clients', () => {
  let oogst: Running;
  let s: StartedSession;
  let fac: ViewClient;
  let scr: ViewClient;
  let ann: Awaited<ReturnType<typeof participant>>;
  let bob: Awaited<ReturnType<typeof participant>>;

  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000' } });
    s = await startSession(oogst.url);
    fac = await facilitator(oogst.url, s);
    scr = await screen(oogst.url, s);
    ann = await participant(oogst.url, s);
    bob = await participant(oogst.url, s);
    await fac.send('session.goto', { stepId: 'muur' });
    await Promise.all([ann, bob].map((p) => p.until((v) => v.state!.steps[v.state!.current]!.id === 'muur', 5000, 'wall step')));
  });
  afterAll(async () => {
    for (const v of [fac, scr, ann, bob]) v?.close();
    await oogst?.stop();
  });

  it('lists who joined by pseudonym, and who is connected now, to the facilitator only', async () => {
    await fac.until((v) => v.present.length === 2, 5000, 'two connected');
    const names = Object.fromEntries(Object.entries(fac.state!.participants).map(([id, p]) => [id, p.pseudonym]));
    expect(names).toEqual({ [ann.identity.participantId]: ann.identity.pseudonym, [bob.identity.participantId]: bob.identity.pseudonym });
    expect(fac.present.sort()).toEqual([ann.identity.participantId, bob.identity.participantId].sort());
    expect(scr.present).toEqual([]);
    bob.close();
    await fac.until((v) => v.present.length === 1, 5000, 'bob gone');
    expect(fac.present).toEqual([ann.identity.participantId]);
    // He is still on the list of who joined.
    expect(Object.keys(fac.state!.participants)).toHaveLength(2);
    bob = await participant(oogst.url, s, bob.identity.token);
  });

  it('keeps a note from a phone off the screen while moderation is on, and shows it once approved', async () => {
    expect(result(await fac.send('moderation.set', { on: true }))).toBe('accepted');
    await ann.until((v) => v.state!.moderation.on, 5000, 'phone hears moderation is on');
    expect(result(await ann.send('wall.post', { column: 'klaagmuur', text: 'Wachtlijsten bij de jeugdzorg' }, 'muur'))).toBe('accepted');
    // A later event the screen does get: everything before it has arrived too.
    expect(result(await fac.send('wall.post', { column: 'jubelmuur', text: 'Van de begeleider' }, 'muur'))).toBe('accepted');
    await scr.until((v) => texts(v).includes('Van de begeleider'), 5000, 'facilitator note on the screen');
    expect(texts(scr)).toEqual(['Van de begeleider']);
    expect(JSON.stringify(scr.events) + JSON.stringify(scr.state)).not.toContain('Wachtlijsten');
    // The author sees it waiting; the other phone does not see it at all.
    await ann.until((v) => v.state!.moderation.held.length === 1, 5000, 'author holds it');
    expect(texts(ann)).toEqual([]);
    await fac.until((v) => v.state!.moderation.held.length === 1, 5000, 'queue on the console');
    expect(JSON.stringify(bob.events) + JSON.stringify(bob.state)).not.toContain('Wachtlijsten');

    const [held] = fac.state!.moderation.held;
    expect(result(await fac.send('moderation.approve', { ids: [held!.id] }))).toBe('accepted');
    await scr.until((v) => texts(v).includes('Wachtlijsten bij de jeugdzorg'), 5000, 'approved note on the screen');
    expect(wallOf(scr).notes.every((n) => n.author === undefined)).toBe(true);
    await ann.until((v) => texts(v).includes('Wachtlijsten bij de jeugdzorg') && !v.state!.moderation.held.length, 5000, 'author sees it placed');
    await fac.until((v) => !v.state!.moderation.held.length && texts(v).includes('Wachtlijsten bij de jeugdzorg'), 5000, 'console applied it');
  });

  it('drops a rejected note: not on the screen, gone from its author\'s phone, not in the harvest', async () => {
    expect(result(await bob.send('wall.post', { column: 'klaagmuur', text: 'Iets wat niet op de muur hoort' }, 'muur'))).toBe('accepted');
    expect(result(await ann.send('wall.post', { column: 'jubelmuur', text: 'Nog niet beoordeeld' }, 'muur'))).toBe('accepted');
    await fac.until((v) => v.state!.moderation.held.length === 2, 5000, 'two held');
    await bob.until((v) => v.state!.moderation.held.length === 1, 5000, 'bob holds his');
    const bobs = fac.state!.moderation.held.find((e) => e.actor.id === bob.identity.participantId)!;
    expect(result(await fac.send('moderation.reject', { ids: [bobs.id] }))).toBe('accepted');
    await bob.until((v) => !v.state!.moderation.held.length, 5000, 'gone from bob');
    expect(texts(bob)).toEqual([]);
    expect(result(await fac.send('timer.start', { seconds: 60 }, 'muur'))).toBe('accepted');
    await scr.until((v) => v.state!.timer !== null, 5000, 'timer on the screen');
    expect(JSON.stringify(scr.events) + JSON.stringify(scr.state)).not.toMatch(/niet op de muur|Nog niet beoordeeld/);
    // A second decision on the same note is refused, not applied twice.
    expect(result(await fac.send('moderation.approve', { ids: [bobs.id] }))).toBe('not-found');

    const md = (await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key)).body;
    expect(md).toContain('Wachtlijsten bij de jeugdzorg');
    expect(md).not.toContain('niet op de muur');
    expect(md).not.toContain('Nog niet beoordeeld');
  });

  it('lets contributions through at once when it is turned off again; what waits keeps waiting', async () => {
    expect(result(await fac.send('moderation.set', { on: false }))).toBe('accepted');
    await bob.until((v) => !v.state!.moderation.on, 5000, 'phone hears it is off');
    expect(result(await bob.send('wall.post', { column: 'jubelmuur', text: 'Meteen zichtbaar' }, 'muur'))).toBe('accepted');
    await scr.until((v) => texts(v).includes('Meteen zichtbaar'), 5000, 'straight to the screen');
    expect(fac.state!.moderation.held.map((e) => (e.payload as { text: string }).text)).toEqual(['Nog niet beoordeeld']);
  });

  it('refuses moderation commands from a phone and from the screen', async () => {
    expect(result(await ann.send('moderation.set', { on: true }))).toBe('forbidden');
    expect(result(await scr.send('moderation.approve', { ids: [fac.state!.moderation.held[0]!.id] }))).toBe('forbidden');
  });

  it('never sends presenter notes to the screen or a phone', () => {
    expect(fac.state!.steps.find((step) => step.id === 'muur')!.notes).toContain('Laat eerst iedereen schrijven');
    for (const v of [scr, ann]) expect(v.state!.steps.some((step) => step.notes !== undefined)).toBe(false);
  });
});

describe('moderation holds photos', () => {
  // Photos straight on the screen, as a step may say: the session's switch still holds them.
  const arenaRun = scriptedArena({ flappen: 'id: flappen\ntitle: Flappen\nlanguage: nl\nsteps:\n  - { id: flap, kind: photo, title: Flappen, approval: false }\n' });
  const photosOf = (v: ViewClient) => (v.state!.stepStates.flap!.data as PhotoData).photos;

  it("keeps a phone's photo off the screen while moderation is on, waiting in the photo step, until approved; off again, the next goes straight up", async () => {
    const s = await arenaRun.newSession('flappen', 'Flappen');
    const upload = async (token: string, caption: string) => {
      const sent = await fetch(`${arenaRun.url}/api/sessions/${s.session.id}/steps/flap/files`, {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${token}`, 'x-oogst-caption': encodeURIComponent(caption) },
        body: new Uint8Array(jpegHeader(1600, 1200)),
      });
      expect(sent.status).toBe(201);
      return ((await sent.json()) as { file: string }).file;
    };
    const fac = arenaRun.track(await facilitator(arenaRun.url, s));
    const scr = arenaRun.track(await screen(arenaRun.url, s));
    const phone = arenaRun.track(await participant(arenaRun.url, s));
    expect(result(await fac.send('moderation.set', { on: true }))).toBe('accepted');
    await phone.until((v) => v.state!.moderation.on, 5000, 'moderation on at the phone');
    const held = await upload(phone.identity.token, 'Onze flap');
    await fac.until((v) => photosOf(v).length === 1, 5000, 'photo at the console');
    expect(photosOf(fac)[0]).toMatchObject({ id: held, status: 'waiting' });
    await phone.until((v) => photosOf(v).length === 1, 5000, 'own photo');
    expect(photosOf(phone)[0]).toMatchObject({ id: held, status: 'waiting' });
    expect(photosOf(scr)).toEqual([]);
    // Its own queue: the photo's console shows the picture; the core's list of texts stays empty.
    expect(fac.state!.moderation.held).toEqual([]);

    expect(result(await fac.send('photo.judge', { photoId: held, shown: true }, 'flap'))).toBe('accepted');
    await scr.until((v) => photosOf(v).length === 1, 5000, 'approved on the screen');
    expect(photosOf(scr)[0]).toMatchObject({ id: held, caption: 'Onze flap' });

    expect(result(await fac.send('moderation.set', { on: false }))).toBe('accepted');
    await phone.until((v) => !v.state!.moderation.on, 5000, 'moderation off at the phone');
    const straight = await upload(phone.identity.token, 'Tweede flap');
    await scr.until((v) => photosOf(v).length === 2, 5000, 'straight on the screen');
    expect(photosOf(scr).map((p) => p.id)).toEqual([held, straight]);
    await phone.until((v) => photosOf(v).length === 2, 5000, 'second own photo');
    expect(photosOf(phone).map((p) => p.status)).toEqual(['shown', 'shown']);
  });
});
