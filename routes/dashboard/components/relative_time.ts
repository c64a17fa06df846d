/**
 * Relative time wording shared by the server-side fallback, the browser
 * time script and islands.
 *
 * @module
 */

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["week", 7 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
];

/**
 * Says how far `instant` lies from `now`, in the given locale ("3 minutes
 * ago", "in 2 hours"); anything under a minute is "now".
 *
 * @param instant milliseconds since the epoch
 * @param now milliseconds since the epoch
 * @param locale a BCP 47 tag; the runtime's default when omitted
 */
export function formatRelative(
  instant: number,
  now: number,
  locale?: string,
): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const elapsed = instant - now;

  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) {
      return format.format(Math.trunc(elapsed / size), unit);
    }
  }
  return format.format(0, "second");
}

/** An instant as the server prints it before any script runs: UTC. */
export function formatUtc(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return instant.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}
