/** Starts Oogst: reads the environment, opens the store, listens, and prints where to go. */
import { networkInterfaces } from 'node:os';
import { buildApp } from './app.js';
import { configFromEnv } from './config.js';
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
const port = (app.server.address() as { port: number }).port;

const lan = Object.values(networkInterfaces())
  .flat()
  .filter((i) => i && i.family === 'IPv4' && !i.internal)
  .map((i) => `http://${i!.address}:${port}`);
config.lanUrl = lan[0];
const lines = [
  '',
  '  Oogst is running.',
  `  On this computer:  http://localhost:${port}`,
  ...(config.host === '0.0.0.0' || config.host === '::' ? lan.map((url) => `  On the network:    ${url}   (phones in the same Wi-Fi)`) : []),
  ...(config.publicUrl ? [`  Public address:    ${config.publicUrl}   (used in QR codes)`] : []),
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
