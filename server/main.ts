/** Starts Oogst: reads the environment, opens the store, listens, and prints where to go. */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildApp } from './app.js';
import { configFromEnv } from './config.js';
import { startBanner } from './listen-addresses.js';
import { SqliteStore } from './store/sqlite-store.js';

const config = configFromEnv();
// PostgreSQL's client is loaded only when it is used, so the embedded default starts as fast as before.
const store = config.databaseUrl
  ? await (await import('./store/pg-store.js')).PgStore.open(config.databaseUrl, { schema: config.databaseSchema })
  : new SqliteStore(join(config.dataDir, 'oogst.sqlite'), { synchronous: config.sqliteSynchronous });
const app = await buildApp({ config, store });

await app.listen({ host: config.host, port: config.port });

const lines = [
  ...startBanner(config, app.server.address() as AddressInfo),
  config.databaseUrl ? `  Data is kept in:   PostgreSQL, schema ${config.databaseSchema}` : `  Data is kept in:   ${config.dataDir}`,
  ...(config.redisUrl ? [`  Joined to the other servers through Redis (${config.redisPrefix})`] : []),
  '',
];
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await store.close();
    process.exit(0);
  });
}
