/**
 * Parser of GLib key files as dconf's system databases use them
 * (`/etc/dconf/db/<name>.d/*`): `[section]` headers and `key=value` lines.
 *
 * @module
 */

/** Values by section, then by key; values stay as written (GVariant text). */
export type KeyFile = Map<string, Map<string, string>>;

/** Parses a key file; lines outside any section are ignored. */
export function parseKeyFile(text: string): KeyFile {
  const sections: KeyFile = new Map();
  let current: Map<string, string> | null = null;

  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;

    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = sections.get(header[1]) ?? new Map();
      sections.set(header[1], current);
      continue;
    }
    const equals = line.indexOf("=");
    if (current && equals > 0) {
      current.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
    }
  }
  return sections;
}
