/**
 * Every event type Oogst writes has a payload schema, bounded, and a forged event
 * fails it. That the schemas accept every event the code writes is checked on every
 * event the unit and integration tests store (test/helpers/event-schema-check.ts).
 */
import type { TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import { MODERATION_EVENTS } from '../../core/moderation.js';
import { MONITORING_EVENTS } from '../../core/monitoring-tags.js';
import { CORE_EVENTS } from '../../core/session.js';
import { SYNTHESIS_EVENTS } from '../../core/synthesis.js';
import { INTERVIEW_EVENTS } from '../../kinds/interview/model.js';
import { OPEN_EVENTS } from '../../kinds/open/model.js';
import { PHOTO_EVENTS } from '../../kinds/photo/model.js';
import { SLIDE_EVENTS } from '../../kinds/slide/model.js';
import { POLL_EVENTS } from '../../kinds/poll/model.js';
import { QUESTIONS_EVENTS } from '../../kinds/questions/model.js';
import { kinds } from '../../kinds/registry.js';
import { QNA_EVENTS } from '../../kinds/qna/model.js';
import { SMALLWIN_EVENTS } from '../../kinds/smallwin/model.js';
import { ACTION_EVENTS } from '../../kinds/action/model.js';
import { RECAP_EVENTS } from '../../kinds/recap/model.js';
import { VOTE_EVENTS } from '../../kinds/vote/model.js';
import { WALL_EVENTS } from '../../kinds/wall/model.js';
import { CHECKLIST_EVENTS } from '../../kinds/checklist/model.js';
import { GROUPS_EVENTS } from '../../kinds/groups/model.js';
import { WORDCLOUD_EVENTS } from '../../kinds/wordcloud/model.js';
import { eventProblem, eventSchemaOf } from '../../server/import-checks.js';
import { CORE_EVENT_SCHEMAS } from '../../server/sessions/core-events.js';

const WRITTEN = [CORE_EVENTS, MODERATION_EVENTS, MONITORING_EVENTS, SYNTHESIS_EVENTS, WALL_EVENTS, WORDCLOUD_EVENTS, POLL_EVENTS, VOTE_EVENTS, OPEN_EVENTS, QUESTIONS_EVENTS, INTERVIEW_EVENTS, SMALLWIN_EVENTS, QNA_EVENTS, CHECKLIST_EVENTS, ACTION_EVENTS, GROUPS_EVENTS, RECAP_EVENTS, PHOTO_EVENTS, SLIDE_EVENTS].flatMap(
  (names) => Object.values(names) as string[],
);

/** Where a schema lets a value grow without bound: a text without maxLength, a list without maxItems, an object open to any field. */
function unbounded(schema: Record<string, any>, path: string): string[] {
  if (schema.const !== undefined || schema.enum !== undefined) return [];
  const found: string[] = [];
  if (schema.type === 'string' && schema.maxLength === undefined && schema.pattern === undefined) found.push(`${path}: text without maxLength`);
  if (schema.type === 'array') {
    if (schema.maxItems === undefined) found.push(`${path}: list without maxItems`);
    found.push(...unbounded(schema.items ?? {}, `${path}[]`));
  }
  if (schema.type === 'object') {
    if (schema.patternProperties) {
      if (schema.maxProperties === undefined && !path.endsWith('arenaContext')) found.push(`${path}: record without maxProperties`);
      for (const inner of Object.values(schema.patternProperties)) found.push(...unbounded(inner as TSchema, `${path}{}`));
    } else if (schema.additionalProperties !== false && !path.includes('.steps[]')) found.push(`${path}: open to any field`);
    for (const [name, inner] of Object.entries(schema.properties ?? {})) found.push(...unbounded(inner as TSchema, `${path}.${name}`));
  }
  for (const inner of schema.anyOf ?? []) found.push(...unbounded(inner, path));
  return found;
}

describe('event schemas', () => {
  it('exist for every event type the core and the kinds write, and for no other', () => {
    expect(WRITTEN.filter((type) => !eventSchemaOf(type))).toEqual([]);
    const schemas = [...Object.keys(CORE_EVENT_SCHEMAS), ...kinds.flatMap((k) => Object.keys(k.events))];
    expect(schemas.filter((type) => !WRITTEN.includes(type))).toEqual([]);
    for (const k of kinds) for (const type of Object.keys(k.events)) expect(type.startsWith(`${k.kind}.`), type).toBe(true);
  });

  it('bound every text, list and object', () => {
    const all = [
      ...Object.entries(CORE_EVENT_SCHEMAS),
      ...kinds.flatMap((k) => Object.entries(k.events)),
      ...kinds.flatMap((k) => (k.contextSchema ? [[`${k.kind} context`, k.contextSchema] as const] : [])),
    ];
    expect(all.flatMap(([type, schema]) => unbounded(schema, type))).toEqual([]);
  });

  it('refuse a registered small win rewritten into a progress update, naming the missing field', () => {
    const registered = {
      title: 'Koffie-uur',
      result: 'Elke dinsdag koffie',
      visibleFor: '',
      characteristics: {},
      mechanisms: [],
      paths: [],
      candidate: true,
      phase: 'oplaadfase',
      answers: {},
    };
    expect(eventProblem({ type: SMALLWIN_EVENTS.registered, payload: registered })).toBeUndefined();
    expect(eventProblem({ type: SMALLWIN_EVENTS.progressed, payload: registered })).toBe('payload.sessionId');
    expect(eventProblem({ type: SMALLWIN_EVENTS.progressed, payload: { sessionId: 's', winId: 'w', note: 'x'.repeat(5000) } })).toBe('payload.note');
  });

  it('know no event type named like an object member, and refuse extra fields', () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'wall.__proto__']) expect(eventProblem({ type, payload: {} })).toBe('type');
    expect(eventProblem({ type: WALL_EVENTS.posted, payload: { column: 'klaagmuur', text: 'Wachtlijsten', author: 'p1' } })).toBe('payload.author');
    expect(eventProblem({ type: CORE_EVENTS.timerStarted, payload: { seconds: -5 } })).toBe('payload.seconds');
  });

  it("check a session's agenda step by step, and what it carries from the arena by kind", () => {
    const created = (changes: Record<string, unknown>) => ({
      type: CORE_EVENTS.created,
      payload: {
        title: 'Bijeenkomst',
        arena: { id: 'a', title: 'Arena' },
        script: { id: 'kort', title: 'Kort' },
        steps: [{ id: 'muur', kind: 'wall', title: 'Muur', columns: [{ id: 'klaag', title: 'Klaag' }] }],
        ...changes,
      },
    });
    expect(eventProblem(created({}))).toBeUndefined();
    expect(eventProblem(created({ arenaContext: { smallwin: { wins: [] } } }))).toBeUndefined();
    expect(eventProblem(created({ arenaContext: { smallwin: null } }))).toBe('payload.arenaContext.smallwin');
    expect(eventProblem(created({ arenaContext: { wall: {} } }))).toBe('payload.arenaContext.wall');
    expect(eventProblem(created({ steps: [{ id: 'muur', kind: 'wall', title: 'Muur', columns: 'klaag' }] }))).toBe('payload.steps[0].columns');
    expect(eventProblem(created({ steps: [{ id: 'muur', kind: 'wall', title: 'Muur', columns: [{ id: 'klaag', title: 'Klaag' }], extra: 1 }] }))).toBe(
      'payload.steps[0].extra',
    );
  });
});
