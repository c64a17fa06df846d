/**
 * A clock tests move by hand, so time-dependent behaviour is tested
 * without sleeping.
 *
 * @module
 */
import type { Clock } from "../../controller/clock.ts";

/** A clock that stands still until told to move. */
export class FakeClock implements Clock {
  #now: number;

  /** Start at `start` (a fixed instant by default). */
  constructor(start: Date = new Date("2026-03-02T09:00:00Z")) {
    this.#now = start.getTime();
  }

  /** The clock's current instant. */
  now(): Date {
    return new Date(this.#now);
  }

  /** Move forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#now += ms;
  }
}
