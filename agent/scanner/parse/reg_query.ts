/**
 * Parser of Windows `reg query <key>` output.
 *
 * @module
 */

/** One registry value as `reg query` prints it. */
export interface RegValue {
  name: string;
  /** `REG_DWORD`, `REG_SZ`... */
  type: string;
  /** The data as printed: `0xff` for a DWORD, text for a string. */
  data: string;
}

/**
 * Parses the values `reg query` lists under a key (four-space indented
 * `name    TYPE    data` lines), by name. Subkey lines are ignored.
 */
export function parseRegQuery(stdout: string): Map<string, RegValue> {
  const values = new Map<string, RegValue>();
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^ {4}(.*?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (!match) continue;
    const name = match[1] === "(Default)" ? "" : match[1];
    values.set(name, { name, type: match[2], data: (match[3] ?? "").trim() });
  }
  return values;
}

/** A DWORD or QWORD value's number, or undefined for any other value. */
export function regNumber(value: RegValue | undefined): number | undefined {
  if (!value || !/^REG_(D|Q)WORD$/.test(value.type)) return undefined;
  const number = Number(value.data);
  return Number.isFinite(number) ? number : undefined;
}

/** A string value's text (REG_SZ or REG_EXPAND_SZ), or undefined. */
export function regString(value: RegValue | undefined): string | undefined {
  if (!value || !/^REG_(EXPAND_)?SZ$/.test(value.type)) return undefined;
  return value.data;
}

/**
 * Whether `reg query` failed because the key or value does not exist,
 * judged from its fixed error sentence (English Windows).
 */
export function isMissingKey(stderr: string): boolean {
  return /unable to find the specified registry key or value/.test(stderr);
}
