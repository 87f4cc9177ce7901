/**
 * A small answer a phone waits for before it can draw (the join page, the join's answer
 * with its snapshot), gzipped when the browser takes it: on slow 3G, 5 KB of JSON is
 * 0.1 s, and it is the last thing on the critical path. Static files come precompressed
 * from the build instead; gzip at this size costs the server a fraction of a millisecond.
 */
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * zlib's defaults set up a 32 KB window and a 64K-entry hash for every answer; these
 * answers are a few KB, so a smaller window compresses them as well for less work
 * and memory (about 0.1 ms of CPU less per join, docs/PERFORMANCE.md).
 */
const SMALL_ANSWER = { windowBits: 13, memLevel: 6 };

export function sendCompressed(request: FastifyRequest, reply: FastifyReply, body: string, type: string): FastifyReply {
  reply.type(type).header('vary', 'accept-encoding');
  if (!/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.send(body);
  return reply.header('content-encoding', 'gzip').send(gzipSync(body, SMALL_ANSWER));
}
