/**
 * Ids named like members of Object.prototype, from real socket.io clients and
 * from a log that holds them: the vote as it was reported (a question posted with
 * command id "__proto__", then dots), every id position of every command of every
 * kind, command types named like prototype members, and a restart that replays a
 * log written before ids were checked. Nothing reaches Object.prototype, nothing
 * is stored from a refused command, and the totals and the harvest stay right.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TSchema } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, SessionEvent } from '../../core/protocol.js';
import { kinds } from '../../kinds/registry.js';
import type { VoteData } from '../../kinds/vote/model.js';
import { storesMadeUpEvents } from '../helpers/event-schema-check.js';
import { expectPrototypesUntouched, foreignValues, HOSTILE_IDS, HOSTILE_TYPES, prototypeFootprint } from '../helpers/hostile-ids.js';
import { api, facilitator, participant, screen, startOogst, startSession, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';

// One test writes a log from before ids were checked (a `__proto__` item), which today's event schemas refuse.
storesMadeUpEvents();

const SCRIPT = `id: alles
title: Alles
language: nl
steps:
  - { id: welkom, kind: slide, title: Welkom }
  - { id: open, kind: open, title: Open, questions: [{ id: wat, text: Wat werkt? }] }
  - { id: muur, kind: wall, title: Muur, columns: [{ id: klaagmuur, title: Klaagmuur }] }
  - { id: peiling, kind: poll, title: Peiling, question: Wat past?, mode: single, options: [{ id: ja, text: Ja }, { id: nee, text: Nee }] }
  - { id: wolk, kind: wordcloud, title: Woordwolk }
  - { id: vragen, kind: questions, title: Ontwerpvragen }
  - { id: stem, kind: vote, title: Stemmen, from: vragen, dots: 3, choose: 1 }
  - { id: interview, kind: interview, title: Interview }
  - { id: wins, kind: smallwin, title: Small wins, questions: [{ id: geleerd, text: Wat leerde je? }] }
  - { id: vragenronde, kind: qna, title: Vragen aan de spreker }
  - { id: check, kind: checklist, title: Wat werkt, items: [{ id: samen, text: Samen optrekken }] }
  - { id: acties, kind: action, title: Acties }
  - { id: terug, kind: recap, title: Waar staan we? }
  - { id: groepen, kind: groups, title: In groepjes }
  - { id: foto, kind: photo, title: Verbeelden }
`;

type Phone = Awaited<ReturnType<typeof participant>>;
const voteOf = (v: ViewClient) => v.state!.stepStates.stem!.data as VoteData;
const outcome = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

/** A payload for `schema` with every id position (a string with a pattern, or a list of them) set to `id`, the rest valid. */
function payloadWith(schema: TSchema, id: string): unknown {
  const s = schema as { type?: string; pattern?: string; anyOf?: TSchema[]; const?: unknown; items?: TSchema; properties?: Record<string, TSchema>; required?: string[]; minimum?: number; patternProperties?: object };
  if (s.pattern) return id;
  if (s.anyOf) return payloadWith(s.anyOf.find((a) => (a as { pattern?: string }).pattern) ?? s.anyOf[0]!, id);
  if (s.const !== undefined) return s.const;
  if (s.patternProperties) return Object.fromEntries([[id, 'Tekst']]);
  switch (s.type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([key, value]) => [key, payloadWith(value, id)]));
    case 'array':
      return [payloadWith(s.items!, id)];
    case 'string':
      return 'Tekst';
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return s.minimum ?? 0;
    default:
      return null;
  }
}

