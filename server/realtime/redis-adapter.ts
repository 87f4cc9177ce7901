/** The socket.io Redis Streams adapter and its Redis client: loaded only when REDIS_URL is set (see cluster.ts). */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';

export interface RedisAdapter {
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

/** Connects to Redis and makes the adapter; `prefix` names its stream and channels (one per installation or test). */
export async function redisAdapter(url: string, prefix: string): Promise<RedisAdapter> {
  const client = createClient({ url });
  // Reconnects by itself; a dropped connection must not crash the server.
  client.on('error', () => undefined);
  await client.connect();
  const adapter = createAdapter(client, {
    streamName: `${prefix}:stream`,
    channelPrefix: prefix,
    sessionKeyPrefix: `${prefix}:session:`,
    // Shorter than the default 5 s, so a stopping server's reader ends soon after.
    blockTimeInMs: 1000,
  });
  return {
    adapter,
    async close() {
      if (client.isOpen) await client.quit().catch(() => undefined);
    },
  };
}
