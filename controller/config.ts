/**
 * Controller settings, read from the environment and validated once at
 * start-up. A bad value stops start-up with a message naming the setting.
 *
 * @module
 */
import { z } from "zod";
import { LOG_LEVELS } from "./logger.ts";

/** Validated controller settings. */
export interface Config {
  /** TCP port to listen on; 0 picks a free one. */
  port: number;
  /** Address to listen on. */
  host: string;
  /** PostgreSQL URL; unset means the embedded database in `dataDir`. */
  databaseUrl?: string;
  /** Schema holding cefleet's tables, `public` unless given. */
  databaseSchema: string;
  /** Folder for the embedded database and generated signing keys. */
  dataDir: string;
  /** Password of the first `admin`, when set before the first start. */
  adminPassword?: string;
  /** An enrollment secret that exists from start-up. */
  enrollSecret?: string;
  /** Signing key for tokens; generated into `dataDir` when unset. */
  jwtSecret?: string;
  /** TLS certificate file; with `tlsKey`, the controller serves HTTPS. */
  tlsCert?: string;
  /** TLS private key file. */
  tlsKey?: string;
  /**
   * Address endpoints reach the controller at, for the register command
   * the dashboard shows; the address the dashboard was opened at when unset.
   */
  publicUrl?: string;
  /** Addresses (or IPv4 CIDR ranges) whose forwarded headers are believed. */
  trustedProxies: string[];
  /**
   * `secret` refuses agents without an enrollment secret; `approval` keeps
   * them pending until an admin approves them.
   */
  registration: "secret" | "approval";
  /** Least important log level written. */
  logLevel: typeof LOG_LEVELS[number];
  /** Seconds a command may stay unanswered before it expires. */
  commandTimeoutSeconds: number;
  /** Milliseconds between batched writes of agents' `last_seen`. */
  lastSeenFlushMs: number;
  /** Largest accepted report upload, in bytes. */
  maxReportBytes: number;
  /** Largest accepted body of any other request, in bytes. */
  maxBodyBytes: number;
  /** Login attempts allowed per client address per minute. */
  loginRatePerMinute: number;
  /** Registrations allowed per client address per minute. */
  registerRatePerMinute: number;
  /** Failed logins in a row that lock a username. */
  lockoutThreshold: number;
  /** Minutes a locked username stays locked. */
  lockoutMinutes: number;
}

const optionalText = z.string().min(1).optional();

function integer(fallback: number, min: number, max: number) {
  return z.coerce.number().int().min(min).max(max).default(fallback);
}

/** Each setting's environment variable and rule. */
const SETTINGS = {
  port: ["PORT", integer(8000, 0, 65535)],
  host: ["HOST", z.string().min(1).default("0.0.0.0")],
  databaseUrl: [
    "DATABASE_URL",
    z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres://")
      .optional(),
  ],
  databaseSchema: [
    "CEFLEET_DB_SCHEMA",
    z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case name")
      .default("public"),
  ],
  dataDir: ["CEFLEET_DATA_DIR", z.string().min(1).default("./data")],
  adminPassword: [
    "CEFLEET_ADMIN_PASSWORD",
    z.string().min(12, "must be at least 12 characters").optional(),
  ],
  enrollSecret: [
    "CEFLEET_ENROLL_SECRET",
    z.string().min(16, "must be at least 16 characters").optional(),
  ],
  jwtSecret: [
    "CEFLEET_JWT_SECRET",
    z.string().min(32, "must be at least 32 characters").optional(),
  ],
  tlsCert: ["CEFLEET_TLS_CERT", optionalText],
  tlsKey: ["CEFLEET_TLS_KEY", optionalText],
  publicUrl: [
    "CEFLEET_PUBLIC_URL",
    z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
  ],
  trustedProxies: [
    "CEFLEET_TRUSTED_PROXIES",
    z.string().default("").transform((text) =>
      text.split(",").map((part) => part.trim()).filter(Boolean)
    ),
  ],
  registration: [
    "CEFLEET_REGISTRATION",
    z.enum(["secret", "approval"]).default("secret"),
  ],
  logLevel: ["LOG_LEVEL", z.enum(LOG_LEVELS).default("info")],
  commandTimeoutSeconds: [
    "CEFLEET_COMMAND_TIMEOUT",
    integer(3600, 1, 30 * 86400),
  ],
  lastSeenFlushMs: [
    "CEFLEET_LAST_SEEN_FLUSH_MS",
    integer(5000, 10, 600_000),
  ],
  maxReportBytes: [
    "CEFLEET_MAX_REPORT_BYTES",
    integer(5 * 1024 * 1024, 1024, 256 * 1024 * 1024),
  ],
  maxBodyBytes: [
    "CEFLEET_MAX_BODY_BYTES",
    integer(64 * 1024, 1024, 16 * 1024 * 1024),
  ],
  loginRatePerMinute: ["CEFLEET_LOGIN_RATE", integer(10, 1, 1_000_000)],
  registerRatePerMinute: [
    "CEFLEET_REGISTER_RATE",
    integer(30, 1, 1_000_000),
  ],
  lockoutThreshold: ["CEFLEET_LOCKOUT_THRESHOLD", integer(5, 1, 1000)],
  lockoutMinutes: ["CEFLEET_LOCKOUT_MINUTES", integer(15, 1, 24 * 60)],
} as const;

/** Thrown when a setting has a value the controller cannot use. */
export class ConfigError extends Error {
  /** Name the bad setting in the message. */
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * Read and validate the settings from `env` (the process environment by
 * default).
 *
 * @throws {ConfigError} naming the first setting whose value is invalid
 */
export function loadConfig(
  env: Record<string, string | undefined> = Deno.env.toObject(),
): Config {
  const config: Record<string, unknown> = {};
  for (const [key, [name, schema]] of Object.entries(SETTINGS)) {
    const raw = env[name] === "" ? undefined : env[name];
    const result = (schema as z.ZodType).safeParse(raw);
    if (!result.success) {
      const reason = result.error.issues[0]?.message ?? "is invalid";
      const shown = isSecret(name) ? "(hidden)" : `"${raw}"`;
      throw new ConfigError(
        `Setting ${name} has bad value ${shown}: ${reason}`,
      );
    }
    config[key] = result.data;
  }
  return checkTls(config as unknown as Config);
}

function isSecret(name: string): boolean {
  return /PASSWORD|SECRET|DATABASE_URL/.test(name);
}

function checkTls(config: Config): Config {
  if (Boolean(config.tlsCert) !== Boolean(config.tlsKey)) {
    const [given, missing] = config.tlsCert
      ? ["CEFLEET_TLS_CERT", "CEFLEET_TLS_KEY"]
      : ["CEFLEET_TLS_KEY", "CEFLEET_TLS_CERT"];
    throw new ConfigError(
      `Setting ${missing} is missing: ${given} is set, and HTTPS needs ` +
        "both a certificate and a key",
    );
  }
  return config;
}
