/**
 * PostgreSQL and Redis for the tests of the shared store and of several servers.
 * Each test run gets its own PostgreSQL schema and Redis key prefix, so files that
 * Vitest runs in parallel never see each other's data. When a service is down the
 * tests fail with how to start it, unless OOGST_SKIP_POSTGRES=1 / OOGST_SKIP_REDIS=1.
 * The benchmark's two-server mode uses the same helpers.
 */
import { customAlphabet } from 'nanoid';
import pg from 'pg';
import { createClient } from 'redis';

export const POSTGRES_URL = process.env.OOGST_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.OOGST_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const skipPostgres = process.env.OOGST_SKIP_POSTGRES === '1';
export const skipRedis = process.env.OOGST_SKIP_REDIS === '1';

const suffix = customAlphabet('abcdefghijklmnopqrstuvwxyz0123456789', 12);

/** A schema name no other test run uses. */
export const freshSchema = () => `oogst_t_${suffix()}`;
/** A Redis key prefix (stream name) no other test run uses. */
export const freshRedisPrefix = () => `oogst-t-${suffix()}`;

export async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_URL} (${(error as Error).message}). ` +
        `Start it, e.g. \`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\` (CI does this), ` +
        `point OOGST_TEST_DATABASE_URL at another server, or set OOGST_SKIP_POSTGRES=1 to skip these tests.`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function requireRedis(): Promise<void> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${REDIS_URL} (${(error as Error).message}). ` +
        `Start it, e.g. \`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\` (CI does this), ` +
        `point OOGST_TEST_REDIS_URL at another server, or set OOGST_SKIP_REDIS=1 to skip these tests.`,
      { cause: error },
    );
  } finally {
    if (client.isOpen) await client.quit().catch(() => undefined);
  }
}

export async function dropSchema(schema: string, url = POSTGRES_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Removes the keys a test run left in Redis (the adapter's stream). */
export async function dropRedisKeys(prefix: string, url = REDIS_URL): Promise<void> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) keys.push(...batch);
    if (keys.length) await client.del(keys);
  } finally {
    await client.quit();
  }
}
