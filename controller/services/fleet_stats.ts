/**
 * Fleet-wide figures for the dashboard's overview: how many agents are
 * online, how compliant their latest reports are, control by control, which
 * checks fail on most devices, and how compliance moved over recent days.
 *
 * Every figure reads the agents' latest-report columns or the indexed
 * report tables, so the overview stays cheap on large fleets.
 *
 * @module
 */
import type { Queryable } from "../db/database.ts";
import {
  CONTROL_NAMES,
  type ControlName,
  LEGACY_CONTROL_NAMES,
} from "../../shared/report.ts";
import { AGENT_STATES, agentStateSql } from "./agent_status.ts";
import { Params } from "./rows.ts";

/** Counts of agents by state and by the status of their latest report. */
export interface FleetSummary {
  total: number;
  online: number;
  offline: number;
  inactive: number;
  pending: number;
  pass: number;
  warn: number;
  fail: number;
  /** Agents that have not reported yet. */
  unreported: number;
}

/** Counts the fleet's agents by state and by latest report status. */
export async function fleetSummary(
  db: Queryable,
  now: Date,
): Promise<FleetSummary> {
  const params = new Params();
  const byState = AGENT_STATES.map((state) =>
    `count(*) FILTER (WHERE ${agentStateSql(state, now, params)})::int
       AS ${state}`
  );
  const [row] = await db.query<Record<keyof FleetSummary, number>>(
    `SELECT
       count(*)::int AS total,
       ${byState.join(",\n       ")},
       count(*) FILTER (WHERE latest_status = 'pass')::int AS pass,
       count(*) FILTER (WHERE latest_status = 'warn')::int AS warn,
       count(*) FILTER (WHERE latest_status = 'fail')::int AS fail,
       count(*) FILTER (WHERE latest_status IS NULL)::int AS unreported
     FROM agents`,
    params.values,
  );
  return row;
}

/** How many devices pass, warn, fail or are unknown on one control. */
export interface ControlCompliance {
  control: ControlName;
  pass: number;
  warn: number;
  fail: number;
  unknown: number;
}

/**
 * Per control, the devices whose latest report passes, warns, fails or
 * could not decide it. Reports from the original scanner count under
 * today's control names.
 */
export async function complianceByControl(
  db: Queryable,
): Promise<ControlCompliance[]> {
  const rows = await db.query<{ name: string; status: string; n: number }>(
    `SELECT c->>'name' AS name, c->>'status' AS status, count(*)::int AS n
     FROM agents a
     JOIN reports r ON r.id = a.latest_report_id
     CROSS JOIN LATERAL jsonb_array_elements(r.payload->'controls') c
     GROUP BY 1, 2`,
  );

  const byControl = new Map<ControlName, ControlCompliance>(
    CONTROL_NAMES.map((control) => [
      control,
      { control, pass: 0, warn: 0, fail: 0, unknown: 0 },
    ]),
  );
  for (const row of rows) {
    const control = controlOf(row.name);
    if (!control) continue;
    const entry = byControl.get(control)!;
    const status = isControlStatus(row.status) ? row.status : "unknown";
    entry[status] += row.n;
  }
  return [...byControl.values()];
}

function controlOf(name: string): ControlName | null {
  if ((CONTROL_NAMES as readonly string[]).includes(name)) {
    return name as ControlName;
  }
  return LEGACY_CONTROL_NAMES[name] ?? null;
}

function isControlStatus(
  status: string,
): status is "pass" | "warn" | "fail" | "unknown" {
  return ["pass", "warn", "fail", "unknown"].includes(status);
}

/** A check and how many devices fail it in their latest report. */
export interface FailingCheck {
  checkId: string;
  control: string;
  title: string;
  devices: number;
}

/** The checks failing on most devices, most first. */
export async function mostFailedChecks(
  db: Queryable,
  limit = 10,
): Promise<FailingCheck[]> {
  return await db.query<FailingCheck>(
    `SELECT rc.check_id AS "checkId", min(rc.control) AS control,
            min(rc.title) AS title, count(*)::int AS devices
     FROM agents a
     JOIN report_checks rc ON rc.report_id = a.latest_report_id
     WHERE rc.status = 'fail'
     GROUP BY rc.check_id
     ORDER BY devices DESC, rc.check_id
     LIMIT $1`,
    [limit],
  );
}

/** Fleet compliance on one day of the trend. */
export interface TrendDay {
  /** `YYYY-MM-DD`, in UTC. */
  day: string;
  /** Devices that reported that day. */
  devices: number;
  /** Of those, devices whose last report of the day passed. */
  passing: number;
  /** Mean overall score of those last reports, 0 to 1. */
  meanScore: number | null;
}

/**
 * One entry per day of the last `days` days up to `now` (UTC days): of the
 * devices that reported that day, how many passed in their last report of
 * the day. Days without reports have zero devices.
 */
export async function complianceTrend(
  db: Queryable,
  now: Date,
  days = 30,
): Promise<TrendDay[]> {
  const rows = await db.query<TrendDay>(
    `WITH last_of_day AS (
       SELECT DISTINCT ON (r.agent_id, day)
              (r.timestamp AT TIME ZONE 'UTC')::date AS day,
              r.overall_status, r.overall_score
       FROM reports r
       WHERE r.timestamp >= $1::timestamptz
       ORDER BY r.agent_id, day, r.timestamp DESC
     )
     SELECT to_char(day, 'YYYY-MM-DD') AS day,
            count(*)::int AS devices,
            count(*) FILTER (WHERE overall_status = 'pass')::int AS passing,
            avg(overall_score)::float8 AS "meanScore"
     FROM last_of_day
     GROUP BY day`,
    [trendStart(now, days).toISOString()],
  );

  const byDay = new Map(rows.map((row) => [row.day, row]));
  return trendDays(now, days).map((day) =>
    byDay.get(day) ?? { day, devices: 0, passing: 0, meanScore: null }
  );
}

/** Midnight UTC of the first day of a trend of `days` days ending today. */
function trendStart(now: Date, days: number): Date {
  const start = new Date(now);
  start.setUTCHours(0, 0, 0, 0);
  start.setUTCDate(start.getUTCDate() - (days - 1));
  return start;
}

/** The `YYYY-MM-DD` labels of a trend of `days` days ending today. */
export function trendDays(now: Date, days: number): string[] {
  const start = trendStart(now, days);
  return Array.from({ length: days }, (_, index) => {
    const day = new Date(start);
    day.setUTCDate(start.getUTCDate() + index);
    return day.toISOString().slice(0, 10);
  });
}
