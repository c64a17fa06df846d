/**
 * Port ranges as firewall tools write them: `22`, `6000:6007`, `5900-5903`,
 * `80,443`.
 *
 * @module
 */

/** An inclusive range of TCP or UDP ports. */
export interface PortRange {
  from: number;
  to: number;
}

/**
 * Parses a port list such as `22`, `80,443`, `6000:6007` or `5900-5903`.
 * Returns null when any part is not a port or range, so a caller never
 * guesses at text it does not understand.
 */
export function parsePortList(text: string): PortRange[] | null {
  const ranges: PortRange[] = [];
  for (const part of text.split(",").map((p) => p.trim())) {
    const match = /^(\d{1,5})(?:[:-](\d{1,5}))?$/.exec(part);
    if (!match) return null;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from > 65535 || to > 65535 || to < from) return null;
    ranges.push({ from, to });
  }
  return ranges.length > 0 ? ranges : null;
}

/** Whether any of the ranges contains the port. */
export function coversPort(
  ranges: readonly PortRange[],
  port: number,
): boolean {
  return ranges.some((r) => r.from <= port && port <= r.to);
}

/** Ranges written back as `22`, `80,443`, `6000-6007`. */
export function formatPorts(ranges: readonly PortRange[]): string {
  return ranges.map((r) => r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)
    .join(",");
}

/** An inbound allow rule, whichever firewall tool printed it. */
export interface InboundAllowRule {
  /** The rule as the tool printed it, for the report's evidence. */
  text: string;
  /** Ports the rule opens; "any" when it names none. */
  ports: PortRange[] | "any";
  /** True when the rule accepts any source address. */
  fromAnywhere: boolean;
}
