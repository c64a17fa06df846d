/**
 * The address of the client behind a request. Forwarded headers are
 * believed only when the direct peer is a configured proxy, since anyone
 * else can write them.
 *
 * @module
 */
import type { Context } from "hono";

/** The direct peer's address, or `unknown` when the server gave none. */
export function peerAddress(c: Context): string {
  const remote = (c.env as { remoteAddr?: Deno.NetAddr } | undefined)
    ?.remoteAddr;
  return remote?.hostname ?? "unknown";
}

/** The client's address, following forwarded headers from trusted proxies. */
export function clientAddress(c: Context, trustedProxies: string[]): string {
  const peer = peerAddress(c);
  if (!isTrusted(peer, trustedProxies)) return peer;

  const forwarded = c.req.header("x-forwarded-for");
  if (!forwarded) return peer;

  // The right-most hops were added by our own proxies; the first address
  // that is not one of them is the client.
  const hops = forwarded.split(",").map((hop) => hop.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(hops[i], trustedProxies)) return hops[i];
  }
  return hops[0] ?? peer;
}

/** Whether `address` matches one of `trusted` (addresses or IPv4 CIDRs). */
export function isTrusted(address: string, trusted: string[]): boolean {
  return trusted.some((entry) =>
    entry.includes("/") ? inCidr(address, entry) : entry === address
  );
}

function inCidr(address: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  const a = ipv4ToNumber(address);
  const b = ipv4ToNumber(base);
  if (a === null || b === null || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

function ipv4ToNumber(address: string): number | null {
  const parts = address.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) {
    return null;
  }
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>>
    0;
}
