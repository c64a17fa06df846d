/**
 * Exponential backoff with full jitter, so a fleet that lost its controller
 * does not come back in step and flood it.
 *
 * @module
 */

/** Settings of {@linkcode backoffDelay}. */
export interface BackoffOptions {
  /** Delay ceiling of the first retry, in milliseconds. */
  baseMs: number;
  /** Largest delay ever returned, in milliseconds. */
  maxMs: number;
  /** Uniform random number in [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0 for the first retry): a random
 * value between half and all of `min(maxMs, baseMs * 2^attempt)`.
 *
 * Half the ceiling is kept as a floor so that a retry never fires almost at
 * once after a failure, which full jitter alone would allow.
 *
 * @example
 * ```ts
 * backoffDelay(3, { baseMs: 1000, maxMs: 60000, random: () => 1 }); // 8000
 * ```
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const exponent = Math.min(Math.max(0, attempt), 30);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Spreads a fixed interval by up to `fraction` either way. */
export function withJitter(
  intervalMs: number,
  fraction: number,
  random: () => number = Math.random,
): number {
  const spread = intervalMs * fraction;
  return Math.round(intervalMs - spread + 2 * spread * random());
}
