/**
 * The fleet's pages: overview, agents, one agent, reports and one report,
 * plus the agent actions that work as plain forms.
 *
 * @module
 */
import type { Hono } from "hono";
import { actorOf } from "../../../controller/auth/admin.ts";
import type { AppEnv } from "../../../controller/context.ts";
import { HttpError, notFound } from "../../../controller/errors.ts";
import { getAgentDetail } from "../../../controller/services/agent_detail.ts";
import {
  agentChoices,
  type AgentPageQuery,
  fleetOperatingSystems,
  listAgents,
} from "../../../controller/services/agent_listing.ts";
import {
  complianceByControl,
  complianceTrend,
  fleetSummary,
  mostFailedChecks,
} from "../../../controller/services/fleet_stats.ts";
import {
  agentReportHistory,
  getReport,
  listReports,
} from "../../../controller/services/report_listing.ts";
import { type DashboardDeps, page } from "../deps.tsx";
import { parseAgentQuery, parseReportQuery } from "../list_params.ts";
import { AgentPage } from "../pages/AgentPage.tsx";
import { AgentsPage } from "../pages/AgentsPage.tsx";
import { OverviewPage } from "../pages/OverviewPage.tsx";
import { ReportPage } from "../pages/ReportPage.tsx";
import { ReportsPage } from "../pages/ReportsPage.tsx";
import { formPost, requireDashboardAdmin } from "../session.ts";

/** Fleets up to this size get a drop-down of agents on the reports page. */
const AGENT_PICKER_LIMIT = 500;

/** Registers the overview, agent and report pages. */
export function fleetRoutes(app: Hono<AppEnv>, deps: DashboardDeps): void {
  const { ctx } = deps;
  const admin = requireDashboardAdmin(ctx);
  const form = formPost(ctx.config.maxBodyBytes, admin);

  app.get("/", admin, async (c) => {
    const now = ctx.clock.now();
    const [summary, byControl, failing, trend] = await Promise.all([
      fleetSummary(ctx.db, now),
      complianceByControl(ctx.db),
      mostFailedChecks(ctx.db),
      complianceTrend(ctx.db, now),
    ]);
    const overview = { summary, byControl, failing, trend };
    return page(deps, c, <OverviewPage {...overview} />);
  });

  const recent = (id: string) => ctx.services.agents.lastSeen(id);
  const agentPage = (query: AgentPageQuery) =>
    listAgents(ctx.db, ctx.clock.now(), query, recent);

  app.get("/agents", admin, async (c) => {
    const query = parseAgentQuery(new URL(c.req.url).searchParams);
    const [result, operatingSystems] = await Promise.all([
      agentPage(query),
      fleetOperatingSystems(ctx.db),
    ]);
    const deleted = c.req.query("deleted")?.slice(0, 255) || undefined;
    const props = { query, result, operatingSystems, deleted };
    return page(deps, c, <AgentsPage {...props} />);
  });

  app.get("/agents/rows.json", admin, async (c) => {
    const query = parseAgentQuery(new URL(c.req.url).searchParams);
    return c.json(await agentPage(query));
  });

  app.get("/agents/:id", admin, async (c) => {
    const id = c.req.param("id")!;
    const agent = await getAgentDetail(ctx.db, ctx.clock.now(), id, recent);
    if (!agent) throw notFound("Agent", id);

    const [latest, history, commands] = await Promise.all([
      agent.latestReportId ? getReport(ctx.db, agent.latestReportId) : null,
      agentReportHistory(ctx.db, id),
      ctx.services.commands.list({ agent_id: id, limit: 10, skip: 0 }),
    ]);
    const props = { agent, latest, history, commands: commands.commands };
    return page(deps, c, <AgentPage {...props} />);
  });

  app.post("/agents/:id/approve", form, async (c) => {
    const id = c.req.param("id")!;
    await ctx.services.agents.approve(id, actorOf(c.get("user")));
    return c.redirect(`/agents/${id}`, 303);
  });

  app.post("/agents/:id/delete", form, async (c) => {
    const id = c.req.param("id")!;
    const body = await c.req.parseBody();
    if (body.confirm !== "yes") {
      throw new HttpError(
        422,
        "validation_failed",
        "Deletion was not confirmed",
      );
    }
    const agent = await ctx.services.agents.get(id);
    await ctx.services.agents.remove(id, actorOf(c.get("user")));
    // The list no longer shows the agent, so it says what happened.
    const deleted = new URLSearchParams({ deleted: agent?.hostname ?? id });
    return c.redirect(`/agents?${deleted}`, 303);
  });

  app.get("/reports", admin, async (c) => {
    const query = parseReportQuery(new URL(c.req.url).searchParams);
    const [result, agents] = await Promise.all([
      listReports(ctx.db, query),
      agentChoices(ctx.db, AGENT_PICKER_LIMIT),
    ]);
    return page(
      deps,
      c,
      <ReportsPage query={query} result={result} agents={agents} />,
    );
  });

  // Any name ending in .json is a download, so a 404 quotes the id alone.
  app.get("/reports/:file{[^/]+\\.json}", admin, async (c) => {
    const id = c.req.param("file").replace(/\.json$/, "");
    const report = await getReport(ctx.db, id);
    if (!report) throw notFound("Report", id);
    return c.body(JSON.stringify(report.payload, null, 2), 200, {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="report-${id}.json"`,
    });
  });

  app.get("/reports/:id", admin, async (c) => {
    const id = c.req.param("id")!;
    const report = await getReport(ctx.db, id);
    if (!report) throw notFound("Report", id);
    return page(deps, c, <ReportPage report={report} />);
  });
}
