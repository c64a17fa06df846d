/**
 * Reads what Windows PowerShell 5.1's `ConvertTo-Json` prints.
 *
 * Its output has quirks a plain `JSON.parse` does not cover: one object
 * comes out bare while several come out as an array, nothing at all comes
 * out for an empty pipeline, and `DateTime` values are written as
 * `"\/Date(1733050000000)\/"`.
 *
 * @module
 */

/**
 * How every JSON-printing script starts: errors stop the script (so output
 * cut short by an error is never read as complete), and output is UTF-8
 * (Windows PowerShell writes the console code page otherwise, which breaks
 * non-ASCII account and product names).
 */
export const JSON_SCRIPT_PRELUDE = "$ErrorActionPreference = 'Stop'; " +
  "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8;";

/** A parse result: the value, or why the text was not JSON. */
export type JsonResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: string };

/** A JSON object as `ConvertTo-Json` writes one. */
export type JsonObject = Record<string, unknown>;

/** Parses `ConvertTo-Json` output; empty output is an empty list. */
export function parsePowershellJson(stdout: string): JsonResult {
  const text = stdout.replace(/^\uFEFF/, "").trim();
  if (text === "") return { ok: true, value: [] };

  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      reason: `Output is not JSON: "${text.slice(0, 80)}"`,
    };
  }
}

/** The objects of a `ConvertTo-Json` value, whether it printed one or many. */
export function objectList(value: unknown): JsonObject[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter(isObject);
}

/** Whether a JSON value is an object (not an array or null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A date from `ConvertTo-Json`: the `\/Date(ms)\/` form PowerShell 5.1
 * writes, or an ISO 8601 string a script formatted itself.
 */
export function powershellDate(value: unknown): Date | undefined {
  if (typeof value !== "string" || value === "") return undefined;

  const legacy = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
  if (legacy) return new Date(Number(legacy[1]));

  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

/** A JSON value as a boolean, accepting PowerShell's 0/1 and "True"/"False". */
export function jsonBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === "True" || value === "true") return true;
  if (value === 0 || value === "False" || value === "false") return false;
  return undefined;
}

/** A JSON value as a finite number, or undefined. */
export function jsonNumber(value: unknown): number | undefined {
  const number = typeof value === "string" && value.trim() !== ""
    ? Number(value)
    : value;
  return typeof number === "number" && Number.isFinite(number)
    ? number
    : undefined;
}

/** A JSON value as a non-empty string, or undefined. */
export function jsonString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
