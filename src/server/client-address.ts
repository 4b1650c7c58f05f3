import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './context';

/** IPv4-mapped IPv6 (`::ffff:10.0.0.5`, as Node gives it on a dual-stack socket) as IPv4. */
function normalise(address: string): string {
  return address
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

const lists = new WeakMap<readonly string[], BlockList>();

/** Is `address` one of the configured proxies (`TRUSTED_PROXIES`, `address/prefix` each)? */
export function isTrustedProxy(trusted: readonly string[], address: string): boolean {
  let list = lists.get(trusted);
  if (!list) {
    list = new BlockList();
    for (const entry of trusted) {
      const [net = '', prefix = ''] = entry.split('/');
      list.addSubnet(net, Number(prefix), isIP(net) === 6 ? 'ipv6' : 'ipv4');
    }
    lists.set(trusted, list);
  }
  const a = normalise(address);
  const family = isIP(a);
  return family !== 0 && list.check(a, family === 6 ? 'ipv6' : 'ipv4');
}

/** The address of the other end of the connection ('local' for in-process requests in tests). */
function peerAddress(c: Context<AppEnv>): string {
  try {
    return normalise(getConnInfo(c).remote.address ?? 'unknown');
  } catch {
    // In-process requests (tests) have no socket.
    return 'local';
  }
}

/**
 * Did this request reach us through a proxy we trust: `TRUST_PROXY=1` and the connection comes
 * from an address in `TRUSTED_PROXIES`? Only then are its X-Forwarded-* headers believed; anyone
 * else who sends them is taken at the socket's word.
 */
export function isFromTrustedProxy(c: Context<AppEnv>): boolean {
  const { trustProxy, trustedProxies } = c.get('deps').config;
  return trustProxy && isTrustedProxy(trustedProxies, peerAddress(c));
}

/**
 * The client's address. Through a trusted proxy it is the last X-Forwarded-For hop that is not
 * itself a trusted proxy, read from the right (hops further left are whatever the client chose
 * to send); else the socket's.
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (isFromTrustedProxy(c)) {
    const { trustedProxies } = c.get('deps').config;
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map(normalise).filter(Boolean);
    // through a chain of trusted proxies only, the first hop is the client
    const client = [...hops].reverse().find((hop) => !isTrustedProxy(trustedProxies, hop));
    const chosen = client ?? hops[0];
    if (chosen) return chosen;
  }
  return peerAddress(c);
}
