/**
 * The pseudonymous arena member id: derived from the phone's secret and the arena,
 * the same in every session of one arena, another in another arena, never the secret;
 * carried in `participant.joined` to the facilitator only; and who met whom, carried
 * as a private arena context, reaches neither the screen nor a phone.
 */
import { describe, expect, it } from 'vitest';
import type { SessionEvent, Viewer } from '../../core/protocol.js';
import { CORE_EVENTS, project, redact, reduce } from '../../core/session.js';
import { MemberIdSchema } from '../../kinds/ids.js';
import { earlierMeetings } from '../../kinds/meetings-arena.js';
import { models } from '../../kinds/registry.js';
import { arenaMember, MemberSecretSchema } from '../../server/arena-member.js';
import { validator } from '../../server/validation.js';

const SECRET = 'Qk3v9xT2mP8rL5nW1yZ4aB';

describe('the arena member id', () => {
  it('is derived from arena and secret: stable in one arena, another in another, never the secret', () => {
    const id = arenaMember('arena-1', SECRET);
    expect(id).toBe(arenaMember('arena-1', SECRET));
    expect(id).not.toBe(arenaMember('arena-2', SECRET));
    expect(id).not.toBe(arenaMember('arena-1', `${SECRET}x`));
    expect(id).not.toContain(SECRET.slice(0, 8));
    expect(validator(MemberIdSchema).Check(id)).toBe(true);
  });

  it('takes only a secret of URL-safe characters of a sane length', () => {
    const check = validator(MemberSecretSchema);
    expect(check.Check(SECRET)).toBe(true);
    for (const bad of ['short', 'x'.repeat(65), `${SECRET.slice(0, 21)}/`, '__proto__']) expect([bad, check.Check(bad)]).toEqual([bad, false]);
  });
});

describe('who met whom, in a session', () => {
  const steps = [{ id: 'i', kind: 'interview', title: 'Interviews' }];
  const met = [[arenaMember('a', SECRET), arenaMember('a', 'Bk3v9xT2mP8rL5nW1yZ4aB')]];
  const events: SessionEvent[] = [
    {
      id: 'c',
      seq: 1,
      type: CORE_EVENTS.created,
      actor: { role: 'facilitator' },
      payload: { title: 'T', arena: { id: 'a', title: 'A' }, script: { id: 's', title: 'S' }, steps, arenaContext: { interview: { met } } },
      at: 0,
    },
    ...met[0]!.map((member, i): SessionEvent => ({
      id: `j${i}`,
      seq: i + 2,
      type: CORE_EVENTS.joined,
      actor: { role: 'participant', id: `p${i}` },
      payload: { participantId: `p${i}`, pseudonym: `P ${i}`, member },
      at: i,
    })),
  ];
  const state = reduce(events, 's', models);

  it('maps the earlier meetings onto this session’s participants through their member ids', () => {
    expect(state.participants.p0!.member).toBe(met[0]![0]);
    expect([...earlierMeetings(state, 'interview')]).toEqual(['p0 p1']);
  });

  it('keeps the member ids and the meetings to the facilitator', () => {
    const phone: Viewer = { role: 'participant', participantId: 'p0' };
    expect(project(state, { role: 'facilitator' }, models).arenaContext).toEqual({ interview: { met } });
    for (const viewer of [phone, { role: 'screen' } as Viewer]) expect(project(state, viewer, models).arenaContext).toEqual({});
    const context: SessionEvent = { id: 'x', seq: 9, type: CORE_EVENTS.context, actor: { role: 'system' }, payload: { arenaContext: { interview: { met } } }, at: 9 };
    expect(redact(state, context, phone, models).payload).toEqual({ arenaContext: {} });
    expect(redact(state, events[2]!, phone, models).payload).toEqual({});
    expect(redact(state, events[2]!, { role: 'screen' }, models).payload).toEqual({});
  });
});
