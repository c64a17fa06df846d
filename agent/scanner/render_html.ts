/**
 * The scan report as one self-contained HTML file (styles inline, no
 * scripts, no external resources) that can be emailed to an assessor and
 * opened or printed anywhere.
 *
 * @module
 */
import {
  type CheckResult,
  type CheckStatus,
  CONTROL_TITLES,
  type ControlResult,
  type Report,
} from "../../shared/report.ts";

const LABELS: Record<CheckStatus, string> = {
  pass: "Pass",
  warn: "Warning",
  fail: "Fail",
  unknown: "Unknown",
  not_applicable: "Not applicable",
  info: "Information",
};

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #d8dee4}
th{font-weight:600;background:#f6f8fa}dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
dt{font-weight:600}dd{margin:0}ul{margin:.25rem 0;padding-left:1.2rem}code{font-size:.9em;word-break:break-all}
.badge{display:inline-block;border-radius:.25rem;padding:0 .4rem;font-size:.85em;font-weight:600;white-space:nowrap}
.pass{background:#dafbe1;color:#116329}.warn{background:#fff8c5;color:#7d4e00}.fail{background:#ffebe9;color:#a40e26}
.unknown{background:#fbefff;color:#6e40c9}.not_applicable{background:#eaeef2;color:#57606a}.info{background:#ddf4ff;color:#0a3069}
.muted{color:#57606a}details{margin:.25rem 0}summary{cursor:pointer}
@media print{details{display:block}summary{display:none}}
`;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;").replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Renders a report as a complete HTML document. */
export function renderHtml(report: Report): string {
  const title = `Cyber Essentials scan: ${report.host.hostname}`;
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`,
    header(report),
    summary(report),
    ...report.controls.map((control) => controlSection(report, control)),
    footer(report),
    "</body></html>",
    "",
  ].join("\n");
}

function badge(status: CheckStatus): string {
  return `<span class="badge ${status}">${LABELS[status]}</span>`;
}

function header(report: Report): string {
  const host = report.host;
  const facts: [string, string | undefined][] = [
    ["Device", host.hostname],
    ["Operating system", host.os_name ?? report.os.platform],
    ["Version", host.os_version ?? report.os.version],
    ["Kernel", host.kernel],
    ["Architecture", host.arch],
    [
      "Role",
      host.is_server === undefined
        ? undefined
        : host.is_server
        ? "Server"
        : "Desktop or laptop",
    ],
    ["Scanned at (UTC)", report.timestamp_utc],
    ["Mode", report.compliance_mode],
    ["Scanner", report.scanner_version],
    ["Report id", report.report_id],
    ["End-of-support table", report.eos_table_date],
  ];
  const rows = facts.filter(([, value]) => value)
    .map(([name, value]) => `<dt>${name}</dt><dd>${escapeHtml(value!)}</dd>`);
  return `<h1>${escapeHtml(`Cyber Essentials v3.2 device scan`)}</h1>` +
    `<p>${badge(report.overall.status)} overall, score ` +
    `${percent(report.overall.score)}</p><dl>${rows.join("")}</dl>`;
}

function summary(report: Report): string {
  const rows = report.controls.map((c) =>
    `<tr><td><a href="#${c.name}">${CONTROL_TITLES[c.name]}</a></td>` +
    `<td>${badge(c.status)}</td><td>${percent(c.score)}</td></tr>`
  );
  return "<h2>Controls</h2><table><thead><tr><th>Control</th>" +
    "<th>Status</th><th>Score</th></tr></thead><tbody>" +
    rows.join("") + "</tbody></table>";
}

function controlSection(report: Report, control: ControlResult): string {
  const checks = report.checks.filter((c) => c.control === control.name);
  return `<h2 id="${control.name}">${CONTROL_TITLES[control.name]} ` +
    `${badge(control.status)}</h2><table><thead><tr><th>Check</th>` +
    `<th>Status</th><th>Finding</th></tr></thead><tbody>` +
    checks.map(checkRow).join("") + "</tbody></table>";
}

function checkRow(check: CheckResult): string {
  const evidence = check.evidence.length === 0
    ? ""
    : `<details><summary>Evidence (${check.evidence.length})</summary><ul>` +
      check.evidence.map((e) => `<li><code>${escapeHtml(e)}</code></li>`)
        .join("") +
      "</ul></details>";
  const fix = check.remediation
    ? `<dt>How to fix</dt><dd>${escapeHtml(check.remediation)}</dd>`
    : "";
  return `<tr><td><strong>${escapeHtml(check.title)}</strong><br>` +
    `<span class="muted">${escapeHtml(check.requirement)}</span></td>` +
    `<td>${badge(check.status)}<br><span class="muted">` +
    `${escapeHtml(check.severity)}</span></td>` +
    `<td>${escapeHtml(check.actual)}<dl><dt>Expected</dt>` +
    `<dd>${escapeHtml(check.expected)}</dd>${fix}</dl>${evidence}</td></tr>`;
}

function footer(report: Report): string {
  return `<p class="muted">Scores are the severity-weighted share of ` +
    `applicable checks passed (critical 4, high 3, medium 2, low 1; a ` +
    `warning earns half). Unknown means the device could not be read and ` +
    `is never a pass. Generated by ${escapeHtml(report.scanner_version)}.</p>`;
}

function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}
