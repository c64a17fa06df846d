/**
 * Conversions from database values to API values, the same for both
 * drivers.
 *
 * @module
 */

/** An ISO 8601 string for a timestamp column, or null. */
export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return iso(value);
}

/** An ISO 8601 string for a non-null timestamp column. */
export function iso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value)))
    .toISOString();
}

/** A JSON object column, or an empty object. */
export function jsonObject(value: unknown): Record<string, unknown> {
  const parsed = typeof value === "string" ? JSON.parse(value) : value;
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
    return parsed as Record<string, unknown>;
  }
  return {};
}

/** Escape `%`, `_` and `\` so text matches itself in LIKE. */
export function likePattern(text: string): string {
  return "%" + text.toLowerCase().replace(/[\\%_]/g, (c) => "\\" + c) + "%";
}

/** Collects `$n` parameters while a query is built. */
export class Params {
  /** The values, in `$n` order. */
  readonly values: unknown[] = [];

  /** Add a value and return its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
