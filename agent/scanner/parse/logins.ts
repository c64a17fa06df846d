/**
 * Parsers for the tools that say who logged in and when: Linux `lastlog`
 * (and `lastlog2`, which prints the same table), BSD `last` on macOS, and
 * `who`.
 *
 * @module
 */

/** An account's most recent login as a login record shows it. */
export interface LastLogin {
  user: string;
  /** Undefined when the record says the account never logged in. */
  at?: Date;
}

/** English month abbreviations, as C-locale tools print them, January first. */
export const MONTHS: readonly string[] = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

// lastlog prints `Thu Dec  3 10:01:22 +0000 2026` at the end of the line.
const LASTLOG_DATE = new RegExp(
  String.raw`(\w{3}) (\w{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})` +
    String.raw` ([+-])(\d{2})(\d{2}) (\d{4})\s*$`,
);

/**
 * Parses `lastlog` or `lastlog2` output: a header line, then one line per
 * account ending in its latest login or `**Never logged in**`.
 */
export function parseLastlog(text: string): LastLogin[] {
  const logins: LastLogin[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const user = /^(\S+)/.exec(line)?.[1];
    if (!user) continue;

    if (/\*\*Never logged in\*\*\s*$/.test(line)) {
      logins.push({ user });
      continue;
    }
    const at = lastlogDate(line);
    if (at) logins.push({ user, at });
  }
  return logins;
}

function lastlogDate(line: string): Date | undefined {
  const m = LASTLOG_DATE.exec(line);
  if (!m) return undefined;

  const month = MONTHS.indexOf(m[2]);
  if (month === -1) return undefined;
  const offsetMinutes = (Number(m[8]) * 60 + Number(m[9])) *
    (m[7] === "-" ? -1 : 1);
  const utc = Date.UTC(
    Number(m[10]),
    month,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
  return new Date(utc - offsetMinutes * 60_000);
}

/** What BSD `last` says: logins newest first, and when its record begins. */
export interface LastRecord {
  logins: LastLogin[];
  /** The `wtmp begins` date: logins before it are not recorded. */
  begins?: Date;
}

// BSD last prints `Tue Dec  1 10:02` with no year; the weekday pins it.
const LAST_DATE = /(\w{3}) (\w{3}) +(\d{1,2}) (\d{2}):(\d{2})/;

/**
 * Parses BSD `last` output as macOS prints it. Its dates have no year, so
 * each gets the latest year, not after `now`, whose calendar puts that day
 * on the printed weekday.
 */
export function parseBsdLast(text: string, now: Date): LastRecord {
  const record: LastRecord = { logins: [] };
  const seen = new Set<string>();

  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith("wtmp begins")) {
      record.begins = yearlessDate(line, now);
      continue;
    }
    const user = /^(\S+)\s+(\S+)/.exec(line);
    if (!user || PSEUDO_USERS.has(user[1]) || seen.has(user[1])) continue;

    const at = yearlessDate(line, now);
    if (!at) continue;
    seen.add(user[1]);
    record.logins.push({ user: user[1], at });
  }
  return record;
}

// `last` also lists system events, which are not accounts.
const PSEUDO_USERS = new Set(["reboot", "shutdown", "wtmp"]);

function yearlessDate(line: string, now: Date): Date | undefined {
  const m = LAST_DATE.exec(line);
  if (!m) return undefined;
  const weekday = WEEKDAYS.indexOf(m[1]);
  const month = MONTHS.indexOf(m[2]);
  if (weekday === -1 || month === -1) return undefined;

  // The weekday repeats on a date at most every 11 years; look back 12.
  for (
    let year = now.getUTCFullYear();
    year > now.getUTCFullYear() - 12;
    year--
  ) {
    const at = new Date(
      Date.UTC(year, month, Number(m[3]), Number(m[4]), Number(m[5])),
    );
    if (
      at.getTime() <= now.getTime() + 86_400_000 && at.getUTCDay() === weekday
    ) {
      return at;
    }
  }
  return undefined;
}

/** One `who` line: an account signed in on a terminal or seat. */
export interface WhoSession {
  user: string;
  /** Terminal or seat: `console`, `tty1`, `seat0`, `pts/0`, `:0`. */
  line: string;
  /** The host or display in brackets, e.g. `:0` or `192.0.2.4`. */
  from?: string;
}

/** Parses `who` output. */
export function parseWho(text: string): WhoSession[] {
  const sessions: WhoSession[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = /^(\S+)\s+(\S+)\s.*?(?:\(([^)]*)\))?\s*$/.exec(raw);
    if (!m) continue;
    const session: WhoSession = { user: m[1], line: m[2] };
    if (m[3] !== undefined) session.from = m[3];
    sessions.push(session);
  }
  return sessions;
}

/**
 * Whether a `who` session is someone at the device itself: the console, a
 * seat, a virtual terminal or a local X display; not SSH.
 */
export function isLocalSession(session: WhoSession): boolean {
  if (/^(console|seat\d+|tty\d+|:\d+)$/.test(session.line)) return true;
  return session.from !== undefined && /^:\d+(\.\d+)?$/.test(session.from);
}
