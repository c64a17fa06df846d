/**
 * Parsers for the Linux account databases: `/etc/passwd`, `/etc/group` and
 * `/etc/shadow`.
 *
 * @module
 */

/** One `/etc/passwd` entry. */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/** One `/etc/group` entry. */
export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** One `/etc/shadow` entry. */
export interface ShadowEntry {
  name: string;
  /** The hash field: empty, a hash, or `!`/`*`-prefixed when locked. */
  password: string;
  /** Day number (days since 1970-01-01) of the last password change. */
  lastChangeDay?: number;
  /** Day number (days since 1970-01-01) the account expires, if set. */
  expireDay?: number;
}

/** Parses `/etc/passwd`. Malformed lines are skipped. */
export function parsePasswd(text: string): PasswdEntry[] {
  return records(text, 7).map((f) => ({
    name: f[0],
    uid: Number(f[2]),
    gid: Number(f[3]),
    home: f[5],
    shell: f[6],
  })).filter((e) => Number.isInteger(e.uid));
}

/** Parses `/etc/group`. Malformed lines are skipped. */
export function parseGroup(text: string): GroupEntry[] {
  return records(text, 4).map((f) => ({
    name: f[0],
    gid: Number(f[2]),
    members: f[3].split(",").map((m) => m.trim()).filter(Boolean),
  }));
}

/** Parses `/etc/shadow`. Malformed lines are skipped. */
export function parseShadow(text: string): ShadowEntry[] {
  return records(text, 9).map((f) => {
    const entry: ShadowEntry = { name: f[0], password: f[1] };
    if (f[2] !== "") entry.lastChangeDay = Number(f[2]);
    if (f[7] !== "") entry.expireDay = Number(f[7]);
    return entry;
  });
}

/**
 * Whether a shadow hash field refuses password logins: `!` or `*` prefixes
 * lock it, and a field too short to be a hash matches no password.
 */
export function isPasswordLocked(password: string): boolean {
  return password.startsWith("!") || password.startsWith("*");
}

/** Shells that refuse an interactive login. */
const NO_LOGIN_SHELLS = new Set([
  "/usr/sbin/nologin",
  "/sbin/nologin",
  "/bin/false",
  "/usr/bin/false",
  "/bin/sync",
  "/usr/bin/nologin",
]);

/** Whether a login shell lets the account log in interactively. */
export function isLoginShell(shell: string): boolean {
  return shell !== "" && !NO_LOGIN_SHELLS.has(shell);
}

function records(text: string, fieldCount: number): string[][] {
  return text.split(/\r?\n/)
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => line.split(":"))
    .filter((fields) => fields.length >= fieldCount && fields[0] !== "");
}
