/**
 * When the daily scan runs: at a local time of day (02:00 by default),
 * spread over a window so a fleet does not upload at the same second, and
 * soon after start when the machine was off at the scheduled time.
 *
 * @module
 */

/** Settings of the daily scan. */
export interface DailySchedule {
  /** `HH:MM` local time, or `off` for no scheduled scans. */
  time: string;
  /** The scan starts up to this long after `time`. */
  spreadMs: number;
  /** A missed scan starts up to this long after the agent starts. */
  catchUpMs: number;
}

/** Longest wait before a missed daily scan runs after start. */
export const CATCH_UP_MS = 10 * 60_000;

/** Parses `HH:MM` into hours and minutes. */
export function parseLocalTime(time: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`Invalid time of day "${time}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** The latest moment at or before `now` when the local clock read `time`. */
export function latestSlot(now: Date, time: string): Date {
  const { hour, minute } = parseLocalTime(time);
  const slot = new Date(now);
  slot.setHours(hour, minute, 0, 0);
  if (slot.getTime() > now.getTime()) slot.setDate(slot.getDate() - 1);
  return slot;
}

/** The first moment after `now` when the local clock reads `time`. */
export function nextSlot(now: Date, time: string): Date {
  const slot = latestSlot(now, time);
  slot.setDate(slot.getDate() + 1);
  return slot;
}

/**
 * When the next scheduled scan starts, or undefined when scheduled scans
 * are off.
 *
 * A scan is due when none ran since the latest slot (the machine was off,
 * or the agent is new): it then starts within `catchUpMs` of now.
 * Otherwise it starts at the next slot plus a random share of `spreadMs`.
 *
 * @param lastRunAt when the last scheduled scan started, if ever
 * @param random uniform number in [0, 1) for the spread
 */
export function nextScheduledScan(
  schedule: DailySchedule,
  now: Date,
  lastRunAt: Date | undefined,
  random: () => number = Math.random,
): Date | undefined {
  if (schedule.time === "off") return undefined;

  const latest = latestSlot(now, schedule.time);
  if (!lastRunAt || lastRunAt.getTime() < latest.getTime()) {
    return new Date(now.getTime() + Math.floor(random() * schedule.catchUpMs));
  }

  const next = nextSlot(now, schedule.time);
  return new Date(next.getTime() + Math.floor(random() * schedule.spreadMs));
}
