/**
 * The Oogst app as a Fastify instance that tests build on port 0 with a temporary
 * store. Order: error handling and validation, security headers, then routes,
 * then the realtime layer on the same HTTP server.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import helmet from '@fastify/helmet';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { Admission, dataDirProbe, type DiskProbe } from './admission.js';
import { joinBaseOf, joinInfo, type AppContext } from './context.js';
import type { Config } from './config.js';
import { HeavyPool } from './heavy/pool.js';
import { HttpError } from './http-errors.js';
import { fastifyTrust } from './proxy-trust.js';
import { httpServerOptions, KEEP_ALIVE_MS, limitConnections } from './connection-limits.js';
import { GUESS_WAITING, GuessLimiter } from './routes/guess-limiter.js';
import { FEED_CHECK_MS, FEED_REPLAY_MAX, FeedHub } from './realtime/feed-server.js';
import { attachRealtime, type Realtime } from './realtime/socket-server.js';
import arenaScriptRoutes from './routes/arena-scripts.js';
import arenaLifecycleRoutes from './routes/arena-lifecycle.js';
import arenaPartRoutes from './routes/arena-parts.js';
import monitoringTagRoutes from './routes/monitoring-tags.js';
import synthesisRoutes from './routes/synthesis.js';
import arenaRoutes from './routes/arenas.js';
import feedRoutes from './routes/feed.js';
import fileRoutes from './routes/files.js';
import logbookRoutes from './routes/logbook.js';
import contactRoutes from './routes/contacts.js';
import harvestRoutes from './routes/harvests.js';
import metaRoutes from './routes/meta.js';
import pageRoutes from './routes/pages.js';
import sessionRoutes from './routes/sessions.js';
import { loadScriptDir, formatProblem } from './scripts/load-scripts.js';
import { ScriptLibrary } from './scripts/script-library.js';
import { SessionHub } from './sessions/session-hub.js';
import type { Store } from './store/store.js';
import { StoreHealth, watchStore } from './store/watched-store.js';
import { isStoreError } from './store/store-errors.js';
import { check, describe } from './validation.js';

export const ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));

export interface AppOptions {
  config: Config;
  store: Store;
  scriptsDir?: string;
  clientDir?: string;
  logger?: boolean;
  /** Free bytes in the data folder; by default measured there (none with PostgreSQL, whose disk is elsewhere). */
  freeDisk?: DiskProbe;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  // Failures of the store itself (disk full, read-only folder) are counted for /healthz.
  const storeHealth = new StoreHealth();
  const store = watchStore(options.store, storeHealth);
  const scriptsDir = options.scriptsDir ?? join(ROOT, 'facilitation-scripts');
  const { scripts, sources, problems } = loadScriptDir(scriptsDir);

  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel, redact: ['req.headers.authorization'] },
    bodyLimit: 64 * 1024,
    // Keys travel in the Authorization header or a URL fragment, so URLs in logs carry no secret.
    logController: new LogController({ disableRequestLogging: !config.logRequests }),
    trustProxy: fastifyTrust(config.trustProxy),
    http: httpServerOptions(config),
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_MS,
  });
  limitConnections(app.server, config, app.log);
  for (const p of problems) app.log.warn(`facilitation script skipped: ${formatProblem(p)}`);

  // The hub asks the views on this server, made below with the hub, who is present and
  // whether a session is watched (a socket or a feed in it; otherwise it may be unloaded when idle).
  let realtime: Realtime | undefined;
  const hub = new SessionHub({
    store,
    log: app.log,
    unloadAfterMs: config.sessionUnloadMs,
    views: {
      present: (sid) => realtime?.present(sid) ?? [],
      viewed: (sid) => !!realtime?.watched(sid) || ctx.feeds.count(sid) > 0,
    },
  });
  app.addHook('onClose', () => hub.close());
  const ctx: AppContext = {
    config,
    store,
    hub,
    scripts: new ScriptLibrary(scripts, sources, store),
    clientDir: options.clientDir ?? join(ROOT, 'dist', 'client'),
    guesses: new GuessLimiter({ burst: config.wrongCodeBurst, intervalMs: config.wrongCodeIntervalMs, waiting: GUESS_WAITING }),
    feeds: new FeedHub(hub, store, app.log, {
      perSession: config.maxFeedConnections,
      maxBuffered: config.feedBufferBytes,
      maxReplay: FEED_REPLAY_MAX,
      checkEveryMs: FEED_CHECK_MS,
    }),
    admission: new Admission(config, options.freeDisk ?? (config.databaseUrl ? undefined : dataDirProbe(config.dataDir)), storeHealth, app.log),
    heavy: new HeavyPool(store, { workers: config.heavyWorkers, queue: config.heavyQueue }, (err) => app.log.error({ err }, 'heavy work failed')),
    listening: () => app.server.address(),
  };
  app.decorate('oogst', ctx);
  app.addHook('onClose', () => ctx.heavy.close());

  // One schema library for every input: route schemas are TypeBox, checked by TypeBox. Routes take
  // their request types from the same schemas (`TypedApp`, context.ts); the checking is this, text cleaned.
  app.setValidatorCompiler(({ schema }) => (data) => {
    const checked = check(schema as TSchema, data);
    if (checked.ok) return { value: checked.value };
    return { error: new HttpError(400, 'invalid', describe(checked.details) || 'The request is not valid.', checked.details) };
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) {
      if ('retryAfter' in error) reply.header('retry-after', String(error.retryAfter));
      return reply.code(error.statusCode).send({
        error: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
        ...(error.params ? { params: error.params } : {}),
      });
    }
    // A store's error text (SQL, table names) is logged, never sent: the client learns only `internal`.
    const status = isStoreError(error) ? 500 : ((error as { statusCode?: number }).statusCode ?? 500);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const validation = (error as { validation?: unknown }).validation;
    return reply.code(status).send({
      error: status === 413 ? 'too-large' : status < 500 ? 'invalid' : 'internal',
      message: status < 500 ? (error as Error).message : 'Something went wrong on the server; nothing was changed.',
      ...(validation ? { details: validation } : {}),
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'not-found', message: `No route ${request.method} ${request.url.split('?')[0]}.` }),
  );

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // blob: the files of a session, fetched with their key or token (server/routes/files.ts).
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    // Oogst often runs over plain HTTP on a venue's LAN: never push browsers to HTTPS.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });

  // socket.io answers its own upgrades (/socket.io/); the feed's plugin gets every other one.
  const feedUpgrades = new EventEmitter();
  app.server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/socket.io/')) feedUpgrades.emit('upgrade', req, socket, head);
  });
  // A feed is read-only: nothing a client sends is read, so nothing large is accepted.
  await app.register(websocket, {
    options: { server: feedUpgrades as never, maxPayload: 1024 },
    // Feeds end with 1001 "going away", so their clients reconnect (to another node) and resume.
    preClose(done) {
      ctx.feeds.close();
      this.websocketServer.close();
      done();
    },
  });

  await app.register(metaRoutes);
  await app.register(arenaRoutes);
  await app.register(sessionRoutes);
  await app.register(harvestRoutes);
  await app.register(arenaLifecycleRoutes);
  await app.register(contactRoutes);
  await app.register(fileRoutes);
  await app.register(arenaScriptRoutes);
  await app.register(arenaPartRoutes);
  await app.register(monitoringTagRoutes);
  await app.register(synthesisRoutes);
  await app.register(feedRoutes);
  await app.register(logbookRoutes);
  await app.register(pageRoutes);

  realtime = attachRealtime(app.server, {
    store,
    // Loaded only for several servers: the Redis client adds a second to every start.
    ...(config.redisUrl ? { cluster: await (await import('./realtime/redis-adapter.js')).redisAdapter(config.redisUrl, config.redisPrefix) } : {}),
    hub: ctx.hub,
    log: app.log,
    limits: { burst: config.commandBurst, perSecond: config.commandsPerSecond },
    joinInfo: (row, host) => joinInfo(joinBaseOf(ctx, host), row),
  });
  // Before the HTTP server waits for its connections to end: end the live ones, so a
  // stopping server does not keep taking commands (phones reconnect to the next one).
  app.addHook('preClose', () => realtime!.close());
  return app;
}
