import {
  canonicalControlName,
  CONTROL_TITLES,
  type ControlName,
} from "../../../shared/report.ts";
import type {
  ReportView,
  StoredCheck,
} from "../../../controller/services/report_listing.ts";
import { StatusBadge } from "../components/StatusBadge.tsx";

interface ControlSummary {
  name: string;
  status: string;
  score: number;
  findings: string[];
  recommendations: string[];
}

/**
 * A report's content, control by control: the control's outcome, then each
 * check with what it expected, what it found, the evidence and the fix.
 * Reports from the original scanner have no checks; their findings and
 * recommendations are shown instead.
 */
export function ReportBody({ report }: { report: ReportView }) {
  const controls = controlsOf(report);
  return (
    <div class="report">
      {controls.map((control) => {
        const name = canonicalControlName(control.name);
        const checks = report.checks.filter((check) =>
          check.control === (name ?? control.name)
        );
        return (
          <section
            class="card"
            key={control.name}
            aria-labelledby={`control-${control.name}`}
          >
            <h3 id={`control-${control.name}`}>
              {titleOf(control.name)} <StatusBadge status={control.status} />
              <span class="muted">
                {` ${Math.round(control.score * 100)}%`}
              </span>
            </h3>
            {checks.length > 0
              ? <ChecksTable checks={checks} />
              : <LegacyFindings control={control} />}
          </section>
        );
      })}
    </div>
  );
}

function titleOf(name: string): string {
  const canonical = canonicalControlName(name);
  return canonical ? CONTROL_TITLES[canonical as ControlName] : name;
}

function controlsOf(report: ReportView): ControlSummary[] {
  const raw = report.payload.controls;
  if (!Array.isArray(raw)) return [];
  return raw.map((control) => ({
    name: String(control?.name ?? "unknown"),
    status: String(control?.status ?? "unknown"),
    score: Number(control?.score ?? 0),
    findings: Array.isArray(control?.findings) ? control.findings : [],
    recommendations: Array.isArray(control?.recommendations)
      ? control.recommendations
      : [],
  }));
}

function ChecksTable({ checks }: { checks: StoredCheck[] }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Outcome</th>
            <th scope="col">Expected</th>
            <th scope="col">Found</th>
            <th scope="col">Evidence and remediation</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => (
            <tr key={check.checkId} data-check-id={check.checkId}>
              <th scope="row">
                {check.title}
                <div class="muted">
                  <code>{check.checkId}</code>
                  {` · ${check.severity}`}
                </div>
              </th>
              <td>
                <StatusBadge status={check.status} />
              </td>
              <td>{check.expected}</td>
              <td>{check.actual}</td>
              <td>
                {check.evidence.length > 0
                  ? (
                    <details>
                      <summary>Evidence</summary>
                      <pre>{check.evidence.join("\n")}</pre>
                    </details>
                  )
                  : null}
                {check.remediation && check.status !== "pass"
                  ? <p>{check.remediation}</p>
                  : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LegacyFindings({ control }: { control: ControlSummary }) {
  if (control.findings.length === 0 && control.recommendations.length === 0) {
    return <p class="muted">This report lists no findings for the control.</p>;
  }
  return (
    <div>
      {control.findings.length > 0
        ? (
          <>
            <h4>Findings</h4>
            <ul>
              {control.findings.map((line) => <li key={line}>{line}</li>)}
            </ul>
          </>
        )
        : null}
      {control.recommendations.length > 0
        ? (
          <>
            <h4>Recommendations</h4>
            <ul>
              {control.recommendations.map((line) => <li key={line}>{line}
              </li>)}
            </ul>
          </>
        )
        : null}
    </div>
  );
}
