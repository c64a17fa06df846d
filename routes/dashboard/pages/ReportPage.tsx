import type { ReportView } from "../../../controller/services/report_listing.ts";
import { Layout } from "../components/Layout.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { Time } from "../components/Time.tsx";
import { ReportBody } from "./ReportBody.tsx";

/** One report in full. */
export function ReportPage({ report }: { report: ReportView }) {
  const host = report.payload.host as Record<string, unknown> | undefined;
  const os = report.payload.os as Record<string, unknown> | undefined;
  return (
    <Layout title={`Report for ${report.hostname}`}>
      <section class="card" aria-label="Summary">
        <dl class="facts">
          <dt>Agent</dt>
          <dd>
            <a href={`/agents/${report.agentId}`}>{report.hostname}</a>
          </dd>
          <dt>Outcome</dt>
          <dd>
            <StatusBadge status={report.overallStatus} />
            {` ${Math.round(report.overallScore * 100)}%`}
          </dd>
          <dt>Mode</dt>
          <dd>{report.mode}</dd>
          <dt>Scanned</dt>
          <dd>
            <Time value={report.timestamp} />
          </dd>
          <dt>Received</dt>
          <dd>
            <Time value={report.receivedAt} />
          </dd>
          <dt>Operating system</dt>
          <dd>
            {`${os?.platform ?? ""} ${os?.version ?? ""}`.trim() || "unknown"}
          </dd>
          {host?.kernel
            ? (
              <>
                <dt>Kernel</dt>
                <dd>{String(host.kernel)}</dd>
              </>
            )
            : null}
          <dt>Scanner</dt>
          <dd>{String(report.payload.scanner_version ?? "unknown")}</dd>
          <dt>Report id</dt>
          <dd>
            <code>{report.id}</code>
          </dd>
        </dl>
        <p>
          <a href={`/reports/${report.id}.json`} download>Download as JSON</a>
        </p>
      </section>
      <ReportBody report={report} />
    </Layout>
  );
}
