/**
 * The controller's structured logger: one JSON object a line, with a level,
 * a message and fields. Callers must never pass secrets, tokens or
 * passwords as fields.
 *
 * @module
 */

/** Log levels, from the most to the least verbose. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
/** A log level. */
export type LogLevel = typeof LOG_LEVELS[number];

/** Fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** A structured logger. */
export interface Logger {
  /** Log detail useful when diagnosing a problem. */
  debug(msg: string, fields?: LogFields): void;
  /** Log something an operator wants to know happened. */
  info(msg: string, fields?: LogFields): void;
  /** Log something unexpected that the controller survived. */
  warn(msg: string, fields?: LogFields): void;
  /** Log a failure. */
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

/** Options of {@linkcode createLogger}. */
export interface LoggerOptions {
  /** Lines below this level are dropped. */
  level?: LogLevel;
  /** Where lines go; standard error by default, keeping stdout for people. */
  write?: (line: string) => void;
}

/** Create a logger writing JSON lines. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const minimum = LOG_LEVELS.indexOf(options.level ?? "info");
  const encoder = new TextEncoder();
  const write = options.write ??
    ((line: string) => Deno.stderr.writeSync(encoder.encode(line + "\n")));

  function build(base: LogFields): Logger {
    const log = (level: LogLevel) => (msg: string, fields?: LogFields) => {
      if (LOG_LEVELS.indexOf(level) < minimum) return;
      const time = new Date().toISOString();
      write(JSON.stringify({ time, level, msg, ...base, ...fields }));
    };
    return {
      debug: log("debug"),
      info: log("info"),
      warn: log("warn"),
      error: log("error"),
      child: (fields) => build({ ...base, ...fields }),
    };
  }

  return build({});
}

/** A logger that drops every line, for tests that do not read logs. */
export const silentLogger: Logger = createLogger({ write: () => {} });

/** The fields worth logging about an error: its message and stack. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) {
    return { error: error.message, stack: error.stack };
  }
  return { error: String(error) };
}
