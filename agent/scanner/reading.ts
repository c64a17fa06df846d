/**
 * The result of reading facts for a check: the facts, or the outcome the
 * check should report because they could not be read.
 *
 * Readers return this instead of throwing, so a check reads top to bottom:
 * read, return early with the outcome on failure, decide.
 *
 * @module
 */
import type { CheckOutcome } from "./check.ts";

/** Facts read for a check, or the outcome that replaces a verdict. */
export type Reading<T> =
  | { ok: true; value: T }
  | { ok: false; outcome: CheckOutcome };

/** Facts that were read. */
export function got<T>(value: T): Reading<T> {
  return { ok: true, value };
}

/** Facts that could not be read, and the outcome to report instead. */
export function missed(outcome: CheckOutcome): Reading<never> {
  return { ok: false, outcome };
}
