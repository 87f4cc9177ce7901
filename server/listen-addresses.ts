/**
 * Where phones can reach this server, for join links and QR codes: PUBLIC_URL, or
 * else an address this server really listens on. Never the request's Host header
 * as such: a visitor chooses it, and a join link or QR code built from it
 * (`http://evil.example/j/CODE`) would be shown to the room. A Host that names one
 * of the listening addresses picks that one, so a facilitator who opened Oogst on
 * the Wi-Fi's address gets that address on a laptop with several networks.
 */
import type { AddressInfo } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { Config } from './config.js';

export interface JoinBase {
  url: string;
  /** False when no phone can reach `url`: Oogst listens on loopback only, or this machine has no network. */
  reachable: boolean;
}

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

const LOOPBACK = /^(127\.|::1$|::ffff:127\.|localhost$)/i;
const bracketed = (address: string) => (address.includes(':') ? `[${address}]` : address);

/** How long the machine's addresses are taken as read: a laptop that moves to another Wi-Fi is right again within seconds. */
const INTERFACES_TTL_MS = 5_000;
let read: { at: number; interfaces: Interfaces } | undefined;

/** The machine's network interfaces, read at most once in INTERFACES_TTL_MS: every join's answer names the join address, and reading them cost a quarter millisecond. */
function currentInterfaces(now = Date.now()): Interfaces {
  if (!read || now - read.at >= INTERFACES_TTL_MS) read = { at: now, interfaces: networkInterfaces() };
  return read.interfaces;
}

/** The URLs phones on the network can use: each interface's IPv4 address when listening on all of them, else the one address (none on loopback). */
export function networkUrls(address: string, port: number, interfaces: Interfaces = currentInterfaces()): string[] {
  if (address === '0.0.0.0' || address === '::')
    return Object.values(interfaces)
      .flat()
      .filter((i): i is NetworkInterfaceInfo => !!i && i.family === 'IPv4' && !i.internal)
      .map((i) => `http://${i.address}:${port}`);
  if (LOOPBACK.test(address)) return [];
  return [`http://${bracketed(address)}:${port}`];
}

export function joinBase(config: Config, listening: AddressInfo | string | null, host?: string, interfaces?: Interfaces): JoinBase {
  if (config.publicUrl) return { url: config.publicUrl, reachable: true };
  if (!listening || typeof listening === 'string') return { url: `http://localhost:${config.port}`, reachable: false };
  const urls = networkUrls(listening.address, listening.port, interfaces);
  const asked = host && urls.find((url) => url === `http://${host.toLowerCase()}`);
  const url = asked || urls[0];
  if (url) return { url, reachable: true };
  return { url: `http://${LOOPBACK.test(listening.address) ? bracketed(listening.address) : 'localhost'}:${listening.port}`, reachable: false };
}

/** What Oogst prints once it listens: where to go, and plainly when phones cannot reach it. */
export function startBanner(config: Config, listening: AddressInfo, interfaces?: Interfaces): string[] {
  const urls = networkUrls(listening.address, listening.port, interfaces);
  const lines = ['', '  Oogst is running.', `  On this computer:  http://localhost:${listening.port}`];
  lines.push(...urls.map((url) => `  On the network:    ${url}   (phones in the same Wi-Fi)`));
  if (config.publicUrl) lines.push(`  Public address:    ${config.publicUrl}   (used in QR codes)`);
  else if (!urls.length)
    lines.push(
      LOOPBACK.test(listening.address)
        ? `  Phones cannot reach this server: it listens only on this computer (HOST=${config.host}).`
        : '  Phones cannot reach this server: this computer has no network address.',
      '  The screen says so instead of showing a QR code. Start Oogst with HOST=0.0.0.0 on the',
      "  phones' Wi-Fi, or set PUBLIC_URL to the address phones use.",
    );
  if (typeof config.trustProxy === 'number' && !LOOPBACK.test(listening.address))
    lines.push(
      `  TRUST_PROXY counts proxies (${config.trustProxy}) while Oogst listens on the network: a visitor who`,
      "  reaches it directly can claim any address. Use HOST=127.0.0.1, or list the proxies' addresses (docs/DEPLOY.md).",
    );
  return lines;
}
