/** The photo: approval before the screen by default, each role's view, limits, hiding, and the harvest's images and rows. */
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/protocol.js';
import type { SessionState } from '../../core/state.js';
import type { CommandContext } from '../definition.js';
import { check } from '../../server/validation.js';
import { photo } from './index.js';
import { PHOTO_EVENTS, type PhotoData, type PhotoEvent, type PhotoStep } from './model.js';

const step: PhotoStep = { id: 'verbeelden', kind: 'photo', title: 'Verbeelden' };
let seq = 1;
const added = (file: string, author?: string, caption?: string): PhotoEvent => ({
  id: file,
  seq: ++seq,
  type: PHOTO_EVENTS.added,
  stepId: step.id,
  actor: author ? { role: 'participant', id: author } : { role: 'facilitator' },
  payload: { file, width: 1600, height: 1200, ...(caption ? { caption } : {}) },
  at: 1_700_000_000_000 + seq,
});
const ctx = (s: PhotoStep = step) => ({ step: s, revealed: false });
const decideCtx = (data: PhotoData, actor: CommandContext<PhotoData>['actor'], s: PhotoStep = step): CommandContext<PhotoData, PhotoStep> => ({
  state: {} as SessionState,
  step: s,
  data,
  revealed: false,
  actor,
  id: 'c1',
  present: [],
});
const file = { file: 'f9', width: 1600, height: 1200 };

