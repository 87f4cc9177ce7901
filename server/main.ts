/** Starts Oogst: reads the environment, opens the store, listens, and prints where to go. */
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import { configFromEnv } from './config.js';
import { startBanner } from './listen-addresses.js';
import { openStore } from './store/open-store.js';
import { StoreFault } from './store/store-errors.js';

const config = configFromEnv();
const store = await openStore(config).catch((error: unknown) => {
  // A store Oogst cannot use is the operator's to fix: say what and how, without a stack trace.
  if (!(error instanceof StoreFault)) throw error;
  console.error(`\n  Oogst cannot start: ${error.message}\n`);
  process.exit(1);
});
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
