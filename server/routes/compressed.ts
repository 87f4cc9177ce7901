/**
 * A small answer a phone waits for before it can draw (the join page, the join's answer
 * with its snapshot), gzipped when the browser takes it: on slow 3G, 5 KB of JSON is
 * 0.1 s, and it is the last thing on the critical path. Static files come precompressed
 * from the build instead; gzip at this size costs the server a fraction of a millisecond.
 */
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function sendCompressed(request: FastifyRequest, reply: FastifyReply, body: string, type: string): FastifyReply {
  reply.type(type).header('vary', 'accept-encoding');
  if (!/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.send(body);
  return reply.header('content-encoding', 'gzip').send(gzipSync(body));
}
