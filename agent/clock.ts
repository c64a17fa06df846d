/**
 * Time as the agent sees it. Everything that waits or schedules takes a
 * {@linkcode Clock}, so tests move time forward instead of sleeping.
 *
 * @module
 */

/** Source of the current time and of waits that can be cancelled. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The wall clock and real timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener("abort", done, { once: true });
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      }
    });
  },
};

interface Sleeper {
  until: number;
  resolve: () => void;
}

/**
 * A clock that only moves when told to. Sleepers wake when
 * {@linkcode FakeClock.advance} passes their deadline.
 */
export class FakeClock implements Clock {
  #now: number;
  #sleepers: Sleeper[] = [];

  /** Starts at `start` (a date or epoch milliseconds). */
  constructor(start: Date | number = 0) {
    this.#now = typeof start === "number" ? start : start.getTime();
  }

  /** Milliseconds since the epoch. */
  now(): number {
    return this.#now;
  }

  /** Number of callers currently waiting. */
  get waiting(): number {
    return this.#sleepers.length;
  }

  /** Resolves when fake time reaches now + `ms` or the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = { until: this.#now + Math.max(0, ms), resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener("abort", () => {
        this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
        resolve();
      }, { once: true });
    });
  }

  /** Moves time forward, waking every sleeper whose deadline has passed. */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#sleepers.filter((s) => s.until <= this.#now);
    this.#sleepers = this.#sleepers.filter((s) => s.until > this.#now);
    for (const sleeper of due) sleeper.resolve();
  }

  /** Deadline of the earliest sleeper, or undefined when none waits. */
  nextWake(): number | undefined {
    const deadlines = this.#sleepers.map((s) => s.until);
    return deadlines.length ? Math.min(...deadlines) : undefined;
  }
}
