/**
 * The arena's logbook between meetings. The facilitator (arena key) opens standing
 * links, each with its own code and QR code, revokes them, reads the entries and
 * moderates them (approve, hide, highlight for the next meeting, share with the
 * members). Members of the arena's network reach the logbook page by a link's code,
 * anonymous unless they give a name, and add dated entries. The items a member may
 * write an update on come from the kinds (`KindArena.logbook`): no kind is named here.
 * Protocol: docs/PROTOCOL.md, "Logbook".
 */
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import Type from 'typebox';
import {
  isLogbookDay,
  LOGBOOK_CYCLE,
  LOGBOOK_LIMITS,
  logbookDay,
  type LogbookEntriesPage,
  type LogbookEntry,
  type LogbookLinkInfo,
  type LogbookPage,
} from '../../core/logbook.js';
import { cleanText } from '../../core/text.js';
import { EntityIdSchema } from '../../kinds/ids.js';
import { authorisedArena, joinBaseOf, type AppContext, type TypedApp } from '../context.js';
import { HttpError, notFound } from '../http-errors.js';
import { logbookFields, logbookForms, logbookSubjects } from '../logbook/subjects.js';
import { EntriesQuery, ModerationSchema, NewEntrySchema } from '../logbook/schema.js';
import { KeyedBuckets } from '../realtime/token-bucket.js';
import { newId, newLogbookCode, normaliseCode } from '../secrets.js';
import { isTakenKey } from '../store/store-errors.js';
import type { LogbookEntryRow, LogbookLinkRow } from '../store/store.js';
import { arenaSessionsOf } from './arena-parts.js';

