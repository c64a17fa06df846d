/**
 * The scan report as a readable text table, grouped by control, for a
 * terminal or a log.
 *
 * @module
 */
import {
  type CheckResult,
  type CheckStatus,
  CONTROL_TITLES,
  type Report,
} from "../../shared/report.ts";

/** Options of {@linkcode renderText}. */
export interface TextOptions {
  /** Colour statuses with ANSI escapes (only for a terminal). */
  color: boolean;
}

const LABELS: Record<CheckStatus, string> = {
  pass: "PASS",
  warn: "WARN",
  fail: "FAIL",
  unknown: "UNKNOWN",
  not_applicable: "N/A",
  info: "INFO",
};

const COLORS: Record<CheckStatus, string> = {
  pass: "\x1b[32m",
  warn: "\x1b[33m",
  fail: "\x1b[31m",
  unknown: "\x1b[35m",
  not_applicable: "\x1b[90m",
  info: "\x1b[36m",
};

const RESET = "\x1b[0m";
const BOLD = "\x1b[1m";

/** How many evidence lines a flagged check shows before "and N more". */
const EVIDENCE_SHOWN = 6;

/** Renders a report as text, one block per control. */
export function renderText(report: Report, options: TextOptions): string {
  const paint = (status: CheckStatus, text: string) =>
    options.color ? `${COLORS[status]}${text}${RESET}` : text;
  const bold = (text: string) =>
    options.color ? `${BOLD}${text}${RESET}` : text;

  const lines = [
    bold("Cyber Essentials v3.2 device scan"),
    `Host:    ${describeHost(report)}`,
    `Mode:    ${report.compliance_mode}`,
    `Time:    ${report.timestamp_utc}`,
    "",
  ];

  for (const control of report.controls) {
    const checks = report.checks.filter((c) => c.control === control.name);
    const status = control.status as CheckStatus;
    lines.push(
      `${bold(CONTROL_TITLES[control.name])}  ` +
        `${paint(status, LABELS[status])}  score ${percent(control.score)}`,
    );
    for (const check of checks) lines.push(...checkLines(check, paint));
    lines.push("");
  }

  const overall = report.overall.status as CheckStatus;
  lines.push(
    bold("Overall: ") + paint(overall, LABELS[overall]) +
      `  score ${percent(report.overall.score)}`,
  );
  return lines.join("\n") + "\n";
}

function checkLines(
  check: CheckResult,
  paint: (status: CheckStatus, text: string) => string,
): string[] {
  const label = paint(check.status, LABELS[check.status].padEnd(7));
  const lines = [`  ${label} ${check.title}: ${check.actual}`];
  if (check.status === "pass" || check.status === "not_applicable") {
    return lines;
  }

  const indent = " ".repeat(10);
  lines.push(`${indent}expected: ${check.expected}`);
  const shown = check.evidence.slice(0, EVIDENCE_SHOWN);
  for (const item of shown) lines.push(`${indent}- ${item}`);
  const hidden = check.evidence.length - shown.length;
  if (hidden > 0) lines.push(`${indent}- and ${hidden} more`);
  if (check.remediation) lines.push(`${indent}fix: ${check.remediation}`);
  return lines;
}

function describeHost(report: Report): string {
  const { hostname, os_name, kernel, arch } = report.host;
  const os = os_name ?? `${report.os.platform} ${report.os.version}`;
  const extras = [kernel, arch].filter(Boolean).join(", ");
  return `${hostname} (${os}${extras ? `; ${extras}` : ""})`;
}

function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}
