/**
 * Parser of `ufw status verbose`.
 *
 * @module
 */
import {
  type InboundAllowRule,
  parsePortList,
  type PortRange,
} from "./ports.ts";

/** What `ufw status verbose` says. */
export interface UfwStatus {
  active: boolean;
  /** Default policy per direction, e.g. `{incoming: "deny"}`. */
  defaults: Record<string, string>;
  /** Every rule line, as printed. */
  rules: UfwRule[];
}

/** One row of ufw's rule table. */
export interface UfwRule {
  to: string;
  action: "ALLOW" | "DENY" | "REJECT" | "LIMIT";
  direction: "IN" | "OUT" | "FWD";
  from: string;
  text: string;
}

// Applications whose ufw profiles open a remote-access port.
const APP_PORTS: Record<string, PortRange[]> = {
  OpenSSH: [{ from: 22, to: 22 }],
};

/**
 * Parses `ufw status verbose`. Returns null when the output has no
 * `Status:` line, which is not something ufw prints.
 */
export function parseUfwStatus(stdout: string): UfwStatus | null {
  const lines = stdout.split(/\r?\n/);
  const status = fieldOf(lines, "Status");
  if (status !== "active" && status !== "inactive") return null;

  return {
    active: status === "active",
    defaults: parseDefaults(fieldOf(lines, "Default") ?? ""),
    rules: lines.map(parseRuleLine).filter((r): r is UfwRule => r !== null),
  };
}

function fieldOf(lines: string[], name: string): string | undefined {
  const prefix = `${name}:`;
  const line = lines.find((l) => l.startsWith(prefix));
  return line?.slice(prefix.length).trim();
}

// "deny (incoming), allow (outgoing), disabled (routed)"
function parseDefaults(text: string): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const part of text.split(",")) {
    const match = /^\s*(\S+)\s+\((\w+)\)\s*$/.exec(part);
    if (match) defaults[match[2]] = match[1];
  }
  return defaults;
}

const RULE_LINE =
  /^(.+?)\s+(ALLOW|DENY|REJECT|LIMIT)(?:\s+(IN|OUT|FWD))?\s+(.+?)(?:\s+#.*)?$/;

function parseRuleLine(line: string): UfwRule | null {
  const match = RULE_LINE.exec(line.trim());
  if (!match) return null;
  return {
    to: match[1],
    action: match[2] as UfwRule["action"],
    direction: (match[3] ?? "IN") as UfwRule["direction"],
    from: match[4],
    text: line.trim().replace(/\s{2,}/g, "  "),
  };
}

/** ufw's inbound ALLOW and LIMIT rules in the common rule shape. */
export function ufwInboundAllows(status: UfwStatus): InboundAllowRule[] {
  return status.rules
    .filter((r) => r.direction === "IN")
    .filter((r) => r.action === "ALLOW" || r.action === "LIMIT")
    .map((r) => ({
      text: r.text,
      ports: portsOf(r.to),
      fromAnywhere: /^Anywhere( \(v6\))?$/.test(r.from),
    }));
}

// "22/tcp", "80,443/tcp", "Anywhere", "22/tcp (v6)", "OpenSSH",
// "Apache Full", "Anywhere on eth0", "10.0.0.5 22/tcp", "10.0.0.5"
function portsOf(to: string): PortRange[] | "any" {
  const target = to.replace(/ \(v6\)$/, "").replace(/ on \S+$/, "");
  if (target === "Anywhere") return "any";
  if (APP_PORTS[target]) return APP_PORTS[target];

  const numeric = /(?:^|\s)([\d,:]+)(?:\/(?:tcp|udp))?$/.exec(target);
  const ports = numeric ? parsePortList(numeric[1]) : null;
  if (ports) return ports;

  // An address alone opens every port on it; any other word is an
  // application profile whose ports ufw does not print.
  return /^[\d.:a-f/]+$/i.test(target) ? "any" : [];
}
