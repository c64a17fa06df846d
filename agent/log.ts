/**
 * The agent's structured logger: JSON lines in rotating files under the
 * state directory, and one readable line per entry on stderr, which
 * journald and launchd capture.
 *
 * Secrets registered with {@linkcode Logger.redact} are masked in every
 * line, a last guard behind the rule that no caller logs them at all.
 *
 * @module
 */

/** Severity of a log entry. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const LEVEL_ORDER: Record<LogLevel, number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
};

/** Structured fields attached to a log entry. */
export type LogFields = Record<string, unknown>;

/** Settings of {@linkcode Logger}. */
export interface LoggerOptions {
  /** Folder of the log files; no files are written when absent. */
  dir?: string;
  /** Lowest level written. */
  level?: LogLevel;
  /** Rotate when the current file would grow past this many bytes. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  keep?: number;
  /** Where readable lines go; stderr by default, nothing when null. */
  console?: ((line: string) => void) | null;
  /** Current time, for the timestamp of each entry. */
  now?: () => number;
}

/** Name of the current log file inside the log folder. */
export const LOG_FILE = "agent.log";

const encoder = new TextEncoder();

/** Writes leveled, structured entries to files and stderr. */
export class Logger {
  #options: Required<Omit<LoggerOptions, "dir" | "console">> & {
    dir?: string;
    console: ((line: string) => void) | null;
  };
  #secrets = new Set<string>();

  /** Creates a logger; files go to `options.dir` when given. */
  constructor(options: LoggerOptions = {}) {
    this.#options = {
      dir: options.dir,
      level: options.level ?? "info",
      maxBytes: options.maxBytes ?? 1024 * 1024,
      keep: options.keep ?? 5,
      console: options.console === undefined
        ? (line) => Deno.stderr.writeSync(encoder.encode(line + "\n"))
        : options.console,
      now: options.now ?? Date.now,
    };
  }

  /** Masks `secret` wherever it would appear in a later entry. */
  redact(secret: string | undefined): void {
    if (secret && secret.length >= 6) this.#secrets.add(secret);
  }

  /** Logs at debug level. */
  debug(message: string, fields?: LogFields): void {
    this.#write("debug", message, fields);
  }

  /** Logs at info level. */
  info(message: string, fields?: LogFields): void {
    this.#write("info", message, fields);
  }

  /** Logs at warn level. */
  warn(message: string, fields?: LogFields): void {
    this.#write("warn", message, fields);
  }

  /** Logs at error level. */
  error(message: string, fields?: LogFields): void {
    this.#write("error", message, fields);
  }

  #write(level: LogLevel, message: string, fields: LogFields = {}) {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[this.#options.level]) return;

    const time = new Date(this.#options.now()).toISOString();
    const entry = { time, level, msg: message, ...fields };
    const json = this.#mask(JSON.stringify(entry));
    this.#options.console?.(this.#mask(readable(level, message, fields)));
    if (this.#options.dir) this.#append(json);
  }

  #mask(text: string): string {
    let masked = text;
    for (const secret of this.#secrets) {
      masked = masked.replaceAll(secret, "[redacted]");
    }
    return masked;
  }

  #append(json: string) {
    const dir = this.#options.dir!;
    const path = `${dir}/${LOG_FILE}`;
    const bytes = encoder.encode(json + "\n");
    try {
      const size = fileSize(path);
      if (size > 0 && size + bytes.length > this.#options.maxBytes) {
        rotate(dir, this.#options.keep);
      }
      Deno.writeFileSync(path, bytes, { append: true, mode: 0o600 });
    } catch (error) {
      // Losing a log line must never stop the agent; say so once on stderr.
      this.#options.console?.(
        `log file "${path}" cannot be written: ${String(error)}`,
      );
    }
  }
}

function fileSize(path: string): number {
  try {
    return Deno.statSync(path).size;
  } catch {
    return 0;
  }
}

function rotate(dir: string, keep: number) {
  const name = (n: number) => `${dir}/${LOG_FILE}${n === 0 ? "" : `.${n}`}`;
  try {
    Deno.removeSync(name(keep));
  } catch {
    // The oldest file may not exist yet.
  }
  for (let n = keep - 1; n >= 0; n--) {
    try {
      Deno.renameSync(name(n), name(n + 1));
    } catch {
      // Gaps appear until the agent has rotated `keep` times.
    }
  }
}

function readable(level: LogLevel, message: string, fields: LogFields) {
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) =>
      `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`
    );
  return [level.toUpperCase().padEnd(5), message, ...pairs].join(" ");
}

/** A logger that discards everything, for code paths that need one. */
export const silentLogger = new Logger({ console: null });
