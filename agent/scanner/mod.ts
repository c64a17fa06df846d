/**
 * The Cyber Essentials scanner: runs every check of the five technical
 * controls on this device (or on recorded outputs) and returns a report in
 * the shared format.
 *
 * @example
 * ```ts
 * const report = await runScan({ mode: "standard" });
 * console.log(report.overall.status);
 * ```
 *
 * @module
 */
import {
  type CheckResult,
  type CheckStatus,
  type ComplianceMode,
  CONTROL_NAMES,
  type ControlName,
  PLATFORMS,
  type Report,
} from "../../shared/report.ts";
import {
  type CheckContext,
  type CheckDefinition,
  type CheckOutcome,
  notApplicable,
  overallOf,
  SCAN_PLATFORMS,
  type ScanPlatform,
  toCheckResult,
  toControlResult,
  unknown,
} from "./check.ts";
import { EOS_TABLE_DATE } from "./end_of_support.ts";
import { firewallChecks } from "./firewalls.ts";
import { type HostInfo, readHostInfo, toHostFacts } from "./host.ts";
import { malwareProtectionChecks } from "./malware_protection.ts";
import { MODE_TABLE, modeRule, type ModeTable } from "./modes.ts";
import {
  commandKey,
  type CommandOutput,
  createSystemProbe,
  type Probe,
  type ProbeResult,
  type RunOptions,
} from "./probe.ts";
import { secureConfigurationChecks } from "./secure_configuration.ts";
import { securityUpdateManagementChecks } from "./security_update_management.ts";
import { userAccessControlChecks } from "./user_access_control.ts";

/** Version written into every report's `scanner_version`. */
export const SCANNER_VERSION = "cefleet-scanner 1.0.0";

/** The checks of each control, in report order. */
export const CONTROL_CHECKS: Readonly<
  Record<ControlName, readonly CheckDefinition[]>
> = {
  firewalls: firewallChecks,
  secure_configuration: secureConfigurationChecks,
  security_update_management: securityUpdateManagementChecks,
  user_access_control: userAccessControlChecks,
  malware_protection: malwareProtectionChecks,
};

/** Every check of the scanner, control by control. */
export const ALL_CHECKS: readonly CheckDefinition[] = CONTROL_NAMES.flatMap(
  (name) => CONTROL_CHECKS[name],
);

/** What {@linkcode runScan} tells its caller while it runs. */
export type ScanProgress =
  | { type: "started"; total: number; host: HostInfo }
  | {
    type: "check_finished";
    id: string;
    title: string;
    status: CheckStatus;
    done: number;
    total: number;
  };

/** Options of {@linkcode runScan}. */
export interface ScanOptions {
  mode: ComplianceMode;
  /** Reads the system; defaults to the real probe of this machine. */
  probe?: Probe;
  /** Platform whose checks run; defaults to `Deno.build.os`. */
  platform?: ScanPlatform;
  now?: () => Date;
  onProgress?: (event: ScanProgress) => void;
  /** The report's id; a random UUID by default. */
  reportId?: string;
  /** Checks to run instead of all of them. */
  checks?: readonly CheckDefinition[];
  /** Mode table to use instead of the shipped one. */
  modeTable?: ModeTable;
  /** Longest a single check may take before it counts as unknown. */
  checkTimeoutMs?: number;
}

/** The scanner cannot run on this system at all. */
export class ScanError extends Error {
  /** Machine-readable reason. */
  readonly code: "unsupported_platform";

  /** Makes an error with a code and a message. */
  constructor(code: "unsupported_platform", message: string) {
    super(message);
    this.name = "ScanError";
    this.code = code;
  }
}

const DEFAULT_CHECK_TIMEOUT_MS = 60_000;
// Two cores run the whole scan; more parallel processes only queue.
const MAX_CONCURRENT_CHECKS = 8;

/**
 * Scans the device against the five Cyber Essentials technical controls.
 *
 * Checks run concurrently; each probe has its own timeout and each check a
 * backstop timeout, so a hung tool makes one check `unknown`, not the scan
 * hang. Identical probe requests from different checks run once.
 *
 * @throws {ScanError} when the platform is not Windows, macOS or Linux
 */
export async function runScan(options: ScanOptions): Promise<Report> {
  const now = options.now ?? (() => new Date());
  const platform = options.platform ?? currentPlatform();
  const probe = sharedProbe(options.probe ?? createSystemProbe());
  const started = now();

  const host = await readHostInfo(probe, platform);
  const checks = options.checks ?? ALL_CHECKS;
  options.onProgress?.({ type: "started", total: checks.length, host });

  const results = await runChecks(checks, {
    probe,
    platform,
    host,
    now,
    mode: options.mode,
    table: options.modeTable ?? MODE_TABLE,
    timeoutMs: options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
    onProgress: options.onProgress,
  });

  return buildReport({
    reportId: options.reportId ?? crypto.randomUUID(),
    mode: options.mode,
    platform,
    host,
    results,
    started,
    finished: now(),
  });
}

