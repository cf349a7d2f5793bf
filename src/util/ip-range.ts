// IP addresses and CIDR ranges, IPv4 and IPv6, as 128-bit values: an IPv4
// address is held as its IPv4-mapped IPv6 form (::ffff:a.b.c.d), so an IPv4
// rule matches a client that a dual-stack socket reports as ::ffff:10.0.0.1,
// and one comparison serves both families. Pure: no I/O, no state.
import { isIPv4, isIPv6 } from 'node:net';

/** An address as four 32-bit words, most significant first. */
export type IpWords = readonly [number, number, number, number];

export interface IpRange {
  /** The network address (host bits cleared). */
  network: IpWords;
  /** Prefix length over 128 bits (an IPv4 /24 is 120 here). */
  prefix: number;
}

const MAPPED_V4 = 0xffff;

function ipv4Words(text: string): IpWords {
  const [a, b, c, d] = text.split('.').map(Number);
  return [0, 0, MAPPED_V4, ((a << 24) | (b << 16) | (c << 8) | d) >>> 0];
}

function ipv6Words(text: string): IpWords {
  // A trailing dotted IPv4 part ("::ffff:10.0.0.1") becomes its two hex groups.
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = ipv4Words(text.slice(lastColon + 1))[3];
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const halves = text.split('::');
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const groups = halves.length === 2 ? [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest] : head;
  return [0, 1, 2, 3].map((i) => ((groups[2 * i] << 16) | groups[2 * i + 1]) >>> 0) as unknown as IpWords;
}

/**
 * An address as the socket or a rule writes it; undefined when it is not one.
 * A zone (`fe80::1%eth0`) is dropped: rules name addresses, not interfaces.
 */
export function parseIp(text: string): IpWords | undefined {
  const address = text.includes('%') ? text.slice(0, text.indexOf('%')) : text;
  if (isIPv4(address)) return ipv4Words(address);
  if (isIPv6(address)) return ipv6Words(address);
  return undefined;
}

/** The words of a mask of `prefix` leading one bits. */
function maskWord(prefix: number, word: number): number {
  const bits = Math.min(32, Math.max(0, prefix - 32 * word));
  return bits === 0 ? 0 : bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
}

/**
 * A single address (`10.0.0.1`, `2001:db8::1`) or a CIDR range (`10.0.0.0/8`,
 * `2001:db8::/32`); undefined when the text is neither. Host bits below the
 * prefix are ignored, as `ip route` and Azure's ipRules do.
 */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  if (addressText.includes('%')) return undefined;
  const address = parseIp(addressText);
  if (!address) return undefined;
  const v4 = isIPv4(addressText);
  const max = v4 ? 32 : 128;
  let length = max;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
    length = Number(prefixText);
  }
  const prefix = v4 ? 96 + length : length;
  const network = address.map((w, i) => (w & maskWord(prefix, i)) >>> 0) as unknown as IpWords;
  return { network, prefix };
}

export function rangeContains(range: IpRange, address: IpWords): boolean {
  for (let i = 0; i < 4; i++) {
    const mask = maskWord(range.prefix, i);
    if (mask === 0) return true;
    if (((address[i] & mask) >>> 0) !== range.network[i]) return false;
  }
  return true;
}

/** A test of addresses against ranges parsed once; an address that does not parse matches nothing. */
export function ipMatcher(ranges: readonly IpRange[]): (address: string) => boolean {
  return (address) => {
    const words = parseIp(address);
    return words !== undefined && ranges.some((range) => rangeContains(range, words));
  };
}
