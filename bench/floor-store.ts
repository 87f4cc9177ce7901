/**
 * The stored floor (`npm run bench -- --servers 2 --floor stored`): what two servers
 * on PostgreSQL and Redis cost when they do nothing of Oogst's own. Each event is
 * stored the way Oogst stores it (what waits is one batch; the session's row locked
 * and what the other server stored read, in one round trip; the INSERT and COMMIT in
 * the next, `synchronous_commit` as the database has it), then delivered by this
 * server to its own connections and told to the other server in one message over
 * socket.io's Redis Streams adapter, which delivers it to its own. No validation, no
 * reducer, no projection, no authorisation: the difference between Oogst and this
 * floor is what Oogst's code costs; the difference between this floor and the bare
 * one is what storing durably and crossing servers costs.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import pg from 'pg';
import { createClient } from 'redis';

export interface StoredFloor {
  /** Stores `make(seq)` for each seq the batch gives it, then answers with the event. */
  store<E>(make: (seq: number) => E): Promise<E>;
  adapter: ReturnType<typeof createAdapter>;
}

const SESSION = 'floor-session';

export async function storedFloor(databaseUrl: string, schema: string, redisUrl: string, prefix: string): Promise<StoredFloor> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: `-c search_path=${schema}` });
  pool.on('error', () => undefined);
  // Both servers start at once: the advisory lock, held until the tables are committed, lets one make them.
  const setup = await pool.connect();
  try {
    await setup.query('SELECT pg_advisory_lock(7311)');
    await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema};
      CREATE TABLE IF NOT EXISTS ${schema}.floor_sessions (id TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS ${schema}.floor_events (session_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (session_id, seq));
      INSERT INTO ${schema}.floor_sessions VALUES ('${SESSION}') ON CONFLICT DO NOTHING`);
  } finally {
    await setup.query('SELECT pg_advisory_unlock(7311)');
    setup.release();
  }

  const redis = createClient({ url: redisUrl });
  redis.on('error', () => undefined);
  await redis.connect();
  const adapter = createAdapter(redis, { streamName: `${prefix}:stream`, channelPrefix: prefix, sessionKeyPrefix: `${prefix}:session:`, blockTimeInMs: 1000 });

  let known = 0;
  let busy = false;
  const waiting: { make: (seq: number) => unknown; done: (event: unknown) => void; failed: (error: unknown) => void }[] = [];
  async function drain() {
    busy = true;
    while (waiting.length) {
      const batch = waiting.splice(0, 500);
      const client = await pool.connect();
      try {
        const results = (await client.query(
          `BEGIN; SELECT 1 FROM floor_sessions WHERE id = '${SESSION}' FOR NO KEY UPDATE; SELECT seq, id, payload FROM floor_events WHERE session_id = '${SESSION}' AND seq > ${known} ORDER BY seq`,
        )) as unknown as pg.QueryResult<{ seq: number }>[];
        known = results[2]!.rows.at(-1)?.seq ?? known;
        const events = batch.map((w) => w.make(++known));
        const rows = events.map((e, i) => `('${SESSION}', ${known - batch.length + 1 + i}, ${client.escapeLiteral(`e${known - batch.length + 1 + i}`)}, ${client.escapeLiteral(JSON.stringify(e))})`);
        await client.query(`INSERT INTO floor_events (session_id, seq, id, payload) VALUES ${rows.join(', ')}; COMMIT`);
        batch.forEach((w, i) => w.done(events[i]));
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        for (const w of batch) w.failed(error);
      } finally {
        client.release();
      }
    }
    busy = false;
  }
  return {
    adapter,
    store: <E>(make: (seq: number) => E) =>
      new Promise<E>((done, failed) => {
        waiting.push({ make, done: done as (event: unknown) => void, failed });
        if (!busy) void drain();
      }),
  };
}
