/**
 * Parsers for the small configuration formats of Linux: `key = value`
 * files (pwquality.conf), `KEY value` files (login.defs) and the output of
 * `apt-config dump`.
 *
 * @module
 */

/**
 * Parses `key = value` lines as `pwquality.conf(5)` writes them; `#` starts
 * a comment, and a key without `=` is a flag set to the empty string.
 */
export function parseEqualsConf(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") continue;

    const equals = line.indexOf("=");
    if (equals === -1) {
      settings.set(line, "");
    } else {
      settings.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
    }
  }
  return settings;
}

/** Parses `KEY value` lines as `login.defs(5)` writes them. */
export function parseLoginDefs(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;

    const match = /^(\S+)\s+(.*)$/.exec(line);
    if (match) settings.set(match[1], match[2].trim());
  }
  return settings;
}

/**
 * Parses `apt-config dump`: one `Name::Path "value";` per line. Lists
 * repeat their name with `::` appended and are ignored here.
 */
export function parseAptConfigDump(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([^\s"]+)\s+"((?:[^"\\]|\\.)*)";\s*$/.exec(line.trim());
    if (match && !match[1].endsWith("::")) settings.set(match[1], match[2]);
  }
  return settings;
}
