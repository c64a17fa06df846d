/**
 * Parser of `netsh advfirewall show allprofiles`.
 *
 * @module
 */

/** One firewall profile as netsh prints it. */
export interface NetshProfile {
  /** `Domain`, `Private` or `Public`. */
  name: string;
  /** `ON`, `OFF` or `NotConfigured`. */
  state: string;
  /** Inbound half of `Firewall Policy`: `BlockInbound`, `AllowInbound`... */
  inbound: string;
}

/**
 * Parses each `<Name> Profile Settings:` section's `State` and
 * `Firewall Policy`. Sections missing either field are left out.
 */
export function parseNetshProfiles(stdout: string): NetshProfile[] {
  const profiles: NetshProfile[] = [];
  let current: Partial<NetshProfile> | null = null;

  const flush = () => {
    if (current?.name && current.state && current.inbound) {
      profiles.push(current as NetshProfile);
    }
  };

  for (const line of stdout.split(/\r?\n/)) {
    const header = /^(\w+) Profile Settings:\s*$/.exec(line.trim());
    if (header) {
      flush();
      current = { name: header[1] };
      continue;
    }
    const field = /^(State|Firewall Policy)\s{2,}(\S+)\s*$/.exec(line.trim());
    if (!current || !field) continue;
    if (field[1] === "State") current.state = field[2];
    else current.inbound = field[2].split(",")[0];
  }
  flush();
  return profiles;
}