describe('photo', () => {
  it('takes maxPhotos 1–10, a caption prompt and approval, and nothing else', () => {
    expect(check(photo.stepSchema, { maxPhotos: 3, caption: 'Wat laat dit zien?', approval: false }).ok).toBe(true);
    expect(check(photo.stepSchema, { maxPhotos: 0 }).ok).toBe(false);
    expect(check(photo.stepSchema, { maxPhotos: 11 }).ok).toBe(false);
    expect(check(photo.stepSchema, { caption: 'x'.repeat(121) }).ok).toBe(false);
  });

  it('declares its files: 4 MB and 4096×4096 at most, maxPhotos per participant, through photo.add', () => {
    expect(photo.files).toMatchObject({ maxBytes: 4 * 1024 * 1024, maxPixels: 4096 * 4096, roles: ['participant', 'facilitator'], command: 'photo.add' });
    expect(photo.files!.perParticipant(step)).toBe(3);
    expect(photo.files!.perParticipant({ ...step, maxPhotos: 5 })).toBe(5);
  });

  it("holds a participant's photo back from the screen until approved; the facilitator's goes straight up", () => {
    const data = photo.init(step);
    expect(photo.audience(added('f1', 'p1') as never, data, ctx())).toEqual({ screen: false, participants: ['p1'] });
    photo.apply(data, added('f1', 'p1', 'Onze droom') as never, ctx());
    expect(photo.audience(added('f2') as never, data, ctx())).toEqual({ screen: true, participants: 'none' });
    photo.apply(data, added('f2') as never, ctx());
    expect(data.photos.map((p) => [p.id, p.status])).toEqual([['f1', 'waiting'], ['f2', 'shown']]);
    expect(photo.project(data, { role: 'screen' }, ctx()).photos.map((p) => p.id)).toEqual(['f2']);
    expect(photo.project(data, { role: 'participant', participantId: 'p1' }, ctx()).photos.map((p) => p.id)).toEqual(['f1']);
    expect(photo.project(data, { role: 'participant', participantId: 'p2' }, ctx()).photos).toEqual([]);
    expect(photo.project(data, { role: 'facilitator' }, ctx()).photos.every((p) => p.author === undefined)).toBe(true);
  });

  it('puts a photo straight on the screen when the step turns approval off', () => {
    const open = { ...step, approval: false };
    const data = photo.init(open);
    expect(photo.audience(added('f1', 'p1') as never, data, ctx(open)).screen).toBe(true);
    photo.apply(data, added('f1', 'p1') as never, ctx(open));
    expect(data.photos[0]!.status).toBe('shown');
  });

  it("holds a participant's photo while the session approves contributions first, even when the step turns approval off", () => {
    const open = { ...step, approval: false };
    const moderated = { ...ctx(open), moderated: true };
    const data = photo.init(open);
    expect(photo.audience(added('f1', 'p1') as never, data, moderated)).toEqual({ screen: false, participants: ['p1'] });
    photo.apply(data, added('f1', 'p1') as never, moderated);
    // The facilitator's own photo still goes straight up.
    expect(photo.audience(added('f2') as never, data, moderated).screen).toBe(true);
    photo.apply(data, added('f2') as never, moderated);
    expect(data.photos.map((p) => [p.id, p.status])).toEqual([['f1', 'waiting'], ['f2', 'shown']]);
    expect(photo.project(data, { role: 'screen' }, moderated).photos.map((p) => p.id)).toEqual(['f2']);
  });

  it('approves with the photo in the event for the screen that never had it, and hides it off the screen again', () => {
    const data = photo.init(step);
    photo.apply(data, added('f1', 'p1', 'Brug') as never, ctx());
    const approve = photo.commands['photo.judge']!.decide(decideCtx(data, { role: 'facilitator' }), { photoId: 'f1', shown: true });
    expect(approve).toMatchObject({ ok: true, type: PHOTO_EVENTS.judged, payload: { photoId: 'f1', shown: true, photo: { id: 'f1', file: 'f1', caption: 'Brug' } } });
    const screenData = photo.project(data, { role: 'screen' }, ctx());
    const event = { id: 'j1', seq: 9, type: PHOTO_EVENTS.judged, stepId: step.id, actor: { role: 'facilitator' }, payload: (approve as { payload: unknown }).payload, at: 9 } as SessionEvent;
    photo.apply(screenData, event as never, ctx());
    expect(screenData.photos.map((p) => p.id)).toEqual(['f1']);

    const hide = { ...event, id: 'j2', payload: { photoId: 'f1', shown: false } } as never;
    expect(photo.redact!(hide, { role: 'screen' }, ctx()).payload).toEqual({ photoId: 'f1', shown: false, remove: true });
    photo.apply(screenData, photo.redact!(hide, { role: 'screen' }, ctx()), ctx());
    expect(screenData.photos).toEqual([]);
    photo.apply(data, hide, ctx());
    expect(data.photos[0]!.status).toBe('hidden');
    expect(photo.commands['photo.judge']!.decide(decideCtx(data, { role: 'facilitator' }), { photoId: 'nope', shown: true })).toMatchObject({ ok: false, error: 'not-found' });
  });

  it('refuses a participant past maxPhotos, but not the facilitator', () => {
    const data = photo.init(step);
    for (const f of ['f1', 'f2', 'f3']) photo.apply(data, added(f, 'p1') as never, ctx());
    expect(photo.commands['photo.add']!.decide(decideCtx(data, { role: 'participant', id: 'p1' }), file)).toMatchObject({ ok: false, error: 'limit-reached' });
    expect(photo.commands['photo.add']!.decide(decideCtx(data, { role: 'participant', id: 'p2' }), file)).toMatchObject({ ok: true });
    expect(photo.commands['photo.add']!.decide(decideCtx(data, { role: 'facilitator' }), { ...file, caption: 'Flap 1' })).toMatchObject({
      ok: true,
      payload: { ...file, caption: 'Flap 1' },
    });
  });

  it('harvests the shown photos as images with captions and rows, notes the waiting ones, leaves hidden ones out', () => {
    const data = photo.init(step);
    photo.apply(data, added('f1', undefined, 'Flap van groep 1') as never, ctx());
    photo.apply(data, added('f2', 'p1') as never, ctx());
    photo.apply(data, added('f3') as never, ctx());
    photo.apply(data, { ...added('x'), type: PHOTO_EVENTS.judged, payload: { photoId: 'f3', shown: false } } as never, ctx());
    const section = photo.harvest(data, step, {} as SessionState);
    expect(section.blocks[0]).toEqual({ type: 'image', file: 'f1', width: 1600, height: 1200, caption: 'Flap van groep 1' });
    expect(section.blocks).toHaveLength(2);
    expect(JSON.stringify(section.blocks[1])).toContain('1 foto wacht nog op goedkeuring');
    expect(section.rows.map((r) => r.text)).toEqual(['Flap van groep 1']);
    expect(photo.glance!(data, step, {} as SessionState)).toEqual([{ type: 'paragraph', text: ['1 foto van de flappen en tekeningen.'] }]);
    expect(photo.harvest(photo.init(step), step, {} as SessionState).blocks).toEqual([]);
  });
});
