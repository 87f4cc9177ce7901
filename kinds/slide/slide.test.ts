/** The slide: text for the room and the facilitator's image, no contributions, nothing to reveal, nothing in the harvest. */
import { describe, expect, it } from 'vitest';
import { isRevealable } from '../../core/kind.js';
import type { SessionState } from '../../core/state.js';
import { check } from '../../server/validation.js';
import { slide } from './index.js';
import { SLIDE_EVENTS } from './model.js';
import type { SlideStep } from './schema.js';

const step: SlideStep = { id: 'welkom', kind: 'slide', title: 'Welkom', body: 'Fijn dat je er bent.\n\n- koffie\n- thee' };

describe('slide', () => {
  it('takes a body of up to 5,000 characters and refuses a longer one', () => {
    expect(check(slide.stepSchema, { body: 'x'.repeat(5000) }).ok).toBe(true);
    expect(check(slide.stepSchema, {}).ok).toBe(true);
    expect(check(slide.stepSchema, { body: 'x'.repeat(5001) }).ok).toBe(false);
    expect(check(slide.stepSchema, { body: 42 }).ok).toBe(false);
  });

  it('takes an image from the facilitator only, through the file upload, and can take it off again', () => {
    expect(Object.keys(slide.commands)).toEqual(['slide.image', 'slide.clear-image']);
    expect(slide.commands['slide.image']!.roles).toEqual(['facilitator']);
    expect(slide.files).toMatchObject({ maxBytes: 4 * 1024 * 1024, maxPixels: 4096 * 4096, roles: ['facilitator'], command: 'slide.image' });
    expect(slide.files!.perParticipant(step)).toBe(0);
    const data = slide.init(step);
    const at = { stepId: step.id, actor: { role: 'facilitator' as const }, at: 1 };
    slide.apply(data, { ...at, id: 'f1', seq: 2, type: SLIDE_EVENTS.imageSet, payload: { file: 'f1', width: 1600, height: 900, caption: 'De buurttafel' } }, { step, revealed: false });
    expect(slide.project(data, { role: 'participant', participantId: 'p1' }, { step, revealed: false })).toEqual({ image: { file: 'f1', width: 1600, height: 900, caption: 'De buurttafel' } });
    expect(slide.audience({ ...at, id: 'f1', seq: 2, type: SLIDE_EVENTS.imageSet, payload: { file: 'f1', width: 1, height: 1 } }, data, { step, revealed: false })).toEqual({ screen: true, participants: 'all' });
    slide.apply(data, { ...at, id: 'c', seq: 3, type: SLIDE_EVENTS.imageCleared, payload: {} }, { step, revealed: false });
    expect(slide.project(data, { role: 'screen' }, { step, revealed: false })).toEqual({});
  });

  it('shows every role the same empty data without an image', () => {
    const data = slide.init(step);
    expect(slide.project(data, { role: 'participant', participantId: 'p1' }, { step, revealed: false })).toEqual({});
    expect(slide.project(data, { role: 'screen' }, { step, revealed: false })).toEqual({});
  });

  it('has nothing to reveal, so the server refuses a reveal of it', () => {
    expect(isRevealable(slide, step)).toBe(false);
  });

  it('leaves the harvest and its first page empty, so no bare "Welkom" heading stands in the report', () => {
    const section = slide.harvest(slide.init(step), step, {} as SessionState);
    expect(section.blocks).toEqual([]);
    expect(section.rows).toEqual([]);
    expect(slide.glance?.(slide.init(step), step, {} as SessionState) ?? []).toEqual([]);
  });
});
