/**
 * Parsers of the tools that list listening sockets: Linux `ss -Htulnp`,
 * macOS `lsof -nP -iTCP -sTCP:LISTEN`.
 *
 * @module
 */

/** A listening socket. */
export interface Listener {
  protocol: string;
  /** Local address and port, e.g. `0.0.0.0:22`, `[::]:22`, `*:5000`. */
  address: string;
  /** Owning process name, when the tool could see it. */
  process?: string;
}

/** Parses `ss -H -tulnp` (no header): netid, state, queues, addresses, users. */
export function parseSs(stdout: string): Listener[] {
  const listeners: Listener[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5 || !/^(tcp|udp)$/.test(fields[0])) continue;
    const process = /users:\(\("([^"]+)"/.exec(line)?.[1];
    listeners.push({ protocol: fields[0], address: fields[4], process });
  }
  return listeners;
}

/**
 * Parses `lsof -nP -iTCP -sTCP:LISTEN`: COMMAND first, the address
 * before `(LISTEN)` last.
 */
export function parseLsofListen(stdout: string): Listener[] {
  const listeners: Listener[] = [];
  for (const line of stdout.split(/\r?\n/).slice(1)) {
    const match = /^(\S+)\s.*\s(TCP|UDP)\s+(\S+)(?:\s+\(LISTEN\))?\s*$/.exec(
      line,
    );
    if (!match) continue;
    listeners.push({
      protocol: match[2].toLowerCase(),
      address: match[3],
      process: match[1].replace(/\\x20/g, " "),
    });
  }
  return unique(listeners);
}

// lsof prints one line per file descriptor, so a socket can repeat.
function unique(listeners: Listener[]): Listener[] {
  const seen = new Set<string>();
  return listeners.filter((l) => {
    const key = `${l.protocol} ${l.address} ${l.process}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
