/**
 * What an anonymous visitor may make, and whether there is room to keep it:
 * per-address limits on new arenas, sessions, script saves, imports and joins,
 * and the free disk space a new thing needs. Running sessions are never refused
 * here: a full disk stops new arenas, not the room that is talking.
 */
import { statfs } from 'node:fs/promises';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Config } from './config.js';
import { HttpError } from './http-errors.js';
import { KeyedBuckets } from './realtime/token-bucket.js';
import type { StoreHealth } from './store/watched-store.js';

export type Making = 'arena' | 'session' | 'script' | 'import' | 'join' | 'logbook' | 'upload';

/** Free bytes where the store keeps its data. */
export type DiskProbe = () => Promise<number>;

/** How long a free-space reading is trusted. */
export const DISK_CHECK_MS = 5000;

const HOUR = 3600;
const WHAT: Record<Making, string> = {
  arena: 'new arenas',
  session: 'new sessions',
  script: 'saved scripts',
  import: 'imports',
  join: 'new participants joining',
  logbook: 'logbook entries',
  upload: 'uploaded files',
};

/** The data folder's free space, read with statfs at most every `everyMs`, however busy the server. */
export function dataDirProbe(dir: string, everyMs = DISK_CHECK_MS): DiskProbe {
  let last = { at: -Infinity, free: 0 };
  let reading: Promise<number> | undefined;
  const read = async () => {
    const s = await statfs(dir);
    last = { at: Date.now(), free: s.bavail * s.bsize };
    return last.free;
  };
  return async () => {
    if (Date.now() - last.at <= everyMs) return last.free;
    return (reading ??= read().finally(() => (reading = undefined)));
  };
}

/**
 * What one visitor controls: an IPv4 address, or a whole IPv6 /64 (a home, a phone
 * or a venue gets at least one, so counting single IPv6 addresses would count nothing).
 */
export function addressKey(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.replace(/%.*$/, '').toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

export class Admission {
  private readonly buckets: Record<Making, KeyedBuckets>;
  private lowBefore = false;

  constructor(
    private readonly config: Config,
    /** Unset: nothing to measure (the store is PostgreSQL, on another machine). */
    private readonly probe: DiskProbe | undefined,
    private readonly store: StoreHealth,
    private readonly log: FastifyBaseLogger,
  ) {
    const p = config.perAddress;
    const hourly = (n: number) => new KeyedBuckets(n, n / HOUR);
    this.buckets = {
      arena: hourly(p.arenasPerHour),
      session: hourly(p.sessionsPerHour),
      script: hourly(p.scriptSavesPerHour),
      import: hourly(p.importsPerHour),
      join: new KeyedBuckets(p.joinBurst, p.joinsPerSecond),
      logbook: hourly(p.logbookEntriesPerHour),
      upload: new KeyedBuckets(p.uploadBurst, p.uploadsPerSecond),
    };
  }

  /** 429 with Retry-After when `address` made too many of `what` lately; otherwise counts one. */
  limit(what: Making, address: string, now = Date.now()) {
    const wait = this.buckets[what].take(addressKey(address), now);
    if (!wait) return;
    const later = wait === 1 ? 'a second' : wait < 120 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`;
    throw Object.assign(new HttpError(429, 'rate-limited', `Too many ${WHAT[what]} from this address; try again in ${later}.`), { retryAfter: wait });
  }

  /** 507 when the data folder is nearly full: new things wait, so the running sessions keep room to store. */
  async needsRoom() {
    if (await this.diskLow())
      throw new HttpError(
        507,
        'disk-full',
        'The server is almost out of disk space, so it makes no new arenas, sessions, scripts or imports now. Running sessions carry on. Ask whoever runs this server to free space.',
      );
  }

  /** For a route's onRequest: the address's limit for `what`, then the free space, before the body is even read. */
  gate(what: Exclude<Making, 'join' | 'logbook' | 'upload'>) {
    return async (request: FastifyRequest) => {
      this.limit(what, request.ip);
      await this.needsRoom();
    };
  }

  /** What /healthz says: `ok`, or `degraded` with what is wrong and what to do. */
  async health(): Promise<{ status: 'ok' | 'degraded'; store: 'ok' | 'failing'; disk: 'ok' | 'low'; message?: string }> {
    const failures = this.store.failing();
    const low = await this.diskLow();
    const problems = [
      ...(failures ? [`${failures} store operation(s) failed in the last minute: see the server log`] : []),
      ...(low ? [this.lowDisk()] : []),
    ];
    return {
      status: problems.length ? 'degraded' : 'ok',
      store: failures ? 'failing' : 'ok',
      disk: low ? 'low' : 'ok',
      ...(problems.length ? { message: `${problems.join('; ')}.` } : {}),
    };
  }

  private async diskLow(): Promise<boolean> {
    if (!this.probe) return false;
    let low: boolean;
    try {
      low = (await this.probe()) < this.config.minFreeDiskBytes;
    } catch (error) {
      // Unknown is not low: a probe that fails must not stop the server from making arenas.
      this.log.warn({ err: error }, 'could not read the free disk space of the data folder');
      low = false;
    }
    if (low && !this.lowBefore) this.log.error(this.lowDisk());
    if (!low && this.lowBefore) this.log.info('disk space is back: new arenas, sessions and imports are accepted again');
    this.lowBefore = low;
    return low;
  }

  private lowDisk() {
    return `less than ${Math.round(this.config.minFreeDiskBytes / 1048576)} MB free in the data folder: new arenas, sessions, scripts and imports are refused`;
  }
}
