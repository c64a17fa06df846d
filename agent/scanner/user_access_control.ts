/**
 * Checks of this control; filled in as they are written.
 *
 * @module
 */
import type { CheckDefinition } from "./check.ts";

/** The checks of this control, in report order. */
export const userAccessControlChecks: CheckDefinition[] = [];
