/**
 * Fixed-window rate limiting per key (a client address), kept in memory.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import { HttpError } from "../errors.ts";

interface Window {
  start: number;
  count: number;
}

// Past this many keys, windows that have ended are dropped so an attacker
// cycling addresses cannot grow the map without bound.
const PRUNE_THRESHOLD = 10_000;

/**
 * Allows `limit` events per key in each window of `windowMs`.
 *
 * TODO: counts live in one process, so N controllers behind a load
 * balancer allow N times the rate; a shared count in PostgreSQL would fix
 * that at the cost of a write per attempt.
 */
export class RateLimiter {
  #windows = new Map<string, Window>();
  #limit: number;
  #windowMs: number;
  #clock: Clock;

  /** Allow `limit` events per key per `windowMs` milliseconds. */
  constructor(limit: number, windowMs: number, clock: Clock) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#clock = clock;
  }

  /**
   * Count one event for `key`.
   *
   * @throws {HttpError} 429 `rate_limited` when the key is over its limit
   */
  take(key: string): void {
    const now = this.#clock.now().getTime();
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.#windowMs) {
      if (this.#windows.size >= PRUNE_THRESHOLD) this.#prune(now);
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }

    window.count += 1;
    if (window.count > this.#limit) {
      const wait = Math.ceil((window.start + this.#windowMs - now) / 1000);
      throw new HttpError(429, "rate_limited", "Too many requests", {
        headers: { "Retry-After": String(Math.max(wait, 1)) },
      });
    }
  }

  #prune(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.start >= this.#windowMs) this.#windows.delete(key);
    }
  }
}