/** The platform this process runs on, as the scanner names it. */
export function currentPlatform(): ScanPlatform {
  const os = Deno.build.os;
  if ((SCAN_PLATFORMS as readonly string[]).includes(os)) {
    return os as ScanPlatform;
  }
  throw new ScanError(
    "unsupported_platform",
    `Operating system "${os}" is not supported`,
  );
}

interface RunContext {
  probe: Probe;
  platform: ScanPlatform;
  host: HostInfo;
  now: () => Date;
  mode: ComplianceMode;
  table: ModeTable;
  timeoutMs: number;
  onProgress?: (event: ScanProgress) => void;
}

async function runChecks(
  checks: readonly CheckDefinition[],
  run: RunContext,
): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(checks.length);
  let next = 0;
  let done = 0;

  const worker = async () => {
    while (next < checks.length) {
      const index = next++;
      results[index] = await runOne(checks[index], run);
      done++;
      run.onProgress?.({
        type: "check_finished",
        id: results[index].id,
        title: results[index].title,
        status: results[index].status,
        done,
        total: checks.length,
      });
    }
  };

  const workers = Math.min(MAX_CONCURRENT_CHECKS, checks.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

async function runOne(
  definition: CheckDefinition,
  run: RunContext,
): Promise<CheckResult> {
  const rule = modeRule(definition.id, run.mode, run.table);
  const ctx: CheckContext = {
    probe: run.probe,
    platform: run.platform,
    mode: run.mode,
    host: run.host,
    rule,
    now: run.now,
  };

  const outcome = definition.platforms.includes(run.platform)
    ? await decide(definition, ctx, run.timeoutMs)
    : notApplicable(
      definition.notApplicableReason ??
        `This check does not apply to ${PLATFORM_TITLES[run.platform]}`,
    );
  return toCheckResult(definition, outcome, rule.severity, run.platform);
}

const PLATFORM_TITLES: Record<ScanPlatform, (typeof PLATFORMS)[number]> = {
  linux: "Linux",
  darwin: "macOS",
  windows: "Windows",
};

async function decide(
  definition: CheckDefinition,
  ctx: CheckContext,
  timeoutMs: number,
): Promise<CheckOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(
      () => resolve(unknown(`The check ran over ${timeoutMs} ms`)),
      timeoutMs,
    );
  });

  try {
    return await Promise.race([definition.run(ctx), timeout]);
  } catch (error) {
    // A bug in one check must not lose the other checks' results.
    const message = error instanceof Error ? error.message : String(error);
    return unknown(`The check could not run: ${message}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Wraps a probe so that identical requests made by several checks during
 * one scan run the command or read the file once.
 */
export function sharedProbe(probe: Probe): Probe {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, read());
    return cache.get(key) as Promise<T>;
  };

  return {
    run: (command, args, options?: RunOptions) =>
      once<ProbeResult<CommandOutput>>(
        `run:${commandKey(command, args, options?.env)}`,
        () => probe.run(command, args, options),
      ),
    readFile: (path) => once(`file:${path}`, () => probe.readFile(path)),
    readDir: (path) => once(`dir:${path}`, () => probe.readDir(path)),
    env: (name) => probe.env(name),
    runtime: () => probe.runtime(),
  };
}

interface ReportParts {
  reportId: string;
  mode: ComplianceMode;
  platform: ScanPlatform;
  host: HostInfo;
  results: CheckResult[];
  started: Date;
  finished: Date;
}

function buildReport(parts: ReportParts): Report {
  const controls = CONTROL_NAMES.map((name) =>
    toControlResult(name, parts.results)
  );

  return {
    report_id: parts.reportId,
    scanner_version: SCANNER_VERSION,
    timestamp_utc: parts.started.toISOString().replace(/\.\d+Z$/, "Z"),
    compliance_mode: parts.mode,
    os: {
      platform: PLATFORM_TITLES[parts.platform],
      version: parts.host.osVersion || parts.host.osName || "unknown",
    },
    host: toHostFacts(parts.host),
    controls,
    checks: parts.results,
    overall: overallOf(controls, parts.results),
    eos_table_date: EOS_TABLE_DATE,
    duration_ms: Math.max(
      0,
      parts.finished.getTime() - parts.started.getTime(),
    ),
  };
}
