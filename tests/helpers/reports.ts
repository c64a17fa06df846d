/**
 * Report bodies for tests, in today's format and in the original
 * scanner's.
 *
 * @module
 */
import type { ReportUpload } from "../../shared/api.ts";
import type { CheckResult, ControlName } from "../../shared/report.ts";

/** A check result with sensible defaults. */
export function check(
  id: string,
  control: ControlName,
  status: CheckResult["status"] = "pass",
): CheckResult {
  return {
    id,
    control,
    title: `Check ${id}`,
    status,
    severity: "high",
    requirement: "A requirement of the control",
    expected: "what the scheme asks",
    actual: "what the device has",
    evidence: [`evidence for ${id}`],
    remediation: "how to fix it",
  };
}

/** An upload of a report in today's format. */
export function reportUpload(
  overrides: {
    reportId?: string;
    status?: "pass" | "warn" | "fail";
    score?: number;
    timestamp?: string;
  } = {},
): ReportUpload {
  const status = overrides.status ?? "pass";
  const score = overrides.score ?? 1;
  return {
    mode: "standard",
    overall_status: status,
    overall_score: score,
    payload: {
      report_id: overrides.reportId ?? crypto.randomUUID(),
      scanner_version: "1.0.0",
      timestamp_utc: overrides.timestamp ?? "2026-03-02T08:00:00Z",
      compliance_mode: "standard",
      os: { platform: "Linux", version: "Debian 12" },
      host: { hostname: "test-host" },
      controls: [{
        name: "firewalls",
        status: "pass",
        score: 1,
        findings: [],
        recommendations: [],
        details: {},
      }],
      checks: [
        check("fw.enabled", "firewalls"),
        check("fw.inbound_default", "firewalls", "warn"),
      ],
      overall: { status, score },
    },
  };
}

/** An upload of a report as the original scanner wrote it. */
export function legacyUpload(): Record<string, unknown> {
  const control = (name: string, status: string) => ({
    name,
    status,
    score: status === "pass" ? 1 : 0.5,
    findings: ["a finding"],
    recommendations: ["a recommendation"],
    details: {},
  });
  return {
    mode: "standard",
    overall_status: "warn",
    overall_score: 0.8,
    payload: {
      scanner_version: "0.9.0",
      timestamp_utc: "2026-03-01T12:00:00Z",
      compliance_mode: "standard",
      os: { platform: "Windows", version: "10.0.19045" },
      controls: [
        control("firewalls", "pass"),
        control("access_control", "warn"),
        control("patch_management", "pass"),
        control("remote_work_mdm", "warn"),
      ],
      overall: { status: "warn", score: 0.8 },
    },
  };
}
