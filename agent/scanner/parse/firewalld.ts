/**
 * Parser of `firewall-cmd --list-all` (the default zone's settings).
 *
 * @module
 */
import {
  type InboundAllowRule,
  parsePortList,
  type PortRange,
} from "./ports.ts";

/** A firewalld zone's settings. */
export interface FirewalldZone {
  name: string;
  /** The header says `active`: an interface or source is bound to it. */
  active: boolean;
  /** The header says `default`. */
  isDefault: boolean;
  /** `default`, `ACCEPT`, `DROP`, `REJECT` or `%%REJECT%%`. */
  target: string;
  interfaces: string[];
  sources: string[];
  services: string[];
  ports: string[];
  richRules: string[];
}

/** Parses `firewall-cmd --list-all`; null when it has no `target:` line. */
export function parseFirewalldZone(stdout: string): FirewalldZone | null {
  const lines = stdout.split(/\r?\n/);
  const header = /^(\S+)(?:\s+\(([^)]*)\))?/.exec(lines[0] ?? "");
  const flags = (header?.[2] ?? "").split(",").map((f) => f.trim());
  const fields = new Map<string, string>();
  const richRules: string[] = [];
  let inRich = false;

  for (const line of lines.slice(1)) {
    const match = /^\s+([a-z0-9-]+):\s*(.*)$/.exec(line);
    if (match) {
      fields.set(match[1], match[2].trim());
      inRich = match[1] === "rich rules";
    } else if (/^\s+rich rules:/.test(line)) {
      inRich = true;
    } else if (inRich && line.trim() !== "") {
      richRules.push(line.trim());
    }
  }
  const target = fields.get("target");
  if (target === undefined) return null;

  const list = (key: string) =>
    (fields.get(key) ?? "").split(/\s+/).filter(Boolean);
  return {
    name: header?.[1] ?? "",
    active: flags.includes("active"),
    isDefault: flags.includes("default"),
    target,
    interfaces: list("interfaces"),
    sources: list("sources"),
    services: list("services"),
    ports: list("ports"),
    richRules,
  };
}

/**
 * Parses `firewall-cmd --list-all-zones`: one block per zone, each opened
 * by an unindented `name (default, active)` header. Blocks without a
 * target are left out.
 */
export function parseFirewalldZones(stdout: string): FirewalldZone[] {
  const blocks: string[][] = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (/^\S/.test(line)) blocks.push([line]);
    else blocks[blocks.length - 1]?.push(line);
  }
  return blocks.map((block) => parseFirewalldZone(block.join("\n")))
    .filter((zone): zone is FirewalldZone => zone !== null);
}

/**
 * The zones that filter traffic: the active ones, or the default zone
 * when none is bound yet.
 */
export function zonesInUse(zones: readonly FirewalldZone[]): FirewalldZone[] {
  const active = zones.filter((z) => z.active);
  return active.length > 0 ? active : zones.filter((z) => z.isDefault);
}

/** Whether a zone target refuses what the zone does not allow. */
export function zoneBlocksByDefault(zone: FirewalldZone): boolean {
  return zone.target !== "ACCEPT";
}

// Ports of firewalld's predefined services that give remote access; other
// services are listed without ports.
const SERVICE_PORTS: Record<string, PortRange[]> = {
  ssh: [{ from: 22, to: 22 }],
  telnet: [{ from: 23, to: 23 }],
  rdp: [{ from: 3389, to: 3389 }],
  "vnc-server": [{ from: 5900, to: 5903 }],
  wsman: [{ from: 5985, to: 5985 }],
  wsmans: [{ from: 5986, to: 5986 }],
};

/** A zone's services and ports, in the common rule shape. */
export function firewalldInboundAllows(
  zone: FirewalldZone,
): InboundAllowRule[] {
  // A zone bound to sources only admits those addresses.
  const fromAnywhere = zone.sources.length === 0;
  const services = zone.services.map((service) => ({
    text: `zone ${zone.name}: service ${service}`,
    ports: SERVICE_PORTS[service] ?? [],
    fromAnywhere,
  }));
  const ports = zone.ports.map((port) => ({
    text: `zone ${zone.name}: port ${port}`,
    ports: parsePortList(port.replace(/\/\w+$/, "").replace("-", ":")) ?? [],
    fromAnywhere,
  }));
  return [...services, ...ports];
}
