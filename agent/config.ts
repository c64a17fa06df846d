/**
 * The agent's configuration file: where the controller is, how to trust it,
 * how often to check in and when to scan. It never holds the token or the
 * enrollment secret, only the path of a file that holds the secret.
 *
 * @module
 */
import { z } from "zod";
import { ComplianceModeSchema } from "../shared/report.ts";
import { readTextIfExists, writeFileAtomic } from "./atomic_file.ts";
import { AgentError } from "./errors.ts";

/** `HH:MM`, 24-hour local time. */
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Says the expected form in words: whoever edits the file needs no pattern. */
function notScanTime(issue: { input?: unknown }): string {
  return `"${String(issue.input)}" is not a 24-hour time "HH:MM" or "off"`;
}

/** Contents of `config.json`. */
export const AgentConfigSchema = z.object({
  controller_url: z.url({ protocol: /^https?$/ }),
  agent_id: z.uuid().optional(),
  /**
   * Stable id of this machine, made at first registration. Registering
   * again with it keeps the agent's id and revokes its old token.
   */
  machine_id: z.uuid().optional(),
  /** PEM file of a private CA that signed the controller's certificate. */
  ca_cert: z.string().optional(),
  /** False only for tests against a self-signed controller. */
  verify_tls: z.boolean().default(true),
  heartbeat_interval_s: z.number().int().min(1).max(86_400).default(60),
  poll_interval_s: z.number().int().min(1).max(86_400).default(30),
  /** Local time of the daily scan, or `off`. */
  scan_time: z.union([
    z.string().regex(LOCAL_TIME, { error: notScanTime }),
    z.literal("off"),
  ], { error: notScanTime }).default("02:00"),
  /** The daily scan starts up to this many minutes after `scan_time`. */
  scan_spread_minutes: z.number().int().min(0).max(720).default(60),
  scan_mode: ComplianceModeSchema.default("standard"),
  /** Reports kept while the controller cannot be reached. */
  queue_max_reports: z.number().int().min(1).max(10_000).default(100),
  /** File holding the enrollment secret, to re-register without a person. */
  enroll_secret_file: z.string().optional(),
  log_level: z.enum(["debug", "info", "warn", "error"]).default("info"),
});
/** Contents of `config.json`, defaults applied. */
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

/** Reads the configuration, or returns undefined when there is none. */
export async function loadConfig(
  path: string,
): Promise<AgentConfig | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AgentError(
      "config_invalid",
      `Configuration file "${path}" is not valid JSON`,
      { cause: error },
    );
  }

  const parsed = AgentConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AgentError(
      "config_invalid",
      `Configuration file "${path}" has an invalid "${
        issue.path.join(".")
      }": ${issue.message}`,
    );
  }
  return parsed.data;
}

/** Writes the configuration atomically, readable by its owner only. */
export async function saveConfig(
  path: string,
  config: AgentConfig,
): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(config, null, 2) + "\n");
}

/** A configuration with defaults for everything but the controller. */
export function defaultConfig(controllerUrl: string): AgentConfig {
  return AgentConfigSchema.parse({ controller_url: controllerUrl });
}
