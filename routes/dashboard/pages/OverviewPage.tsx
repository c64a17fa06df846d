import { CONTROL_TITLES, type ControlName } from "../../../shared/report.ts";
import type {
  ControlCompliance,
  FailingCheck,
  FleetSummary,
  TrendDay,
} from "../../../controller/services/fleet_stats.ts";
import { BarChart } from "../components/BarChart.tsx";
import { Layout } from "../components/Layout.tsx";
import { LineChart } from "../components/LineChart.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";

/** Props of {@linkcode OverviewPage}. */
export interface OverviewPageProps {
  summary: FleetSummary;
  byControl: ControlCompliance[];
  failing: FailingCheck[];
  trend: TrendDay[];
}

/** The fleet at a glance: states, compliance, worst checks and the trend. */
export function OverviewPage(props: OverviewPageProps) {
  const { summary } = props;
  return (
    <Layout title="Fleet overview">
      <section aria-labelledby="agents-heading">
        <h2 id="agents-heading">Agents</h2>
        <dl class="stats">
          <Stat
            label="Online"
            value={summary.online}
            href="/agents?status=online"
          />
          <Stat
            label="Offline"
            value={summary.offline}
            href="/agents?status=offline"
          />
          <Stat
            label="Inactive"
            value={summary.inactive}
            href="/agents?status=inactive"
          />
          <Stat
            label="Awaiting approval"
            value={summary.pending}
            href="/agents?status=pending"
          />
          <Stat label="All agents" value={summary.total} href="/agents" />
        </dl>
      </section>

      <section aria-labelledby="compliance-heading">
        <h2 id="compliance-heading">Latest reports</h2>
        <dl class="stats">
          <Stat
            label="Pass"
            value={summary.pass}
            href="/agents?compliance=pass"
          />
          <Stat
            label="Warning"
            value={summary.warn}
            href="/agents?compliance=warn"
          />
          <Stat
            label="Fail"
            value={summary.fail}
            href="/agents?compliance=fail"
          />
          <Stat
            label="No report yet"
            value={summary.unreported}
            href="/agents?compliance=none"
          />
        </dl>
      </section>

      <div class="grid">
        <section class="card" aria-labelledby="controls-heading">
          <h2 id="controls-heading">Compliance by control</h2>
          <BarChart
            caption="Devices by latest outcome of each Cyber Essentials control"
            rows={props.byControl.map((row) => ({
              label: CONTROL_TITLES[row.control],
              ...row,
            }))}
          />
        </section>

        <section class="card" aria-labelledby="trend-heading">
          <h2 id="trend-heading">Compliance over the last 30 days</h2>
          <LineChart
            caption="Share of reporting devices that passed, per day"
            points={props.trend.map((day) => ({
              day: day.day,
              devices: day.devices,
              value: day.devices === 0 ? null : day.passing / day.devices,
            }))}
          />
        </section>
      </div>

      <section class="card" aria-labelledby="failing-heading">
        <h2 id="failing-heading">Checks failing on most devices</h2>
        <FailingChecks checks={props.failing} />
      </section>
    </Layout>
  );
}

function Stat(
  { label, value, href }: { label: string; value: number; href: string },
) {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd>
        <a href={href} aria-label={`${value} ${label}: show these agents`}>
          {new Intl.NumberFormat("en-GB").format(value)}
        </a>
      </dd>
    </div>
  );
}

function FailingChecks({ checks }: { checks: FailingCheck[] }) {
  if (checks.length === 0) {
    return <p class="muted">No check fails on any device's latest report.</p>;
  }
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Control</th>
            <th scope="col" class="num">Devices failing</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => (
            <tr key={check.checkId}>
              <th scope="row">
                {check.title}
                <div class="muted">
                  <code>{check.checkId}</code>
                </div>
              </th>
              <td>
                {CONTROL_TITLES[check.control as ControlName] ?? check.control}
              </td>
              <td class="num">
                <StatusBadge status="fail" />{" "}
                <a href={`/agents?check=${encodeURIComponent(check.checkId)}`}>
                  {`${check.devices} ${
                    check.devices === 1 ? "device" : "devices"
                  }`}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
