/** The caller's IP as Cloudflare reports it; "unknown" off the edge (local dev, tests). */
export const clientIp = (headers: Headers): string => headers.get("cf-connecting-ip") ?? "unknown";

/**
 * The network a client is throttled as: its IPv4 address, or the /64 of its IPv6 address. One
 * IPv6 subscriber is routinely given a whole /64 (RFC 6177, RFC 7934 §6), so counting single
 * addresses would hand each client 2^64 fresh throttle buckets. An IPv4-mapped IPv6 address
 * (`::ffff:192.0.2.1`) is its IPv4 address.
 */
export function clientNetwork(headers: Headers): string {
  const ip = clientIp(headers);
  if (!ip.includes(":")) return ip.slice(0, 64);
  return ipv6Prefix64(ip) ?? ip.slice(0, 64);
}

const HEXTET = /^[0-9a-f]{1,4}$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const V4_MAPPED_PREFIX = /^(::|(0{1,4}:){5})ffff:$/;

/** `2001:db8:a:b::/64` for any address in that /64; undefined when `address` is not IPv6. */
export function ipv6Prefix64(address: string): string | undefined {
  let text = address.toLowerCase().split("%")[0] ?? ""; // a zone id names a local interface only
  // A trailing dotted quad is the low 32 bits: outside the /64, unless the address is IPv4-mapped.
  const lastColon = text.lastIndexOf(":");
  const v4 = IPV4.exec(text.slice(lastColon + 1));
  if (v4) {
    if (v4.slice(1).some((octet) => Number(octet) > 255)) return undefined;
    if (V4_MAPPED_PREFIX.test(text.slice(0, lastColon + 1))) return text.slice(lastColon + 1);
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves[1] ? halves[1].split(":") : [];
  const elided = 8 - head.length - tail.length;
  if (halves.length === 2 ? elided < 1 : elided !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? elided : 0).fill("0"), ...tail];
  if (!groups.every((g) => HEXTET.test(g))) return undefined;
  const prefix = groups.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16));
  return `${prefix.join(":")}::/64`;
}
