/** Settings from the environment, read once at start. Every variable is documented in README.md. */
import { availableParallelism } from 'node:os';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export interface Config {
  host: string;
  port: number;
  /** Base URL phones use (QR codes, join links). Unset: an address this server listens on (server/listen-addresses.ts). */
  publicUrl?: string;
  /**
   * Which proxies may say who the visitor is (X-Forwarded-For, -Proto): none (false);
   * the nearest `n` hops, so the visitor is the address the outermost of them saw;
   * or the proxies' own addresses and CIDR ranges.
   */
  trustProxy: false | number | string[];
  /** Wrong join codes one address may try at once, and then one per this many milliseconds (guess-limiter.ts). */
  wrongCodeBurst: number;
  wrongCodeIntervalMs: number;
  /** A connection's request headers must arrive within this, and a whole request (an import's body too) within the second. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Open TCP connections one address may hold; a trusted proxy's are not counted (connection-limits.ts). */
  maxConnectionsPerAddress: number;
  dataDir: string;
  /** SQLite's durability: 'normal' survives a process crash, 'full' also a power cut. */
  sqliteSynchronous: 'normal' | 'full';
  /** Most participants one session accepts. */
  maxParticipants: number;
  /** Commands one connection may send at once, and per second after that. */
  commandBurst: number;
  commandsPerSecond: number;
  /** Live-feed connections one session allows, and the unsent bytes after which a feed client counts as too slow. */
  maxFeedConnections: number;
  feedBufferBytes: number;
  /** Several servers: PostgreSQL as the shared store (DATABASE_URL) instead of the SQLite file, in DATABASE_SCHEMA. */
  databaseUrl?: string;
  databaseSchema: string;
  /** Several servers: Redis joins their socket.io servers (REDIS_URL); REDIS_PREFIX names the keys and channels. */
  redisUrl?: string;
  redisPrefix: string;
  /** On a public server, the password that creating (or importing) an arena asks for; unset: anyone may. */
  adminPassword?: string;
  /** Per address: arenas, sessions, script saves and imports an hour (all at once if need be), and joins at once and per second after. */
  perAddress: { arenasPerHour: number; sessionsPerHour: number; scriptSavesPerHour: number; importsPerHour: number; joinBurst: number; joinsPerSecond: number; logbookEntriesPerHour: number; uploadBurst: number; uploadsPerSecond: number };
  /** Largest arena file an import accepts, in bytes. */
  maxImportBytes: number;
  /** Free space the data folder must keep: below it new arenas, sessions and imports are refused. */
  minFreeDiskBytes: number;
  /** Heavy work (harvests, exports, imports) in worker threads: how many run at once, and how many may wait. */
  heavyWorkers: number;
  heavyQueue: number;
  /** A loaded session no screen, console, phone or feed has watched for this long is let go (reloaded from the log on demand). */
  sessionUnloadMs: number;
  /** How much the server logs (LOG_LEVEL), and whether every HTTP request is logged (LOG_REQUESTS=true). */
  logLevel: LogLevel;
  logRequests: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const positive = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${env[name]}"`);
    return value;
  };
  const atLeastZero = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be zero or a positive number, not "${env[name]}"`);
    return value;
  };
  let publicUrl = env.PUBLIC_URL?.trim() || undefined;
  if (publicUrl) {
    const url = new URL(publicUrl); // throws on a malformed value, at start rather than in a QR code
    publicUrl = url.origin + url.pathname.replace(/\/+$/, '');
  }
  const config: Config = {
    host: env.HOST ?? '0.0.0.0',
    port,
    publicUrl,
    dataDir: resolve(env.OOGST_DATA_DIR ?? './data'),
    sqliteSynchronous: synchronous(env.OOGST_SQLITE_SYNCHRONOUS),
    maxParticipants: Math.floor(positive('OOGST_MAX_PARTICIPANTS', 5000)),
    // Twenty at once, then three a second: more than a person types, less than a script floods.
    commandBurst: positive('OOGST_COMMAND_BURST', 20),
    commandsPerSecond: positive('OOGST_COMMANDS_PER_SECOND', 3),
    // A few displays, overlays and bots, not an audience: the audience joins by code.
    maxFeedConnections: Math.floor(positive('OOGST_MAX_FEED_CONNECTIONS', 16)),
    // About a thousand events, or a few snapshots, waiting: a client that far behind reconnects with ?after=.
    feedBufferBytes: Math.floor(positive('OOGST_FEED_BUFFER_BYTES', 1024 * 1024)),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    databaseSchema: env.DATABASE_SCHEMA?.trim() || 'public',
    redisUrl: env.REDIS_URL?.trim() || undefined,
    redisPrefix: env.REDIS_PREFIX?.trim() || 'oogst',
    adminPassword: env.OOGST_ADMIN_PASSWORD || undefined,
    // A facilitator makes a handful of sessions an hour; a training day puts 30 behind one address.
    // The reasoning and the measured figures are in docs/RELIABILITY.md, "Hostile input and abuse".
    perAddress: {
      arenasPerHour: positive('OOGST_ARENAS_PER_HOUR', 60),
      sessionsPerHour: positive('OOGST_SESSIONS_PER_HOUR', 300),
      scriptSavesPerHour: positive('OOGST_SCRIPT_SAVES_PER_HOUR', 1200),
      importsPerHour: positive('OOGST_IMPORTS_PER_HOUR', 10),
      // A venue's 400 phones behind one router join at once; a script filling a session is slowed to 5 a second.
      joinBurst: positive('OOGST_JOIN_BURST', 400),
      joinsPerSecond: positive('OOGST_JOINS_PER_SECOND', 5),
      // Entries in an arena's logbook between meetings: a household writing notes, not a script filling it.
      logbookEntriesPerHour: positive('OOGST_LOGBOOK_ENTRIES_PER_HOUR', 60),
      // The end of a workshop: 80 phones behind one router send their photos of the flip-overs within a minute or two.
      uploadBurst: positive('OOGST_UPLOAD_BURST', 240),
      uploadsPerSecond: positive('OOGST_UPLOADS_PER_SECOND', 2),
    },
    maxImportBytes: Math.floor(positive('OOGST_MAX_IMPORT_MB', 32) * 1024 * 1024),
    minFreeDiskBytes: Math.floor(positive('OOGST_MIN_FREE_DISK_MB', 200) * 1024 * 1024),
    // One core stays with the event loop; two at most, so three Word harvests at once wait their turn.
    heavyWorkers: Math.floor(positive('OOGST_HEAVY_WORKERS', Math.min(2, Math.max(1, availableParallelism() - 1)))),
    heavyQueue: Math.floor(atLeastZero('OOGST_HEAVY_QUEUE', 8)),
    sessionUnloadMs: positive('OOGST_SESSION_UNLOAD_MINUTES', 10) * 60_000,
    trustProxy: trustProxy(env.TRUST_PROXY),
    // A room's typos answered at once; a guesser's 360 an hour (the arithmetic is in guess-limiter.ts).
    wrongCodeBurst: Math.floor(positive('OOGST_WRONG_CODE_BURST', 50)),
    wrongCodeIntervalMs: positive('OOGST_WRONG_CODE_SECONDS', 10) * 1000,
    // A phone on slow 3G sends its headers in well under a second; a 64 MB import at 1 MB/s takes about a minute.
    headersTimeoutMs: Math.round(positive('OOGST_HEADERS_TIMEOUT_SECONDS', 10) * 1000),
    requestTimeoutMs: Math.round(positive('OOGST_REQUEST_TIMEOUT_SECONDS', 120) * 1000),
    // A venue router with 400 phones: a WebSocket each (two connections when long-polling), and a few more while a page loads.
    maxConnectionsPerAddress: Math.floor(positive('OOGST_MAX_CONNECTIONS_PER_ADDRESS', 2000)),
    logLevel: logLevel(env.LOG_LEVEL),
    logRequests: env.LOG_REQUESTS === 'true',
  };
  if (config.headersTimeoutMs > config.requestTimeoutMs)
    throw new Error('OOGST_HEADERS_TIMEOUT_SECONDS must not be longer than OOGST_REQUEST_TIMEOUT_SECONDS');
  return config;
}

/**
 * TRUST_PROXY: unset or "false", no proxy; "true" or a number, that many proxies in front
 * ("true" is one: the visitor is the last X-Forwarded-For entry, the address the proxy saw,
 * whatever the visitor wrote before it); else a comma-separated list of the proxies'
 * addresses and CIDR ranges.
 */
function trustProxy(value: string | undefined): Config['trustProxy'] {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return 1;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v.split(',').map((s) => s.trim());
  for (const entry of list) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (!family || !bitsOk || extra !== undefined)
      throw new Error(`TRUST_PROXY must be true, false, a number of proxies or their addresses (e.g. 127.0.0.1,10.0.0.0/8), not "${value}"`);
  }
  return list;
}

function logLevel(value: string | undefined): LogLevel {
  const level = LOG_LEVELS.find((l) => l === (value?.trim().toLowerCase() || 'info'));
  if (!level) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${value}"`);
  return level;
}

function synchronous(value: string | undefined): 'normal' | 'full' {
  const v = (value ?? 'normal').toLowerCase();
  if (v !== 'normal' && v !== 'full') throw new Error(`OOGST_SQLITE_SYNCHRONOUS must be "normal" or "full", not "${value}"`);
  return v;
}
