/**
 * Parser for `sudoers(5)`, enough to find who may run any command as root.
 *
 * @module
 */

/** Users and groups a sudoers file lets run every command. */
export interface SudoersGrants {
  /** User names given `ALL`. */
  users: string[];
  /** Group names (written `%group`) given `ALL`. */
  groups: string[];
  /** Directories named by `#includedir` / `@includedir`. */
  includeDirs: string[];
}

// alice,%wheel ALL=(ALL:ALL) NOPASSWD: ALL
const FULL_GRANT =
  /^(\S+(?:\s*,\s*\S+)*)\s+[^=]+=\s*(?:\([^)]*\)\s*)?(?:[A-Z_]+:\s*)*ALL$/;

/**
 * Parses user specifications that grant `ALL` commands. Aliases, `Defaults`
 * lines and narrower grants are left out: they do not make an admin.
 */
export function parseSudoers(text: string): SudoersGrants {
  const grants: SudoersGrants = { users: [], groups: [], includeDirs: [] };
  for (const line of logicalLines(text)) {
    const include = /^[#@]includedir\s+(\S+)$/.exec(line);
    if (include) {
      grants.includeDirs.push(include[1]);
      continue;
    }
    if (line.startsWith("#") || /^(Defaults|\w+_Alias)\b/.test(line)) continue;

    const grant = FULL_GRANT.exec(line);
    if (!grant) continue;
    for (const who of grant[1].split(",").map((w) => w.trim())) {
      if (who.startsWith("%")) grants.groups.push(who.slice(1));
      else if (/^[a-z_][a-z0-9_.-]*\$?$/.test(who)) grants.users.push(who);
    }
  }
  return grants;
}

/**
 * Whether sudo reads a file from an included directory: it skips names
 * that end in `~` or contain a dot.
 */
export function isIncludedSudoersFile(name: string): boolean {
  return !name.endsWith("~") && !name.includes(".");
}

function logicalLines(text: string): string[] {
  return text.replace(/\\\r?\n/g, " ").split(/\r?\n/)
    .map((line) => line.trim())
    // `#include` lines look like comments; keep them, drop real comments.
    .map((line) =>
      /^#(include|includedir)\s/.test(line) ? line : stripComment(line)
    )
    .filter((line) => line !== "");
}

function stripComment(line: string): string {
  return line.replace(/(^|\s)#.*$/, "").trim();
}
