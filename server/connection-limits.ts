/**
 * Connections one address may hold, and how long a half-sent request may take.
 *
 * Node holds a connection that sends its headers slowly (or nothing at all) until
 * headersTimeout, checked every connectionsCheckingInterval: by default 60 s and
 * 30 s, so ~100 s, with no limit per address, until new connections failed.
 * Oogst closes it after headersTimeoutMs (10 s) and counts the open connections
 * of each address; past the cap, a new one is closed at once. Once a request's
 * head and body are in, nothing here limits how long its answer takes: a
 * socket.io long-poll waits up to 20 s, and WebSockets (socket.io's, the live
 * feed) leave the HTTP server's timeouts behind when they upgrade.
 *
 * A trusted proxy (TRUST_PROXY) carries many visitors on its connections, so its
 * own are not counted; the proxy limits connections per visitor (DEPLOY.md).
 */
import type { Server as HttpServer, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { proxyMatcher } from './proxy-trust.js';

/** How often a refusal is logged at most: a flood writes one line a minute, not one per connection. */
const LOG_EVERY_MS = 60_000;
/** Idle keep-alive connections close after this (Fastify's default is 72 s): a phone that loaded the page holds no spare ones for long. */
export const KEEP_ALIVE_MS = 10_000;

/** The Node HTTP server's own options: headers within the limit, checked every second or faster. */
export function httpServerOptions(config: Config): ServerOptions {
  return {
    headersTimeout: config.headersTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, Math.ceil(config.headersTimeoutMs / 2)),
  };
}

export function limitConnections(server: HttpServer, config: Config, log: Pick<FastifyBaseLogger, 'warn'>) {
  const isProxy = proxyMatcher(config.trustProxy);
  const open = new Map<string, number>();
  let refused = 0;
  let example: string | undefined;
  let quiet: NodeJS.Timeout | undefined;

  // The first refusal is logged at once; later ones a minute at a time, while they go on.
  const flush = () => {
    if (!refused) return (quiet = undefined);
    log.warn(
      { refused, address: example, cap: config.maxConnectionsPerAddress },
      `refused ${refused} connection(s): more than ${config.maxConnectionsPerAddress} open from one address (e.g. ${example})`,
    );
    refused = 0;
    example = undefined;
    quiet = setTimeout(flush, LOG_EVERY_MS).unref();
  };
  const refuse = (socket: Socket, address: string) => {
    socket.destroy();
    refused++;
    example ??= address;
    if (!quiet) flush();
  };

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (!address || isProxy(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > config.maxConnectionsPerAddress) return refuse(socket, address);
    open.set(address, count);
    socket.once('close', () => {
      const left = open.get(address)! - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
