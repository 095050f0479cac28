import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, isIPv4, isIPv6, type LookupFunction } from 'node:net';

// IANA's special-purpose registries: nothing a public webhook receiver can legitimately sit on.
const FORBIDDEN_IPV4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network", incl. the unspecified 0.0.0.0
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, incl. cloud metadata at 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // deprecated 6to4 relays
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. the broadcast 255.255.255.255
];

const FORBIDDEN_IPV6: readonly [string, number][] = [
  ['::', 8], // reserved, incl. unspecified ::, loopback ::1 and IPv4-compatible ::a.b.c.d
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments, incl. Teredo
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing
  ['fc00::', 7], // unique local (private)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
];

// One list per family: a BlockList also matches IPv4 addresses against IPv6 rules as ::ffff:a.b.c.d,
// which ::/8 covers. Embedded IPv4 addresses are extracted and judged explicitly instead.
const forbiddenIpv4 = new BlockList();
for (const [network, prefix] of FORBIDDEN_IPV4) forbiddenIpv4.addSubnet(network, prefix, 'ipv4');
const forbiddenIpv6 = new BlockList();
for (const [network, prefix] of FORBIDDEN_IPV6) forbiddenIpv6.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of a valid IPv6 address (zone id dropped). */
function ipv6Groups(ip: string): number[] {
  let text = ip.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((g) => parseInt(g, 16)) : [];
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const ipv4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/** The IPv4 address an IPv6 address stands for, when it embeds one that decides where it goes. */
function embeddedIpv4(groups: number[]): string | null {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups;
  const zeroTo4 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroTo4 && (g5 === 0xffff || g5 === 0)) return ipv4(g6, g7); // mapped, compatible
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return ipv4(g6, g7); // well-known NAT64 prefix: DNS64 synthesises these for public hosts too
  }
  if (g0 === 0x2002) return ipv4(g1, g2); // 6to4
  return null;
}

/**
 * Whether an IP address is one a webhook must not reach: loopback, private, link-local (cloud
 * metadata), CGNAT, multicast, broadcast, documentation and other reserved ranges. IPv6 addresses
 * that embed an IPv4 one (mapped, compatible, NAT64, 6to4) are judged by it. Not an IP: forbidden.
 */
export function isForbiddenAddress(ip: string): boolean {
  if (isIPv4(ip)) return forbiddenIpv4.check(ip, 'ipv4');
  if (!isIPv6(ip)) return true;
  const groups = ipv6Groups(ip);
  const embedded = embeddedIpv4(groups);
  if (embedded) return isForbiddenAddress(embedded);
  return forbiddenIpv6.check(groups.map((g) => g.toString(16)).join(':'), 'ipv6');
}

export interface WebhookUrlPolicy {
  /** Plain http, for development: anyone on the path could read and replay the payloads. */
  allowHttp: boolean;
  /** Private and reserved addresses, for development and self-hosted receivers on one network. */
  allowPrivateNetworks: boolean;
}

const MAX_URL_LENGTH = 2000;

/** The host of a URL as `isIP` understands it: IPv6 literals lose their brackets. */
export function urlHostAddress(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Why `url` can't be a webhook endpoint, or null when it can. Names resolve later, at connect
 * time (`safeLookup`); here only literal addresses and `localhost` are judged.
 */
export function validateWebhookUrl(url: string, policy: WebhookUrlPolicy): string | null {
  if (url.length > MAX_URL_LENGTH) return `URL is longer than ${MAX_URL_LENGTH} characters`;
  const parsed = URL.parse(url);
  if (!parsed) return 'URL is not valid';
  const httpAllowed = policy.allowHttp && parsed.protocol === 'http:';
  if (parsed.protocol !== 'https:' && !httpAllowed) {
    return policy.allowHttp ? 'URL must use https or http' : 'URL must use https';
  }
  if (parsed.username || parsed.password) return 'URL must not contain credentials';
  if (policy.allowPrivateNetworks) return null;
  const host = urlHostAddress(parsed);
  if (isIP(host) && isForbiddenAddress(host)) {
    return `URL points to ${host}, a private or reserved address`;
  }
  // RFC 6761: these names are loopback by definition; say so now rather than at the first delivery.
  if (/(^|\.)localhost\.?$/.test(host)) return 'URL points to localhost';
  return null;
}

/** What a connection to a forbidden address fails with. */
export class ForbiddenTargetError extends Error {
  readonly code = 'EFORBIDDENTARGET';

  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    const subject = host === address ? address : `${host} resolves to ${address}, which`;
    super(`${subject} is a private or reserved address`);
    this.name = 'ForbiddenTargetError';
  }
}

/**
 * A `dns.lookup` for `http(s).request({ lookup })` that refuses hosts resolving to any forbidden
 * address. Checking the addresses actually connected to closes the DNS-rebinding window a check
 * at validation time leaves open. Node skips `lookup` for literal IPs: check those separately.
 */
export function safeLookup(allowPrivateNetworks: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      const forbidden = allowPrivateNetworks
        ? undefined
        : addresses.find(({ address }) => isForbiddenAddress(address));
      if (forbidden) return callback(new ForbiddenTargetError(hostname, forbidden.address), []);
      if (options.all) return callback(null, addresses);
      // dns.lookup fails with ENOTFOUND rather than answering no addresses.
      const [first] = addresses;
      callback(null, first.address, first.family);
    });
  };
}
