/**
 * The Cyber Essentials report format, shared by the scanner that writes it,
 * the controller that stores it and the dashboard that shows it.
 *
 * It keeps every top-level key of the original single-machine scanner
 * (`scanner_version`, `timestamp_utc`, `compliance_mode`, `os`, `controls`,
 * `overall`) so tools built for that format keep working, and adds
 * `report_id`, `host` and the per-check `checks[]`.
 *
 * @module
 */
import { z } from "zod";

/** The five technical controls of Cyber Essentials v3.2. */
export const CONTROL_NAMES = [
  "firewalls",
  "secure_configuration",
  "security_update_management",
  "user_access_control",
  "malware_protection",
] as const;

/** A Cyber Essentials technical control. */
export type ControlName = typeof CONTROL_NAMES[number];

/** Control names written by the original scanner, mapped to today's names. */
export const LEGACY_CONTROL_NAMES: Readonly<
  Record<string, ControlName | null>
> = {
  access_control: "user_access_control",
  patch_management: "security_update_management",
  // Remote working and MDM are not a technical control of v3.2; older
  // reports are stored as they came but not counted against a control.
  remote_work_mdm: null,
};

/** Human titles of the controls, as the scheme names them. */
export const CONTROL_TITLES: Readonly<Record<ControlName, string>> = {
  firewalls: "Firewalls",
  secure_configuration: "Secure configuration",
  security_update_management: "Security update management",
  user_access_control: "User access control",
  malware_protection: "Malware protection",
};

/** The compliance modes: strict raises thresholds and severities. */
export const COMPLIANCE_MODES = ["standard", "strict"] as const;
/** A compliance mode. */
export type ComplianceMode = typeof COMPLIANCE_MODES[number];
/** Zod schema of a compliance mode. */
export const ComplianceModeSchema = z.enum(COMPLIANCE_MODES);

/**
 * Outcome of one check.
 *
 * `unknown` means the check could not decide (a probe failed, timed out,
 * lacked privileges or printed something unparseable); it is never a pass.
 * `not_applicable` means the check does not apply to this device (with the
 * reason as `actual`). `info` is reported for things Cyber Essentials does
 * not require; it never counts for or against a control.
 */
export const CHECK_STATUSES = [
  "pass",
  "warn",
  "fail",
  "unknown",
  "not_applicable",
  "info",
] as const;
/** Outcome of one check. */
export type CheckStatus = typeof CHECK_STATUSES[number];
/** Zod schema of a check outcome. */
export const CheckStatusSchema = z.enum(CHECK_STATUSES);

/** Outcome of a control: the worst of its checks. */
export const CONTROL_STATUSES = ["pass", "warn", "fail", "unknown"] as const;
/** Outcome of a control. */
export type ControlStatus = typeof CONTROL_STATUSES[number];
/** Zod schema of a control outcome. */
export const ControlStatusSchema = z.enum(CONTROL_STATUSES);

/** Outcome of a whole report; an unknown control makes the report warn. */
export const OVERALL_STATUSES = ["pass", "warn", "fail"] as const;
/** Outcome of a whole report. */
export type OverallStatus = typeof OVERALL_STATUSES[number];
/** Zod schema of a report outcome. */
export const OverallStatusSchema = z.enum(OVERALL_STATUSES);

/** How much a check weighs in a control's score. */
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
/** How much a check weighs in a control's score. */
export type Severity = typeof SEVERITIES[number];
/** Zod schema of a severity. */
export const SeveritySchema = z.enum(SEVERITIES);

/** Operating system families the scanner supports. */
export const PLATFORMS = ["Windows", "macOS", "Linux"] as const;
/** An operating system family. */
export type Platform = typeof PLATFORMS[number];
/** Zod schema of an operating system family. */
export const PlatformSchema = z.enum(PLATFORMS);

/** `YYYY-MM-DDTHH:MM:SSZ`, as the original scanner wrote it. */
export const TIMESTAMP_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** One check's result, with what it expected, found and would fix. */
export const CheckResultSchema = z.object({
  id: z.string().min(1).max(200),
  control: z.enum(CONTROL_NAMES),
  title: z.string().min(1).max(500),
  status: CheckStatusSchema,
  severity: SeveritySchema,
  requirement: z.string().max(2000),
  expected: z.string().max(4000),
  actual: z.string().max(4000),
  evidence: z.array(z.string().max(4000)).max(1000),
  remediation: z.string().max(4000),
});
/** One check's result. */
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** One control's summary, in the original scanner's shape. */
export const ControlResultSchema = z.object({
  name: z.enum(CONTROL_NAMES),
  status: ControlStatusSchema,
  score: z.number().min(0).max(1),
  findings: z.array(z.string()),
  recommendations: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
});
/** One control's summary. */
export type ControlResult = z.infer<typeof ControlResultSchema>;

/** Facts about the scanned device. */
export const HostFactsSchema = z.object({
  hostname: z.string().max(255),
  os_name: z.string().max(255).optional(),
  os_version: z.string().max(255).optional(),
  kernel: z.string().max(255).optional(),
  arch: z.string().max(64).optional(),
  is_server: z.boolean().optional(),
});
/** Facts about the scanned device. */
export type HostFacts = z.infer<typeof HostFactsSchema>;

/** A report as the cefleet scanner writes it. */
export const ReportSchema = z.object({
  report_id: z.uuid(),
  scanner_version: z.string().max(64),
  timestamp_utc: z.string().regex(TIMESTAMP_UTC),
  compliance_mode: ComplianceModeSchema,
  os: z.object({ platform: PlatformSchema, version: z.string().max(255) }),
  host: HostFactsSchema,
  controls: z.array(ControlResultSchema),
  checks: z.array(CheckResultSchema),
  overall: z.object({
    status: OverallStatusSchema,
    score: z.number().min(0).max(1),
  }),
  /** Date of the end-of-support table the update checks relied on. */
  eos_table_date: z.string().optional(),
  duration_ms: z.number().nonnegative().optional(),
});
/** A report as the cefleet scanner writes it. */
export type Report = z.infer<typeof ReportSchema>;

/**
 * A report as the controller accepts it: today's format, or the original
 * scanner's, which has no `report_id`, `host` or `checks[]` and may use the
 * older control names.
 */
export const IncomingReportSchema = z.object({
  report_id: z.uuid().optional(),
  scanner_version: z.string().max(64),
  timestamp_utc: z.string().regex(TIMESTAMP_UTC),
  compliance_mode: ComplianceModeSchema,
  os: z.object({
    platform: z.string().max(64),
    version: z.string().max(255),
  }),
  host: HostFactsSchema.optional(),
  controls: z.array(
    ControlResultSchema.extend({
      name: z.string().min(1).max(100),
      findings: z.array(z.string()).default([]),
      recommendations: z.array(z.string()).default([]),
      details: z.record(z.string(), z.unknown()).default({}),
    }),
  ).max(50),
  checks: z.array(CheckResultSchema).max(2000).optional(),
  overall: z.object({
    status: OverallStatusSchema,
    score: z.number().min(0).max(1),
  }),
  eos_table_date: z.string().optional(),
  duration_ms: z.number().nonnegative().optional(),
});
/** A report as the controller accepts it. */
export type IncomingReport = z.infer<typeof IncomingReportSchema>;

/**
 * Canonical control name for a name found in a report, or null when the
 * name belongs to no v3.2 control.
 */
export function canonicalControlName(name: string): ControlName | null {
  if ((CONTROL_NAMES as readonly string[]).includes(name)) {
    return name as ControlName;
  }
  return LEGACY_CONTROL_NAMES[name] ?? null;
}
