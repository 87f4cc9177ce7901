/**
 * Files a step takes (photos of flip-overs, a slide's image), for the kinds that
 * declare `files` (kinds/definition.ts, `KindFiles`). The upload is the raw bytes,
 * with the participant's token or the arena key as `Authorization: Bearer`, and an
 * optional caption in `X-Oogst-Caption` (URI-encoded). Every upload is bounded
 * (bytes, pixels, files per participant and per step, uploads per address and per
 * uploader), its type read from its content, and the file handed to the kind's
 * command as its uploader, so it enters the log like any contribution. A file is
 * served to the facilitator and the screen, to the participant who sent it, and the
 * facilitator's to every participant, never
 * with a type a browser would run.
 */
import type { FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import type { Viewer } from '../../core/protocol.js';
import { currentStep, stepById } from '../../core/session.js';
import { cleanText } from '../../core/text.js';
import type { KindFiles } from '../../kinds/definition.js';
import { kindByName, kinds } from '../../kinds/registry.js';
import { bearer, type AppContext, type TypedApp } from '../context.js';
import { sniffImage } from '../files/image-type.js';
import { HttpError, notFound } from '../http-errors.js';
import { KeyedBuckets } from '../realtime/token-bucket.js';
import { hashSecret, newId, screenKeyMatches, secretMatches } from '../secrets.js';
import type { SessionRuntime } from '../sessions/session-runtime.js';
import type { FileRow } from '../store/store.js';

/** The largest body any kind takes; each kind's own bound is checked after. */
export const MAX_UPLOAD_BYTES = Math.max(1, ...kinds.map((k) => k.files?.maxBytes ?? 0));
/** One uploader (a phone, the console): ten at once, then one every six seconds, whatever address they use. */
const PER_UPLOADER = { burst: 10, perSecond: 1 / 6 };
const CAPTION_MAX = 200;

const Params = Type.Object({ sessionId: Type.String({ maxLength: 64 }), stepId: Type.String({ maxLength: 64 }) });
const FileParams = Type.Object({ sessionId: Type.String({ maxLength: 64 }), stepId: Type.String({ maxLength: 64 }), fileId: Type.String({ maxLength: 64 }) });

/** What `onRequest` found out about an upload before its body was read. */
interface Admitted {
  viewer: Viewer;
  runtime: SessionRuntime;
  files: KindFiles;
}

/** Who sends or asks: the facilitator (arena key), the screen (its key), or a participant (their token). */
async function viewerOf(ctx: AppContext, request: FastifyRequest, sessionId: string): Promise<Viewer> {
  const session = await ctx.store.getSession(sessionId);
  if (!session) throw notFound('Session');
  const secret = bearer(request);
  const unauthorised = new HttpError(401, 'unauthorized', 'Join the session again with its code, or open the console with its link.');
  if (!secret) throw unauthorised;
  const arena = await ctx.store.getArena(session.arenaId);
  if (arena && secretMatches(secret, arena.keyHash)) return { role: 'facilitator' };
  if (arena && screenKeyMatches(secret, arena.keyHash, sessionId)) return { role: 'screen' };
  const participant = await ctx.hub.participantByToken(sessionId, hashSecret(secret));
  if (!participant) throw unauthorised;
  return { role: 'participant', participantId: participant.id, pseudonym: participant.pseudonym };
}

export default async function fileRoutes(app: TypedApp) {
  const ctx = app.oogst;
  const uploaders = new KeyedBuckets(PER_UPLOADER.burst, PER_UPLOADER.perSecond);
  // Any declared type is read as bytes: the type is taken from the content, never from the header.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));

  /**
   * Everything that can be known before the body is read: the limits per address and per
   * sender, who sends, whether the step takes their files now, whether they have room
   * left. Checked in `onRequest`, so nobody without a place in the session makes the
   * server read megabytes.
   */
  async function admit(request: FastifyRequest, { sessionId, stepId }: Static<typeof Params>): Promise<Admitted> {
    ctx.admission.limit('upload', request.ip);
    if (sessionId.length > 64 || stepId.length > 64) throw notFound('Session');
    const viewer = await viewerOf(ctx, request, sessionId);
    const runtime = await ctx.hub.get(sessionId);
    if (!runtime) throw notFound('Session');
    const step = stepById(runtime.state, stepId);
    const files = step && kindByName.get(step.kind)?.files;
    if (!step || !files) throw new HttpError(404, 'not-found', `Step "${stepId}" takes no files.`);
    const role = viewer.role === 'screen' ? undefined : viewer.role;
    if (!role || !files.roles.includes(role)) throw new HttpError(403, 'forbidden', `A ${viewer.role} may not send files to this step.`);
    if (viewer.role === 'participant' && currentStep(runtime.state)?.id !== step.id)
      throw new HttpError(409, 'step-not-active', 'This step is not open any more; the room has moved on.');
    const wait = uploaders.take(`${sessionId}:${viewer.participantId ?? 'facilitator'}`);
    if (wait)
      throw Object.assign(new HttpError(429, 'rate-limited', `Too many uploads at once; try again in ${wait} seconds.`), { retryAfter: wait });
    if (viewer.role === 'participant' && (await ctx.store.countFiles(sessionId, stepId, viewer.participantId)) >= files.perParticipant(step))
      throw new HttpError(409, 'limit-reached', 'You sent as many files to this step as it takes.');
    if ((await ctx.store.countFiles(sessionId, stepId)) >= files.perStep) throw new HttpError(409, 'limit-reached', 'This step holds as many files as it takes.');
    await ctx.admission.needsRoom();
    return { viewer, runtime, files };
  }
  const admitted = new WeakMap<FastifyRequest, Admitted>();

  app.post(
    '/api/sessions/:sessionId/steps/:stepId/files',
    { schema: { params: Params }, bodyLimit: MAX_UPLOAD_BYTES, onRequest: async (request) => void admitted.set(request, await admit(request, request.params)) },
    async (request, reply) => {
      const { sessionId, stepId } = request.params;
      const { viewer, runtime, files } = admitted.get(request)!;
      const body = request.body;
      if (!(body instanceof Buffer) || body.length === 0) throw new HttpError(400, 'file-missing', 'Send the image itself as the body of the request.');
      if (body.length > files.maxBytes)
        throw new HttpError(413, 'file-too-large', `The file is larger than ${Math.floor(files.maxBytes / 1024)} kB.`, undefined, { kb: Math.floor(files.maxBytes / 1024) });
      const image = sniffImage(body);
      if (!image) throw new HttpError(415, 'file-type', 'Only photos as JPEG, PNG or WebP are taken.');
      if (image.width * image.height > files.maxPixels)
        throw new HttpError(413, 'file-pixels', `The image has more than ${Math.round(files.maxPixels / 1e6)} megapixels.`, undefined, { mp: Math.round(files.maxPixels / 1e6) });
      const caption = captionOf(request.headers['x-oogst-caption']);

      const row: FileRow = { sessionId, id: newId(), stepId, participantId: viewer.participantId ?? null, ...image, data: body, createdAt: Date.now() };
      await ctx.store.saveFile(row);
      const payload = { file: row.id, width: row.width, height: row.height, ...(caption ? { caption } : {}) };
      const ack = await runtime.handleUpload({ id: row.id, type: files.command, stepId, payload }, viewer);
      if (!ack.ok) {
        // Refused after all (two uploads at once past a limit, the room moved on): no file without its event.
        await ctx.store.deleteFile(sessionId, row.id);
        throw new HttpError(ack.error === 'rate-limited' || ack.error === 'internal' ? 503 : 409, ack.error, ack.message, ack.details);
      }
      return reply.code(201).send({ file: row.id, seq: ack.seq });
    },
  );

  app.get('/api/sessions/:sessionId/steps/:stepId/files/:fileId', { schema: { params: FileParams } }, async (request, reply) => {
    const { sessionId, stepId, fileId } = request.params;
    const viewer = await viewerOf(ctx, request, sessionId);
    const file = await ctx.store.getFile(sessionId, fileId);
    // A participant sees their own files and the facilitator's (a slide's image); what other participants sent reaches them through the screen.
    const allowed = file && file.stepId === stepId && (viewer.role !== 'participant' || file.participantId === null || file.participantId === viewer.participantId);
    if (!allowed) throw notFound('File');
    return reply
      .type(file.type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('content-disposition', 'inline')
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(Buffer.from(file.data));
  });
}

/** The caption from its header: URI-encoded text, at most CAPTION_MAX characters, spaces tidied. */
function captionOf(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string' || !header) return undefined;
  let text: string;
  try {
    text = decodeURIComponent(header);
  } catch {
    throw new HttpError(400, 'invalid', 'The caption is not URI-encoded.');
  }
  text = cleanText(text.replace(/\s+/g, ' '));
  if (text.length > CAPTION_MAX) throw new HttpError(400, 'too-large', `A caption has at most ${CAPTION_MAX} characters.`);
  return text || undefined;
}
