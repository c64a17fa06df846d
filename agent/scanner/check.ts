/**
 * What a check is, what it returns, and how check results add up to the
 * original scanner's `controls[]` and `overall`.
 *
 * ## Scores
 *
 * A control's score is the severity-weighted share of its applicable checks
 * that passed:
 *
 * ```
 * score = Σ weight(severity) × credit(status) / Σ weight(severity)
 * ```
 *
 * over checks whose status is `pass`, `warn`, `fail` or `unknown`, with
 * weights critical 4, high 3, medium 2, low 1 and credit pass 1, warn 0.5,
 * fail 0, unknown 0. `not_applicable` and `info` checks are left out. A
 * control with no applicable check scores 1. The overall score is the same
 * formula over every applicable check of the report.
 *
 * ## Statuses
 *
 * A control fails if any of its checks fails; otherwise it warns if any
 * warns; otherwise it is unknown if any is unknown; otherwise it passes.
 * The report fails if any control fails; otherwise it warns if any control
 * warns or is unknown; otherwise it passes.
 *
 * @module
 */
import type {
  CheckResult,
  CheckStatus,
  ComplianceMode,
  ControlName,
  ControlResult,
  ControlStatus,
  OverallStatus,
  Severity,
} from "../../shared/report.ts";
import type { HostInfo } from "./host.ts";
import type { ModeRule } from "./modes.ts";
import type { Probe, ProbeFailure } from "./probe.ts";

/** An operating system as `Deno.build.os` names it. */
export type ScanPlatform = "linux" | "darwin" | "windows";

/** Every platform the scanner supports. */
export const SCAN_PLATFORMS: readonly ScanPlatform[] = [
  "linux",
  "darwin",
  "windows",
];

/** What a check may use while it runs. */
export interface CheckContext {
  /** The only way to read the system. */
  probe: Probe;
  platform: ScanPlatform;
  mode: ComplianceMode;
  /** Facts about the device, read once before the checks run. */
  host: HostInfo;
  /** This check's row of the mode table, for the current mode. */
  rule: ModeRule;
  now: () => Date;
}

/** Text that may differ per platform; a plain string applies to all. */
export type PlatformText = string | Partial<Record<ScanPlatform, string>>;

/** One Cyber Essentials check, as each control file exports it. */
export interface CheckDefinition {
  /** `<control>.<name>`; also its key in the mode table. */
  id: string;
  control: ControlName;
  title: string;
  /** The Cyber Essentials v3.2 requirement the check tests, in our words. */
  requirement: string;
  /** What a compliant device shows. */
  expected: PlatformText;
  /** How to fix a device that does not pass. */
  remediation: PlatformText;
  /**
   * Platforms the check runs on; elsewhere it is reported
   * `not_applicable` with `notApplicableReason` (or a default).
   */
  platforms: readonly ScanPlatform[];
  notApplicableReason?: string;
  /** Reads the system through `ctx.probe` and decides. Should not throw. */
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

/** What a check decided, before the runner adds its definition's fields. */
export interface CheckOutcome {
  status: CheckStatus;
  /** What was found, in one sentence. */
  actual: string;
  /** Raw facts behind the verdict: parsed fields, rules, file lines. */
  evidence: string[];
  /** Overrides the definition's `expected` when the outcome needs to. */
  expected?: string;
  /** Overrides the definition's `remediation` when the outcome needs to. */
  remediation?: string;
}

/** The device meets the check. */
export function pass(actual: string, evidence: string[] = []): CheckOutcome {
  return { status: "pass", actual, evidence };
}

/**
 * The device does not meet the check: `warn`, `fail` or `info` as the
 * mode table says for this check and mode.
 */
export function violation(
  ctx: CheckContext,
  actual: string,
  evidence: string[] = [],
): CheckOutcome {
  return { status: ctx.rule.violation, actual, evidence };
}

/** The device clearly fails, whatever the mode. */
export function fail(actual: string, evidence: string[] = []): CheckOutcome {
  return { status: "fail", actual, evidence };
}

/** The device meets the check with a reservation, whatever the mode. */
export function warn(actual: string, evidence: string[] = []): CheckOutcome {
  return { status: "warn", actual, evidence };
}

/** The check could not decide; `reason` says why. Never a pass. */
export function unknown(
  reason: string,
  evidence: string[] = [],
): CheckOutcome {
  return { status: "unknown", actual: reason, evidence };
}

/** A probe failure as an `unknown` outcome with its reason as evidence. */
export function unknownFromProbe(
  failure: ProbeFailure,
  evidence: string[] = [],
): CheckOutcome {
  const reason = PROBE_FAILURE_REASONS[failure.kind];
  return unknown(reason, [...evidence, failure.reason]);
}

const PROBE_FAILURE_REASONS: Record<ProbeFailure["kind"], string> = {
  not_found: "The setting could not be read: the tool or file is missing",
  denied: "The setting could not be read: permission denied",
  timeout: "The setting could not be read: the probe timed out",
  failed: "The setting could not be read: the probe failed",
};

/** The check does not apply to this device, for the reason given. */
export function notApplicable(reason: string): CheckOutcome {
  return { status: "not_applicable", actual: reason, evidence: [] };
}

/** Reported for information only; never counts for or against a control. */
export function info(actual: string, evidence: string[] = []): CheckOutcome {
  return { status: "info", actual, evidence };
}

/**
 * A numeric limit of the check's mode rule.
 *
 * @throws {Error} when the mode table row lacks the limit
 */
export function limit(ctx: CheckContext, name: string): number {
  const value = ctx.rule.limits?.[name];
  if (value === undefined) {
    throw new Error(`Mode rule has no limit "${name}"`);
  }
  return value;
}

/** Picks the text for a platform. */
export function textFor(text: PlatformText, platform: ScanPlatform): string {
  if (typeof text === "string") return text;
  return text[platform] ?? "";
}

const MAX_TEXT = 4000;
const MAX_EVIDENCE = 1000;

function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

// A device that passes, or that a check does not apply to, needs no fix.
const NOTHING_TO_FIX = new Set<CheckStatus>(["pass", "not_applicable"]);

/** A check's report entry, from its definition, outcome and severity. */
export function toCheckResult(
  definition: CheckDefinition,
  outcome: CheckOutcome,
  severity: Severity,
  platform: ScanPlatform,
): CheckResult {
  const expected = outcome.expected ??
    textFor(definition.expected, platform);
  const remediation = outcome.remediation ??
    textFor(definition.remediation, platform);
  const evidence = outcome.evidence.slice(0, MAX_EVIDENCE).map(clip);

  return {
    id: definition.id,
    control: definition.control,
    title: definition.title,
    status: outcome.status,
    severity,
    requirement: clip(definition.requirement),
    expected: clip(expected),
    actual: clip(outcome.actual),
    evidence,
    remediation: NOTHING_TO_FIX.has(outcome.status) ? "" : clip(remediation),
  };
}

/** Weight of each severity in a score. */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
};

