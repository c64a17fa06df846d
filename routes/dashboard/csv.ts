/**
 * CSV writing for the dashboard's exports (RFC 4180), hardened against
 * formula injection: a text cell that a spreadsheet would read as a
 * formula is prefixed with an apostrophe, so it shows as text instead of
 * running.
 *
 * @module
 */

/** A value a CSV cell can hold. */
export type CsvValue = string | number | boolean | null | undefined;

/** One column: its header and how to read it from a row. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

/**
 * Characters that make a spreadsheet treat a cell as a formula. Tab and
 * carriage return are included because some spreadsheets strip them and
 * then read what follows.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, escaped for formulas and quoted when it must be. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  // Numbers are data the export itself produced, so "-3" stays a number.
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }

  const text = FORMULA_START.test(value) ? `'${value}` : value;
  if (/[",\r\n]/.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** A whole CSV document: a header line, then one line per row, CRLF ended. */
export function toCsv<Row>(
  columns: CsvColumn<Row>[],
  rows: Iterable<Row>,
): string {
  const lines = [columns.map((column) => csvCell(column.header)).join(",")];
  for (const row of rows) {
    lines.push(columns.map((column) => csvCell(column.value(row))).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}
