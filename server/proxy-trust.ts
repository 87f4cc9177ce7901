/**
 * Who a request comes from behind a reverse proxy (TRUST_PROXY, see config.ts).
 * A proxy like nginx with `$proxy_add_x_forwarded_for` appends the address it saw
 * to whatever X-Forwarded-For the visitor sent, so only entries added by trusted
 * proxies count: walking from the right, the first address not vouched for is the
 * visitor's. A visitor's own prefix never changes it.
 */
import { BlockList, isIPv6 } from 'node:net';
import type { Config } from './config.js';

/** Fastify's trustProxy: a hop count as a function (Fastify refuses a bare number), a list as it is. */
export function fastifyTrust(trust: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

/**
 * Whether a TCP peer is a trusted proxy, whose connections carry many visitors. With a
 * hop count every peer is (Oogst is then reachable only through the proxy); with a list,
 * the listed addresses.
 */
export function proxyMatcher(trust: Config['trustProxy']): (address: string | undefined) => boolean {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return () => true;
  const list = new BlockList();
  for (const entry of trust) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const type = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return (address) => {
    if (!address) return false;
    const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    return list.check(plain, isIPv6(plain) ? 'ipv6' : 'ipv4');
  };
}
