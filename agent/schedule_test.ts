import assert from "node:assert/strict";
import {
  type DailySchedule,
  latestSlot,
  nextScheduledScan,
  nextSlot,
} from "./schedule.ts";

const HOUR = 3_600_000;
const schedule: DailySchedule = {
  time: "02:00",
  spreadMs: HOUR,
  catchUpMs: 10 * 60_000,
};

// Local dates, so the tests hold in any time zone.
const at = (day: number, hour: number, minute = 0) =>
  new Date(2026, 2, day, hour, minute);

Deno.test("latestSlot() and nextSlot() find 02:00 local either side of now", () => {
  assert.deepEqual(latestSlot(at(10, 9), "02:00"), at(10, 2));
  assert.deepEqual(latestSlot(at(10, 1), "02:00"), at(9, 2));
  assert.deepEqual(nextSlot(at(10, 9), "02:00"), at(11, 2));
  assert.deepEqual(nextSlot(at(10, 1), "02:00"), at(10, 2));
});

Deno.test("nextScheduledScan() spreads the next daily scan over its window", () => {
  const lastRun = at(10, 2, 20);

  const earliest = nextScheduledScan(schedule, at(10, 9), lastRun, () => 0);
  const latest = nextScheduledScan(schedule, at(10, 9), lastRun, () => 0.5);

  assert.deepEqual(earliest, at(11, 2));
  assert.deepEqual(latest, at(11, 2, 30));
});

Deno.test("nextScheduledScan() catches up soon after start when a scan was missed", () => {
  // Off from the evening of the 9th until 08:00 on the 11th.
  const lastRun = at(9, 2, 5);
  const now = at(11, 8);

  const due = nextScheduledScan(schedule, now, lastRun, () => 0.5);

  assert.deepEqual(due, new Date(now.getTime() + 5 * 60_000));
});

Deno.test("nextScheduledScan() scans a new agent soon after its first start", () => {
  const now = at(11, 15);
  assert.deepEqual(nextScheduledScan(schedule, now, undefined, () => 0), now);
});

Deno.test("nextScheduledScan() plans nothing when scheduled scans are off", () => {
  const off = { ...schedule, time: "off" };
  assert.equal(nextScheduledScan(off, at(11, 15), undefined), undefined);
});
