import { Fragment } from "preact";
import type { Command } from "../../../shared/api.ts";
import type { AgentDetail } from "../../../controller/services/agent_detail.ts";
import type {
  ReportListItem,
  ReportView,
} from "../../../controller/services/report_listing.ts";
import { Island } from "../components/Island.tsx";
import { Layout } from "../components/Layout.tsx";
import { LineChart } from "../components/LineChart.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { Time } from "../components/Time.tsx";
import { ReportBody } from "./ReportBody.tsx";
import { hostFacts } from "../host_facts.ts";

/** Props of {@linkcode AgentPage}. */
export interface AgentPageProps {
  agent: AgentDetail;
  latest: ReportView | null;
  history: ReportListItem[];
  commands: Command[];
}

/** One agent: facts, latest report, history, commands and actions. */
export function AgentPage(
  { agent, latest, history, commands }: AgentPageProps,
) {
  return (
    <Layout title={agent.hostname}>
      <div class="grid">
        <section class="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading">Host</h2>
          <HostFacts agent={agent} />
        </section>
        <section class="card" aria-labelledby="history-heading">
          <h2 id="history-heading">Score over its last reports</h2>
          <LineChart
            caption="Overall score of each of the agent's recent reports"
            points={[...history].reverse().map((report) => ({
              day: report.timestamp.slice(0, 16).replace("T", " "),
              value: report.overallScore,
              devices: 1,
            }))}
          />
        </section>
      </div>

      <section aria-labelledby="commands-heading">
        <h2 id="commands-heading">Activity and commands</h2>
        <Island
          name="AgentActivity"
          props={{
            agentId: agent.id,
            state: agent.state,
            lastSeen: agent.lastSeen,
            commands,
            latestReportId: agent.latestReportId,
            canScan: agent.approval === "approved",
          }}
        />
      </section>

      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest report</h2>
        {latest
          ? (
            <>
              <p>
                <StatusBadge status={latest.overallStatus} />
                {` ${
                  Math.round(latest.overallScore * 100)
                }% · ${latest.mode} mode · `}
                <Time value={latest.timestamp} />
                {" · "}
                <a href={`/reports/${latest.id}`}>Open this report</a>
              </p>
              <ReportBody report={latest} />
            </>
          )
          : <p class="muted">This agent has not sent a report yet.</p>}
      </section>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">Report history</h2>
        <HistoryTable history={history} />
        <p>
          <a href={`/reports?agent=${agent.id}`}>All reports of this agent</a>
        </p>
      </section>

      <section class="card" aria-labelledby="manage-heading">
        <h2 id="manage-heading">Manage</h2>
        {agent.approval === "pending"
          ? (
            <form method="post" action={`/agents/${agent.id}/approve`}>
              <p>This agent registered without a secret and awaits approval.</p>
              <button type="submit">Approve agent</button>
            </form>
          )
          : null}
        <form method="post" action={`/agents/${agent.id}/delete`} class="stack">
          <p>
            Deleting the agent removes its reports and commands and revokes its
            token; the device must register again to report.
          </p>
          <label class="inline">
            <input type="checkbox" name="confirm" value="yes" required />
            {`Yes, delete ${agent.hostname}`}
          </label>
          <div>
            <button type="submit" class="danger">Delete agent</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

function HostFacts({ agent }: { agent: AgentDetail }) {
  const facts = hostFacts(agent);

  return (
    <dl class="facts">
      <dt>Compliance</dt>
      <dd>
        <StatusBadge status={agent.latestStatus} />
      </dd>
      <dt>Registered</dt>
      <dd>
        <Time value={agent.registeredAt} />
      </dd>
      {facts.map(([label, value], index) => (
        <Fragment key={index}>
          <dt>{label}</dt>
          <dd>{value ?? <span class="muted">unknown</span>}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function HistoryTable({ history }: { history: ReportListItem[] }) {
  if (history.length === 0) return <p class="muted">No reports yet.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Scanned</th>
            <th scope="col">Mode</th>
            <th scope="col">Outcome</th>
            <th scope="col" class="num">Score</th>
          </tr>
        </thead>
        <tbody>
          {history.map((report) => (
            <tr key={report.id}>
              <th scope="row">
                <a href={`/reports/${report.id}`}>
                  <Time value={report.timestamp} />
                </a>
              </th>
              <td>{report.mode}</td>
              <td>
                <StatusBadge status={report.overallStatus} />
              </td>
              <td class="num">{`${Math.round(report.overallScore * 100)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