describe('ids named like Object.prototype members, through the real server', () => {
  let scripts: string;
  let oogst: Running;
  let s: StartedSession;
  let fac: ViewClient;
  let phones: Phone[];
  let before: Map<string, unknown>;

  beforeAll(async () => {
    before = prototypeFootprint();
    scripts = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(scripts, 'alles.yaml'), SCRIPT);
    oogst = await startOogst({ scriptsDir: scripts, env: { OOGST_COMMAND_BURST: '100000', OOGST_COMMANDS_PER_SECOND: '100000' } });
    s = await startSession(oogst.url, 'alles');
    fac = await facilitator(oogst.url, s);
    phones = [];
    for (let i = 0; i < 5; i++) phones.push(await participant(oogst.url, s));
  });
  afterAll(async () => {
    for (const v of [fac, ...(phones ?? [])]) v?.close();
    await oogst?.stop();
    rmSync(scripts, { recursive: true, force: true });
  });

  it('keeps the vote right when a question is posted with command id "__proto__" and dots go on it', async () => {
    const [hostile, ...others] = phones as [Phone, ...Phone[]];
    expect(outcome(await fac.send('session.goto', { stepId: 'vragen' }))).toBe('accepted');
    const posted = await hostile.send('questions.ask', { text: 'Hoe kunnen we de uitslag veranderen?' }, 'vragen', '__proto__');
    expect(posted).toMatchObject({ ok: false, error: 'invalid', details: [{ path: 'id', message: 'is a reserved name' }] });
    expect(outcome(await others[0]!.send('questions.ask', { text: 'Hoe kunnen we eerder helpen?' }, 'vragen', 'gewoon'))).toBe('accepted');
    expect(outcome(await fac.send('step.reveal', { revealed: true }, 'vragen'))).toBe('accepted');
    expect(outcome(await fac.send('session.goto', { stepId: 'stem' }))).toBe('accepted');
    for (const id of HOSTILE_IDS) expect(outcome(await hostile.send('vote.place', { itemId: id, dots: 1 }, 'stem'))).toBe('invalid');
    for (const phone of others) expect(outcome(await phone.send('vote.place', { itemId: 'gewoon', dots: 1 }, 'stem'))).toBe('accepted');
    for (const id of HOSTILE_IDS) expect(outcome(await hostile.send('vote.place', { itemId: 'gewoon', dots: 1 }, 'stem', id))).toBe('invalid');
    await fac.until((v) => voteOf(v).totals.gewoon === 4, 5000, 'four dots');
    expect(voteOf(fac).totals).toEqual({ gewoon: 4 });
    expectPrototypesUntouched(before);

    const md = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key);
    expect(md.body).toContain('| 1 | 4 | Hoe kunnen we eerder helpen? |');
    expect(md.body).not.toMatch(/\[object Object\]|NaN|undefined/);
    const json = await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.json`, undefined, s.arena.key);
    expect(json.body.steps.find((st: { id: string }) => st.id === 'stem').output.items.map((i: { dots: number }) => i.dots)).toEqual([4]);
  });

  it('answers command types named like prototype members with unknown-command, for every role', async () => {
    const scr = await screen(oogst.url, s);
    try {
      for (const view of [fac, phones[1]!, scr])
        for (const type of HOSTILE_TYPES) expect([type, outcome(await view.send(type, {}, 'stem'))]).toEqual([type, 'unknown-command']);
    } finally {
      scr.close();
    }
    expectPrototypesUntouched(before);
  });

  it('refuses a hostile id in every id position of every command of every kind, and stores nothing', { timeout: 60_000 }, async () => {
    const seq = fac.state!.seq;
    const codes = new Map<string, number>();
    for (const kind of kinds) {
      const step = fac.state!.steps.find((st) => st.kind === kind.kind);
      if (!step) throw new Error(`the script above has no step of kind ${kind.kind}: add one, so its commands are tried too`);
      expect(outcome(await fac.send('session.goto', { stepId: step.id }))).toBe('accepted');
      for (const [type, spec] of Object.entries(kind.commands))
        for (const id of HOSTILE_IDS) {
          const sender = spec.roles.includes('participant') ? phones[2]! : fac;
          const payload = payloadWith(spec.payload, id);
          const idPositions = JSON.stringify(payload) !== JSON.stringify(payloadWith(spec.payload, 'gewoon'));
          const acks = [await sender.send(type, payloadWith(spec.payload, 'gewoon'), step.id, id)];
          if (idPositions) acks.push(await sender.send(type, payload, step.id));
          for (const ack of acks) {
            expect(ack.ok, `${type} with ${id}`).toBe(false);
            if (!ack.ok) codes.set(ack.error, (codes.get(ack.error) ?? 0) + 1);
          }
        }
    }
    // Goto events only, and the arena's small wins taken as the room reached their step: the hostile commands stored nothing.
    expect(fac.state!.seq).toBe(seq + kinds.length + 1);
    expect([...codes.keys()]).not.toContain('internal');
    expect(codes.get('invalid')).toBeGreaterThan(0);
    expectPrototypesUntouched(before);
  });

  it('replays a log written before ids were checked without touching Object.prototype, and counts it right', async () => {
    const [p1, p2] = phones.map((p) => p.identity.participantId) as [string, string];
    const at = Date.now();
    const old = (id: string, type: string, stepId: string | undefined, actor: SessionEvent['actor'], payload: unknown): Omit<SessionEvent, 'seq'> => ({
      id,
      type,
      ...(stepId ? { stepId } : {}),
      actor,
      payload,
      at,
    });
    const log = [
      old('__proto__', 'questions.asked', 'vragen', { role: 'participant', id: p1 }, { text: 'Hoe kunnen we de uitslag veranderen?' }),
      old('toString', 'vote.dots-placed', 'stem', { role: 'participant', id: p1 }, { itemId: '__proto__', dots: 1, total: 1, voters: 5 }),
      old('constructor', 'vote.dots-placed', 'stem', { role: 'participant', id: p2 }, { itemId: '__proto__', dots: 1, total: 2, voters: 5 }),
    ];
    let seq = fac.state!.seq;
    for (const event of log) expect((await oogst.store.appendEvent(s.session.id, { ...event, seq: ++seq })).stored).toBe(true);
    for (const v of [fac, ...phones]) v.close();
    await oogst.stop(true);
    oogst = await startOogst({ dataDir: oogst.dataDir, scriptsDir: scripts });
    fac = await facilitator(oogst.url, s);
    phones = [await participant(oogst.url, s, phones[0]!.identity.token)];

    expectPrototypesUntouched(before);
    expect(foreignValues(fac.state)).toEqual([]);
    expect(Object.entries(voteOf(fac).totals)).toEqual([
      ['gewoon', 4],
      ['__proto__', 2],
    ]);
    expect(Object.entries(voteOf(phones[0]!).dots)).toEqual([['__proto__', { [p1]: 1 }]]);
    const md = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key);
    expect(md.body).toContain('| 1 | 4 | Hoe kunnen we eerder helpen? |');
    expect(md.body).toContain('| 2 | 2 | Hoe kunnen we de uitslag veranderen? |');
    expect(md.body).not.toMatch(/\[object Object\]|NaN|undefined/);
    expectPrototypesUntouched(before);
  });
});