const ArenaParams = Type.Object({ arenaId: Type.String({ maxLength: 64 }) });
const LinkParams = Type.Object({ arenaId: Type.String({ maxLength: 64 }), linkId: EntityIdSchema });
const EntryParams = Type.Object({ arenaId: Type.String({ maxLength: 64 }), entryId: EntityIdSchema });
const CodeParams = Type.Object({ code: Type.String({ maxLength: 20 }) });
const NewLink = Type.Object({ requiresApproval: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const PageQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')])) }, { additionalProperties: false });

const entry = ({ arenaId: _a, ...rest }: LogbookEntryRow): LogbookEntry => rest;

export default async function logbookRoutes(app: TypedApp) {
  const ctx = app.oogst;
  /** Entries per link and hour, whoever writes them: one link shared too widely cannot flood its arena. */
  const perLink = new KeyedBuckets(LOGBOOK_LIMITS.entriesPerLinkPerHour, LOGBOOK_LIMITS.entriesPerLinkPerHour / 3600, 10_000);
  const info = (host: string | undefined, { arenaId: _a, ...link }: LogbookLinkRow): LogbookLinkInfo => ({ ...link, url: `${joinBaseOf(ctx, host).url}/l/${link.code}` });

  app.get('/api/arenas/:arenaId/logbook-links', { schema: { params: ArenaParams } }, async (request, reply) => {
    const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
    return reply.header('cache-control', 'no-store').send((await ctx.store.listLogbookLinks(arena.id)).map((l) => info(request.host, l)));
  });

  app.post('/api/arenas/:arenaId/logbook-links', { schema: { params: ArenaParams, body: NewLink } }, async (request, reply) => {
    const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
    const open = (await ctx.store.listLogbookLinks(arena.id)).filter((l) => l.revokedAt === null);
    if (open.length >= LOGBOOK_LIMITS.openLinks)
      throw new HttpError(409, 'logbook-links-full', `An arena can have ${LOGBOOK_LIMITS.openLinks} logbook links open at once; revoke one first.`);
    let code = newLogbookCode();
    while (await ctx.store.getLogbookLinkByCode(code)) code = newLogbookCode();
    const row: LogbookLinkRow = { id: newId(), arenaId: arena.id, code, requiresApproval: request.body.requiresApproval ?? false, createdAt: Date.now(), revokedAt: null };
    await ctx.store.createLogbookLink(row);
    return reply.code(201).send(info(request.host, row));
  });

  app.delete('/api/arenas/:arenaId/logbook-links/:linkId', { schema: { params: LinkParams } }, async (request, reply) => {
    const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
    if (!(await ctx.store.revokeLogbookLink(arena.id, request.params.linkId, Date.now()))) throw notFound('Open logbook link');
    return reply.code(204).send();
  });

  /**
   * A page of entries, newest first (by its day, then as written), pending and hidden ones
   * too, of one cycle or all; the counts; and the kinds' update forms, to name an update's
   * fields. `after` is the last entry the page before ended with: an entry written since
   * then lands on a page already read, never twice on the next.
   */
  app.get('/api/arenas/:arenaId/logbook', { schema: { params: ArenaParams, querystring: EntriesQuery } }, async (request, reply) => {
    const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
    const { lang = 'nl', cycle, after, limit = String(LOGBOOK_LIMITS.page) } = request.query;
    const size = Number(limit);
    if (size > LOGBOOK_LIMITS.maxPage) throw new HttpError(400, 'invalid', `A page holds at most ${LOGBOOK_LIMITS.maxPage} entries (limit).`);
    const all = (await ctx.store.listLogbookEntries(arena.id)).map(entry).reverse();
    const counts = { all: all.length, ...Object.fromEntries(LOGBOOK_CYCLE.map((c) => [c, all.filter((e) => e.cycle === c).length])) } as LogbookEntriesPage['counts'];
    const listed = cycle ? all.filter((e) => e.cycle === cycle) : all;
    const start = after === undefined ? 0 : listed.findIndex((e) => e.id === after) + 1;
    if (start === 0 && after !== undefined) throw new HttpError(400, 'invalid', 'The logbook has no such entry to go on after (after); load it from the start.');
    const entries = listed.slice(start, start + size);
    const next = start + size < listed.length ? entries[entries.length - 1]!.id : null;
    const page: LogbookEntriesPage = { entries, forms: logbookForms(lang), counts, next };
    return reply.header('cache-control', 'no-store').send(page);
  });

  app.patch('/api/arenas/:arenaId/logbook/:entryId', { schema: { params: EntryParams, body: ModerationSchema } }, async (request, reply) => {
    const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
    if (!(await ctx.store.updateLogbookEntry(arena.id, request.params.entryId, request.body))) throw notFound('Logbook entry');
    const changed = (await ctx.store.listLogbookEntries(arena.id)).find((e) => e.id === request.params.entryId)!;
    return reply.header('cache-control', 'no-store').send(entry(changed));
  });

  /** The open link behind a code, with the wrong-code limits every join code has. */
  async function openLink(ip: string, given: string): Promise<LogbookLinkRow> {
    const guess = ctx.guesses.take(ip);
    if (!guess)
      throw Object.assign(new HttpError(429, 'rate-limited', 'Too many unknown codes are being tried from this network; try again in a minute.'), {
        retryAfter: ctx.guesses.retryAfter(ip),
      });
    const link = await ctx.store.getLogbookLinkByCode(normaliseCode(given));
    if (!link) {
      await guess.wrong();
      throw new HttpError(404, 'not-found', 'No logbook with this code.');
    }
    guess.right();
    if (link.revokedAt !== null) throw new HttpError(410, 'revoked', 'This logbook link was closed by the facilitator.');
    return link;
  }

  app.get('/api/logbook/:code', { schema: { params: CodeParams, querystring: PageQuery } }, async (request, reply) => {
    const link = await openLink(request.ip, request.params.code);
    const arena = (await ctx.store.getArena(link.arenaId))!;
    const { subjects, forms } = logbookSubjects(await arenaSessionsOf(ctx, arena), request.query.lang ?? 'nl');
    const shared = (await ctx.store.listLogbookEntries(arena.id))
      .filter((e) => e.state === 'visible' && e.shared)
      .reverse()
      .slice(0, LOGBOOK_LIMITS.shared)
      .map(({ id, date, what, cycle, text, name }) => ({ id, date, what, cycle, text, name }));
    const page: LogbookPage = { arena: { title: arena.title }, requiresApproval: link.requiresApproval, subjects, forms, shared };
    return reply.header('cache-control', 'no-store').send(page);
  });

  app.get('/api/logbook/:code/qr.svg', { schema: { params: CodeParams } }, async (request, reply) => {
    const link = await openLink(request.ip, request.params.code);
    const svg = await QRCode.toString(`${joinBaseOf(ctx, request.host).url}/l/${link.code}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.type('image/svg+xml').header('cache-control', 'no-cache').send(svg);
  });

  app.post('/api/logbook/:code/entries', { schema: { params: CodeParams, body: NewEntrySchema } }, async (request, reply) => {
    const link = await openLink(request.ip, request.params.code);
    const body = request.body;
    const text = cleanText(body.text);
    if (!text) throw new HttpError(400, 'invalid', 'Write something in the logbook entry.');
    const now = Date.now();
    const date = body.date ?? logbookDay(now);
    // A day on the calendar, from the arena's first years to tomorrow (time zones), never a far future.
    if (!isLogbookDay(date) || date < '2000-01-01' || date > logbookDay(now + 86_400_000))
      throw new HttpError(400, 'invalid', 'The date is not a day up to today (YYYY-MM-DD).');
    const name = cleanText(body.name ?? '') || null;
    const about = body.about ? await checkedAbout(ctx, link.arenaId, body.about) : null;
    // The same phone's entry sent twice (a retry on poor Wi-Fi) has the same id: stored once.
    const id = createHash('sha256').update(`${link.id}\n${body.id}`).digest('base64url').slice(0, 16);
    const entries = await ctx.store.listLogbookEntries(link.arenaId);
    const again = entries.find((e) => e.id === id);
    if (again) return reply.code(200).send({ id, state: again.state });
    ctx.admission.limit('logbook', request.ip);
    const wait = perLink.take(link.id);
    if (wait)
      throw Object.assign(new HttpError(429, 'rate-limited', 'This logbook link takes no more entries for now; try again later.'), { retryAfter: wait });
    if (entries.length >= LOGBOOK_LIMITS.entriesPerArena)
      throw new HttpError(409, 'logbook-full', `This arena's logbook holds ${LOGBOOK_LIMITS.entriesPerArena} entries, its most.`);
    await ctx.admission.needsRoom();
    const row: LogbookEntryRow = {
      id,
      arenaId: link.arenaId,
      linkId: link.id,
      createdAt: now,
      date,
      what: body.what,
      cycle: body.cycle,
      text,
      name,
      about,
      state: link.requiresApproval ? 'pending' : 'visible',
      highlighted: false,
      shared: false,
    };
    try {
      await ctx.store.addLogbookEntry(row);
    } catch (error) {
      if (isTakenKey(error)) return reply.code(200).send({ id, state: row.state });
      throw error;
    }
    return reply.code(201).send({ id, state: row.state });
  });
}

/** An update names an open item a kind offers, with that kind's fields. */
async function checkedAbout(ctx: AppContext, arenaId: string, about: NonNullable<LogbookEntry['about']>) {
  const arena = (await ctx.store.getArena(arenaId))!;
  const { subjects } = logbookSubjects(await arenaSessionsOf(ctx, arena), 'nl');
  const subject = subjects.find((s) => s.kind === about.kind && s.sessionId === about.sessionId && s.itemId === about.itemId);
  if (!subject) throw new HttpError(400, 'invalid', 'The update names no open action or small win of this arena.');
  const fields = logbookFields(about.kind, about.fields);
  if (!fields) throw new HttpError(400, 'invalid', 'The update has fields or a status this item does not take.');
  return { kind: about.kind, sessionId: about.sessionId, itemId: about.itemId, title: subject.title, fields };
}