/** Credit each scored status earns; other statuses are not scored. */
export const STATUS_CREDIT: Readonly<Partial<Record<CheckStatus, number>>> = {
  pass: 1,
  warn: 0.5,
  fail: 0,
  unknown: 0,
};

/** The severity-weighted share of applicable checks passed, 0 to 1. */
export function scoreOf(checks: readonly CheckResult[]): number {
  let earned = 0;
  let possible = 0;
  for (const check of checks) {
    const credit = STATUS_CREDIT[check.status];
    if (credit === undefined) continue;
    const weight = SEVERITY_WEIGHTS[check.severity];
    earned += weight * credit;
    possible += weight;
  }
  if (possible === 0) return 1;
  return Math.round((earned / possible) * 1000) / 1000;
}

/** A control's status: the worst of its checks. */
export function controlStatusOf(
  checks: readonly CheckResult[],
): ControlStatus {
  const statuses = new Set(checks.map((c) => c.status));
  if (statuses.has("fail")) return "fail";
  if (statuses.has("warn")) return "warn";
  if (statuses.has("unknown")) return "unknown";
  return "pass";
}

/**
 * A control's summary in the original scanner's shape: findings and
 * recommendations are built from checks that did not pass.
 */
export function toControlResult(
  name: ControlName,
  checks: readonly CheckResult[],
): ControlResult {
  const own = checks.filter((c) => c.control === name);
  const flagged = own.filter((c) => FLAGGED.has(c.status));

  return {
    name,
    status: controlStatusOf(own),
    score: scoreOf(own),
    findings: flagged.map((c) => `${c.title}: ${c.actual}`),
    recommendations: unique(
      flagged.map((c) => c.remediation).filter((r) => r !== ""),
    ),
    details: {
      checks: Object.fromEntries(own.map((c) => [c.id, c.status])),
      counts: countStatuses(own),
      information: own.filter((c) => c.status === "info")
        .map((c) => `${c.title}: ${c.actual}`),
    },
  };
}

const FLAGGED = new Set<CheckStatus>(["fail", "warn", "unknown"]);

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function countStatuses(checks: readonly CheckResult[]) {
  const counts: Partial<Record<CheckStatus, number>> = {};
  for (const check of checks) {
    counts[check.status] = (counts[check.status] ?? 0) + 1;
  }
  return counts;
}

/** The report's overall status and score. */
export function overallOf(
  controls: readonly ControlResult[],
  checks: readonly CheckResult[],
): { status: OverallStatus; score: number } {
  const statuses = new Set(controls.map((c) => c.status));
  let status: OverallStatus = "pass";
  if (statuses.has("fail")) status = "fail";
  else if (statuses.has("warn") || statuses.has("unknown")) status = "warn";
  return { status, score: scoreOf(checks) };
}
