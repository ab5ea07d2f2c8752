import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** What each non-public range of ipaddr.js is called in an error message. */
const rangeDescriptions: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  uniqueLocal: 'a private (unique local) address',
  deprecatedSiteLocal: 'a site-local address',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
  rfc6052: 'a local-use NAT64 address',
  rfc6145: 'an IPv4-translated address',
  teredo: 'a Teredo address',
  discard: 'a discard address',
};

const nat64 = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * Why `address` (an IP in canonical text, as `new URL()` or a DNS lookup gives it) is not a
 * public destination, or null when it is. Ranges come from ipaddr.js; only its `unicast` (no
 * special range) is public. IPv6 forms that carry an IPv4 address (IPv4-mapped `::ffff:0:0/96`,
 * NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the IPv4 address they carry, so a
 * public IPv4 behind NAT64 stays reachable and `::ffff:127.0.0.1` does not.
 *
 * @example
 * describeNonPublicAddress('169.254.169.254'); // 'a link-local address'
 * describeNonPublicAddress('::ffff:7f00:1'); // 'an IPv4-mapped address of 127.0.0.1, a loopback address'
 * describeNonPublicAddress('93.184.215.14'); // null
 */
export function describeNonPublicAddress(address: string): string | null {
  if (isIP(address) === 0) return 'an invalid address';
  const ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv4') return describeRange(ip.range());
  const v6 = ip as ipaddr.IPv6;
  const carried = carriedIPv4(v6);
  if (carried !== null) {
    const inner = describeNonPublicAddress(carried.address.toString());
    return inner === null ? null : `${carried.kind} of ${carried.address.toString()}, ${inner}`;
  }
  const range = v6.range();
  // ipaddr.js counts the deprecated IPv4-compatible block (::a.b.c.d, RFC 4291 §2.5.5.1) as
  // unicast, and Linux routes ::7f00:1 nowhere public: refuse the whole block.
  if (range === 'unicast' && v6.parts.slice(0, 6).every((part) => part === 0)) {
    return 'an IPv4-compatible address';
  }
  return describeRange(range);
}

function describeRange(range: string): string | null {
  if (range === 'unicast') return null;
  return rangeDescriptions[range] ?? `a special-purpose (${range}) address`;
}

function carriedIPv4(ip: ipaddr.IPv6): { kind: string; address: ipaddr.IPv4 } | null {
  const [p0 = 0, p1 = 0, p2 = 0, , , , p6 = 0, p7 = 0] = ip.parts;
  if (ip.range() === 'ipv4Mapped') return { kind: 'an IPv4-mapped address', address: ip.toIPv4Address() };
  if (ip.match(nat64)) return { kind: 'a NAT64 address', address: fromParts(p6, p7) };
  if (p0 === 0x2002) return { kind: 'a 6to4 address', address: fromParts(p1, p2) };
  return null;
}

function fromParts(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
