/** The slide: text for the room, no contributions, nothing to reveal, nothing in the harvest. */
import { describe, expect, it } from 'vitest';
import { isRevealable } from '../../core/kind.js';
import type { SessionState } from '../../core/state.js';
import { check } from '../../server/validation.js';
import { slide } from './index.js';
import type { SlideStep } from './schema.js';

const step: SlideStep = { id: 'welkom', kind: 'slide', title: 'Welkom', body: 'Fijn dat je er bent.\n\n- koffie\n- thee' };

describe('slide', () => {
  it('takes a body of up to 5,000 characters and refuses a longer one', () => {
    expect(check(slide.stepSchema, { body: 'x'.repeat(5000) }).ok).toBe(true);
    expect(check(slide.stepSchema, {}).ok).toBe(true);
    expect(check(slide.stepSchema, { body: 'x'.repeat(5001) }).ok).toBe(false);
    expect(check(slide.stepSchema, { body: 42 }).ok).toBe(false);
  });

  it('takes no commands and writes no events', () => {
    expect(Object.keys(slide.commands)).toEqual([]);
    expect(Object.keys(slide.events)).toEqual([]);
  });

  it('shows every role the same empty data, and sends nobody anything', () => {
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
