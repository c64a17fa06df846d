/**
 * The source of the current time. Code that depends on time takes a clock,
 * so tests can move time forward instead of sleeping.
 *
 * @module
 */

/** Something that knows what time it is. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The clock of the machine the controller runs on. */
export const systemClock: Clock = { now: () => new Date() };
