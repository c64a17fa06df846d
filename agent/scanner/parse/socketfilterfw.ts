/**
 * Parsers of macOS's application firewall tool,
 * `/usr/libexec/ApplicationFirewall/socketfilterfw`.
 *
 * @module
 */

/**
 * The `State = N` field of `--getglobalstate`: 0 off, 1 on, 2 on and
 * blocking all incoming connections. A bare "Firewall is enabled." or
 * "disabled." counts as 1 or 0. Null for anything else, such as the
 * refusal a Mac managed by a configuration profile may print.
 */
export function parseGlobalState(stdout: string): number | null {
  const match = /\(State = (\d)\)/.exec(stdout);
  if (match) return Number(match[1]);

  const bare = /^Firewall is (enabled|disabled)\.\s*$/.exec(stdout.trim());
  if (!bare) return null;
  return bare[1] === "enabled" ? 1 : 0;
}

/** One application listed by `--listapps`. */
export interface FirewallApp {
  path: string;
  allowsIncoming: boolean;
}

/**
 * Parses `--listapps`: numbered application paths, each followed by a
 * line saying whether it may accept incoming connections. Older releases
 * head the list "ALF: total number of apps" and write the verdict as
 * "( Allow incoming connections )"; macOS 26 drops the prefix and the
 * inner spaces.
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
