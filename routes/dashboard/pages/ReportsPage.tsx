import type {
  ReportPage,
  ReportPageQuery,
} from "../../../controller/services/report_listing.ts";
import { Layout } from "../components/Layout.tsx";
import { Pagination } from "../components/Pagination.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { Time } from "../components/Time.tsx";
import { agentLabels } from "../agent_labels.ts";
import { reportQueryString, withQuery } from "../list_params.ts";

/** Props of {@linkcode ReportsPage}. */
export interface ReportsPageProps {
  query: ReportPageQuery;
  result: ReportPage;
  /** Agents to choose from, or null when the fleet is too large to list. */
  agents: { id: string; hostname: string }[] | null;
}

/** Every stored report, filtered by agent, outcome and day. */
export function ReportsPage({ query, result, agents }: ReportsPageProps) {
  const filter = reportQueryString({ ...query, page: 1 });
  return (
    <Layout title="Reports">
      <form method="get" action="/reports" class="filters" role="search">
        <label>
          Agent
          {agents
            ? (
              <select name="agent">
                <option value="">Any</option>
                {agentLabels(agents).map((agent) => (
                  <option
                    key={agent.id}
                    value={agent.id}
                    selected={agent.id === query.agentId}
                  >
                    {agent.label}
                  </option>
                ))}
              </select>
            )
            : (
              <input
                type="text"
                name="agent"
                value={query.agentId ?? ""}
                placeholder="Agent id"
              />
            )}
        </label>
        <label>
          Outcome
          <select name="status">
            <option value="">Any</option>
            {(["pass", "warn", "fail"] as const).map((status) => (
              <option
                key={status}
                value={status}
                selected={status === query.status}
              >
                {status === "warn"
                  ? "Warning"
                  : status === "pass"
                  ? "Pass"
                  : "Fail"}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" value={query.from ?? ""} />
        </label>
        <label>
          To
          <input type="date" name="to" value={query.to ?? ""} />
        </label>
        <button type="submit">Apply filter</button>
        <a href="/reports">Clear</a>
      </form>
      <p class="actions">
        <span class="muted">Export this list:</span>
        <a href={withQuery("/reports/export.csv", filter)} download>CSV</a>
        <a href={withQuery("/reports/export.json", filter)} download>JSON</a>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Scanned</th>
              <th scope="col">Agent</th>
              <th scope="col">Mode</th>
              <th scope="col">Outcome</th>
              <th scope="col" class="num">Score</th>
            </tr>
          </thead>
          <tbody>
            {result.reports.length === 0
              ? (
                <tr>
                  <td colSpan={5} class="muted">
                    No reports match this filter.
                  </td>
                </tr>
              )
              : result.reports.map((report) => (
                <tr key={report.id}>
                  <th scope="row">
                    <a href={`/reports/${report.id}`}>
                      <Time value={report.timestamp} />
                    </a>
                  </th>
                  <td>
                    <a href={`/agents/${report.agentId}`}>{report.hostname}</a>
                  </td>
                  <td>{report.mode}</td>
                  <td>
                    <StatusBadge status={report.overallStatus} />
                  </td>
                  <td class="num">
                    {`${Math.round(report.overallScore * 100)}%`}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={result.page}
        perPage={result.perPage}
        total={result.total}
        noun="reports"
        hrefFor={(page) =>
          withQuery("/reports", reportQueryString({ ...query, page }))}
      />
    </Layout>
  );
}
