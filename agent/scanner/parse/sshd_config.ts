/**
 * Parsers of OpenSSH server settings: `sshd -T` (the effective settings,
 * lower-case keys) and `sshd_config` files (first value wins).
 *
 * @module
 */

/** Settings by lower-case keyword; each keyword's first value. */
export type SshdSettings = Map<string, string>;

/** Parses `sshd -T`: one `keyword value` per line. */
export function parseSshdT(stdout: string): SshdSettings {
  const settings: SshdSettings = new Map();
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^([a-z0-9]+)\s+(.*)$/.exec(line.trim());
    if (match && !settings.has(match[1])) settings.set(match[1], match[2]);
  }
  return settings;
}

/** A `sshd_config` file's settings outside `Match` blocks, and its includes. */
export interface SshdConfigFile {
  settings: SshdSettings;
  /** `Include` patterns, in order. */
  includes: string[];
}

/**
 * Parses a `sshd_config` file. Keywords are case-insensitive and the first
 * value given wins; `Match` blocks apply to some connections only, so they
 * are left out of the global settings.
 */
export function parseSshdConfig(text: string): SshdConfigFile {
  const settings: SshdSettings = new Map();
  const includes: string[] = [];
  let inMatch = false;

  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    const match = /^(\S+)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1].toLowerCase();
    const value = match[2].trim().replace(/^"(.*)"$/, "$1");

    if (key === "match") inMatch = true;
    if (inMatch) continue;
    if (key === "include") includes.push(...value.split(/\s+/));
    else if (!settings.has(key)) settings.set(key, value);
  }
  return { settings, includes };
}
