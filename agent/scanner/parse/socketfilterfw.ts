/**
 * Parsers of macOS's application firewall tool,
 * `/usr/libexec/ApplicationFirewall/socketfilterfw`.
 *
 * @module
 */

/**
 * The `State = N` field of `--getglobalstate`: 0 off, 1 on, 2 on and
 * blocking all incoming connections. Null when the field is missing.
 */
export function parseGlobalState(stdout: string): number | null {
  const match = /\(State = (\d)\)/.exec(stdout);
  return match ? Number(match[1]) : null;
}

/** One application listed by `--listapps`. */
export interface FirewallApp {
  path: string;
  allowsIncoming: boolean;
}

/**
 * Parses `--listapps`: numbered application paths, each followed by a
 * line saying whether it may accept incoming connections.
 */
export function parseListApps(stdout: string): FirewallApp[] {
  const apps: FirewallApp[] = [];
  let path: string | null = null;

  for (const line of stdout.split(/\r?\n/)) {
    const entry = /^\s*\d+\s*:\s*(.+?)\s*$/.exec(line);
    if (entry) {
      path = entry[1];
      continue;
    }
    const verdict = /\(\s*(Allow|Block) incoming connections\s*\)/.exec(line);
    if (path && verdict) {
      apps.push({ path, allowsIncoming: verdict[1] === "Allow" });
      path = null;
    }
  }
  return apps;
}
