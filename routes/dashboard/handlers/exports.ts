/**
 * Exports of the agent and report lists as CSV and JSON. They take the
 * same query as the pages, so an export holds exactly what the admin had
 * filtered, across all pages.
 *
 * @module
 */
import type { Hono } from "hono";
import type { AppEnv } from "../../../controller/context.ts";
import {
  type AgentListItem,
  allAgents,
} from "../../../controller/services/agent_listing.ts";
import {
  allReports,
  type ReportListItem,
} from "../../../controller/services/report_listing.ts";
import { type CsvColumn, toCsv } from "../csv.ts";
import type { DashboardDeps } from "../deps.tsx";
import { parseAgentQuery, parseReportQuery } from "../list_params.ts";
import { requireDashboardAdmin } from "../session.ts";

const AGENT_COLUMNS: CsvColumn<AgentListItem>[] = [
  { header: "id", value: (agent) => agent.id },
  { header: "hostname", value: (agent) => agent.hostname },
  { header: "status", value: (agent) => agent.state },
  { header: "os", value: (agent) => agent.os },
  { header: "os_version", value: (agent) => agent.osVersion },
  { header: "ip", value: (agent) => agent.ip },
  { header: "compliance", value: (agent) => agent.latestStatus },
  { header: "score", value: (agent) => agent.latestScore },
  { header: "last_seen", value: (agent) => agent.lastSeen },
  { header: "registered_at", value: (agent) => agent.registeredAt },
  { header: "latest_report_id", value: (agent) => agent.latestReportId },
  { header: "latest_report_at", value: (agent) => agent.latestReportAt },
];

const REPORT_COLUMNS: CsvColumn<ReportListItem>[] = [
  { header: "id", value: (report) => report.id },
  { header: "agent_id", value: (report) => report.agentId },
  { header: "hostname", value: (report) => report.hostname },
  { header: "timestamp", value: (report) => report.timestamp },
  { header: "mode", value: (report) => report.mode },
  { header: "overall_status", value: (report) => report.overallStatus },
  { header: "overall_score", value: (report) => report.overallScore },
];

/** Registers the CSV and JSON exports. */
export function exportRoutes(app: Hono<AppEnv>, deps: DashboardDeps): void {
  const { ctx } = deps;
  const admin = requireDashboardAdmin(ctx);

  app.get("/agents/:file{export\\.(?:csv|json)}", admin, async (c) => {
    const query = parseAgentQuery(new URL(c.req.url).searchParams);
    const recent = (id: string) => ctx.services.agents.lastSeen(id);
    const agents = await allAgents(ctx.db, ctx.clock.now(), query, recent);
    return download(formatOf(c.req.param("file")), "agents", ctx.clock.now(), {
      csv: () => toCsv(AGENT_COLUMNS, agents),
      json: () => ({ agents, total: agents.length }),
    });
  });

  app.get("/reports/:file{export\\.(?:csv|json)}", admin, async (c) => {
    const query = parseReportQuery(new URL(c.req.url).searchParams);
    const reports = await allReports(ctx.db, query);
    return download(formatOf(c.req.param("file")), "reports", ctx.clock.now(), {
      csv: () => toCsv(REPORT_COLUMNS, reports),
      json: () => ({ reports, total: reports.length }),
    });
  });
}

function formatOf(file: string): "csv" | "json" {
  return file.endsWith(".csv") ? "csv" : "json";
}

function download(
  format: string,
  name: string,
  now: Date,
  bodies: { csv: () => string; json: () => unknown },
): Response {
  const day = now.toISOString().slice(0, 10);
  const csv = format === "csv";
  const body = csv ? bodies.csv() : JSON.stringify(bodies.json(), null, 2);
  return new Response(body, {
    headers: {
      "content-type": csv
        ? "text/csv; charset=utf-8"
        : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${name}-${day}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
