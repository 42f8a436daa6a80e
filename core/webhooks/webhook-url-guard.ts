import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

import { CrmMlError } from '../errors/crm-ml-error.js';

/** The opt-in that lets subscriptions target loopback and private networks (development, tests). */
export const ALLOW_PRIVATE_WEBHOOKS_VARIABLE = 'CRM_ML_WEBHOOKS_ALLOW_PRIVATE';

/** True when the environment opts in to private webhook destinations. */
export function privateWebhookUrlsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[ALLOW_PRIVATE_WEBHOOKS_VARIABLE] === 'true';
}

// Everything a server-side request must not reach on a tenant's say-so: loopback, private and
// shared (CGNAT, which holds Alibaba's 100.100.100.200 metadata) ranges, link-local (AWS, GCP and
// Azure metadata at 169.254.169.254), unique-local IPv6 (AWS fd00:ec2::254), multicast, reserved.
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

const BLOCKED_NAMES = new Set(['localhost', 'metadata', 'metadata.google.internal']);

/** The 8 groups of an IPv6 address as numbers. */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

/** The IPv4 address an IPv6 one carries (mapped, NAT64, 6to4), or null. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const quad = (high: number, low: number): string =>
    [high >> 8, high & 255, low >> 8, low & 255].join('.');
  const zeroUpTo = (n: number): boolean => g.slice(0, n).every((group) => group === 0);
  if (zeroUpTo(5) && g[5] === 0xffff) return quad(g[6] ?? 0, g[7] ?? 0);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return quad(g[6] ?? 0, g[7] ?? 0);
  }
  if (g[0] === 0x2002) return quad(g[1] ?? 0, g[2] ?? 0);
  return null;
}

/** True when a webhook must not be sent to this IP address. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;

  const unzoned = address.split('%')[0] ?? address;
  const inner = embeddedIpv4(unzoned);
  if (inner !== null && blocked.check(inner, 'ipv4')) return true;
  return blocked.check(unzoned, 'ipv6');
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** Why a subscription URL is refused before any DNS lookup (literal address or local name). */
export function forbiddenUrlReason(url: string): string | null {
  const host = hostOf(new URL(url));
  if (isIP(host) !== 0) {
    return isForbiddenAddress(host)
      ? `${host} is a loopback, private, link-local or metadata address`
      : null;
  }
  const name = host.replace(/\.$/, '');
  if (BLOCKED_NAMES.has(name) || name.endsWith('.localhost')) {
    return `${name} names a local or metadata host`;
  }
  return null;
}

/**
 * Refuses a delivery whose host resolves to any forbidden address, so a public-looking name
 * pointed at 127.0.0.1 or the metadata service is not reached. The name is resolved again when
 * `fetch` connects, so a DNS answer that changes in between is not caught.
 */
export async function assertDeliverableUrl(
  url: string,
  resolveHost: HostResolver = systemResolver,
): Promise<void> {
  const reason = await forbiddenHostReason(url, resolveHost);
  if (reason !== null) throw forbidden(url, reason);
}

/**
 * Why a server-side request to `url` is refused: its host is, or resolves to, a forbidden
 * address. Null when it may be reached. Shared by webhook deliveries and CRM base URLs.
 */
export async function forbiddenHostReason(
  url: string,
  resolveHost: HostResolver = systemResolver,
): Promise<string | null> {
  const reason = forbiddenUrlReason(url);
  if (reason !== null) return reason;

  const host = hostOf(new URL(url));
  if (isIP(host) !== 0) return null;
  const bad = (await resolveHost(host)).find((address) => isForbiddenAddress(address));
  return bad === undefined ? null : `${host} resolves to ${bad}, a loopback or private address`;
}

/** Every address a host name resolves to. */
export type HostResolver = (host: string) => Promise<string[]>;

const systemResolver: HostResolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

function forbidden(url: string, reason: string): CrmMlError {
  return new CrmMlError(
    'webhook_url_forbidden',
    `webhook url ${url} refused: ${reason} ` +
      `(set ${ALLOW_PRIVATE_WEBHOOKS_VARIABLE}=true to allow in development)`,
    { details: [{ path: 'url', message: reason }] },
  );
}

/** The creation-time check: a `webhook_url_forbidden` error naming `url`, or nothing. */
export function assertSubscribableUrl(url: string): void {
  const reason = forbiddenUrlReason(url);
  if (reason !== null) throw forbidden(url, reason);
}
