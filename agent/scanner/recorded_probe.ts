/**
 * A probe that replays outputs recorded on real systems, so every check can
 * be tested on any operating system.
 *
 * Recordings are keyed by command line (see {@linkcode commandKey}) and by
 * path. Anything not recorded behaves as absent from the system
 * (`not_found`), which is how a missing tool looks to a check. Anything not
 * listed in `commands.ts` for the platform throws, so the list the agent's
 * permissions are built from cannot fall behind the checks.
 *
 * @module
 */
import type { CheckResult, ComplianceMode } from "../../shared/report.ts";
import type { CheckDefinition, ScanPlatform } from "./check.ts";
import { isDeclared } from "./commands.ts";
import { runScan } from "./mod.ts";
import {
  commandKey,
  type CommandOutput,
  type Probe,
  probeFailure,
  type ProbeFailureKind,
  type ProbeResult,
  type RunOptions,
  type RuntimeFacts,
} from "./probe.ts";

/** A recorded failure: the kind, and optionally the reason to report. */
export interface RecordedFailure {
  failure: ProbeFailureKind;
  reason?: string;
}

/** What a command printed; `code` defaults to 0. */
export interface RecordedOutput {
  stdout?: string;
  stderr?: string;
  code?: number;
}

/** The recordings a {@linkcode RecordedProbe} replays. */
export interface Recordings {
  /**
   * By command line, e.g. `"ufw status verbose"`, led by any variables set
   * for it (see {@linkcode commandKey}).
   */
  commands?: Record<string, RecordedOutput | RecordedFailure>;
  /** File contents by path. */
  files?: Record<string, string | RecordedFailure>;
  /** Directory entry names by path. */
  dirs?: Record<string, string[] | RecordedFailure>;
  /** Environment variables. */
  env?: Record<string, string>;
  /** Host name, kernel and architecture of the recorded machine. */
  runtime?: Partial<RuntimeFacts>;
}

/** A probe that answers from recordings and remembers what was asked. */
export class RecordedProbe implements Probe {
  /** Every command line, file and directory asked for, in order. */
  readonly asked: string[] = [];
  readonly #recordings: Recordings;
  readonly #platform: ScanPlatform;

  /** Makes a probe that replays recordings made on a platform. */
  constructor(platform: ScanPlatform, recordings: Recordings) {
    this.#platform = platform;
    this.#recordings = recordings;
  }

  #ask(kind: "run" | "read" | "env", target: string, key: string) {
    if (!isDeclared(this.#platform, kind, target)) {
      throw new Error(
        `"${target}" is not listed for ${this.#platform} in commands.ts`,
      );
    }
    this.asked.push(key);
  }

  /** Replays a recorded command output or failure. */
  run(
    command: string,
    args: readonly string[],
    options: RunOptions = {},
  ): Promise<ProbeResult<CommandOutput>> {
    const key = commandKey(command, args, options.env);
    this.#ask("run", command, key);
    const recorded = this.#recordings.commands?.[key];
    if (recorded === undefined) {
      return Promise.resolve(
        probeFailure("not_found", `"${command}" is not installed`),
      );
    }
    if ("failure" in recorded) {
      return Promise.resolve(replayFailure(recorded, `"${key}"`));
    }
    return Promise.resolve({
      ok: true,
      value: {
        code: recorded.code ?? 0,
        stdout: recorded.stdout ?? "",
        stderr: recorded.stderr ?? "",
      },
    });
  }

  /** Replays a recorded file. */
  readFile(path: string): Promise<ProbeResult<string>> {
    this.#ask("read", path, path);
    return Promise.resolve(
      replay(this.#recordings.files?.[path], `"${path}"`),
    );
  }

  /** Replays a recorded directory listing. */
  readDir(path: string): Promise<ProbeResult<string[]>> {
    this.#ask("read", path, path);
    const recorded = this.#recordings.dirs?.[path];
    const result = replay(recorded, `"${path}"`);
    return Promise.resolve(
      result.ok ? { ok: true, value: [...result.value].sort() } : result,
    );
  }

  /** Returns a recorded environment variable. */
  env(name: string): string | undefined {
    this.#ask("env", name, `$${name}`);
    return this.#recordings.env?.[name];
  }

  /** Returns the recorded machine's facts, with neutral defaults. */
  runtime(): RuntimeFacts {
    return {
      hostname: "recorded-host",
      kernel: "",
      arch: "x86_64",
      ...this.#recordings.runtime,
    };
  }
}

function replay<T>(
  recorded: T | RecordedFailure | undefined,
  what: string,
): ProbeResult<T> {
  if (recorded === undefined) {
    return probeFailure("not_found", `${what} does not exist`);
  }
  if (isFailure(recorded)) return replayFailure(recorded, what);
  return { ok: true, value: recorded };
}

function isFailure(value: unknown): value is RecordedFailure {
  return typeof value === "object" && value !== null && "failure" in value;
}

const DEFAULT_REASONS: Record<ProbeFailureKind, string> = {
  not_found: "does not exist",
  denied: "could not be read: Permission denied",
  timeout: "ran over its time limit",
  failed: "failed",
};

function replayFailure(recorded: RecordedFailure, what: string) {
  const reason = recorded.reason ??
    `${what} ${DEFAULT_REASONS[recorded.failure]}`;
  return probeFailure(recorded.failure, reason);
}

/**
 * Reads a recorded output from `agent/scanner/testdata/<os>/<name>`.
 *
 * @example
 * ```ts
 * const ufw = fixture("linux", "firewalls_ufw_active.txt");
 * ```
 */
export function fixture(
  os: "linux" | "darwin" | "windows",
  name: string,
): string {
  const url = new URL(`./testdata/${os}/${name}`, import.meta.url);
  return Deno.readTextFileSync(url);
}

/** The check `id` among `checks`; throws when there is none, naming it. */
export function findCheck(
  checks: readonly CheckDefinition[],
  id: string,
): CheckDefinition {
  const found = checks.find((check) => check.id === id);
  if (!found) throw new Error(`No check "${id}"`);
  return found;
}

/** Options of {@linkcode runRecorded}. */
export interface RunRecordedOptions {
  mode?: ComplianceMode;
  now?: () => Date;
}

/**
 * Runs one check against recordings made on a platform, through the same
 * path as a real scan (host facts, mode table, timeouts), and returns its
 * report entry.
 */
export async function runRecorded(
  check: CheckDefinition,
  platform: ScanPlatform,
  recordings: Recordings,
  options: RunRecordedOptions = {},
): Promise<CheckResult> {
  const report = await runScan({
    mode: options.mode ?? "standard",
    platform,
    probe: new RecordedProbe(platform, recordings),
    checks: [check],
    now: options.now ?? (() => new Date("2026-06-01T09:00:00Z")),
  });
  return report.checks[0];
}
