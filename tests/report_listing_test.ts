/**
 * The one report listing, as the API and the dashboard use it: for the
 * same filter both list the same reports in the same order, including
 * reports on the edges of a day, and page through them alike.
 */
import { assertEquals } from "./helpers/assert.ts";
import { createTestApp, type TestAgent, type TestApp } from "./helpers/app.ts";
import { dbTest } from "./helpers/db.ts";
import { reportUpload } from "./helpers/reports.ts";
import {
  agentReportHistory,
  allReports,
  listReports,
  type ReportFilter,
} from "../controller/services/report_listing.ts";

/** Scans of each agent: when, and with what outcome. */
const SCANS: Record<string, [string, "pass" | "warn" | "fail"][]> = {
  "web-01": [
    ["2026-03-01T23:59:59.999Z", "fail"],
    ["2026-03-02T00:00:00Z", "warn"],
    ["2026-03-02T12:00:00Z", "pass"],
    ["2026-03-03T00:00:00Z", "pass"],
  ],
  "laptop-07": [
    ["2026-03-02T00:00:00Z", "fail"],
    ["2026-03-02T23:59:59.999Z", "fail"],
    ["2026-03-04T08:00:00Z", "warn"],
  ],
};

async function seedScans(t: TestApp): Promise<Map<string, TestAgent>> {
  const agents = new Map<string, TestAgent>();
  for (const [hostname, scans] of Object.entries(SCANS)) {
    const agent = await t.registerAgent({ hostname });
    agents.set(hostname, agent);
    for (const [timestamp, status] of scans) {
      const answer = await t.request("POST", `/api/agents/${agent.id}/report`, {
        token: agent.token,
        body: reportUpload({ timestamp, status }),
      });
      assertEquals(answer.status, 200);
    }
  }
  return agents;
}

/** The API's query for a dashboard filter: a day ends at the next midnight. */
function apiQuery(filter: ReportFilter, skip = 0, limit = 100): string {
  const params = new URLSearchParams({
    skip: String(skip),
    limit: String(limit),
  });
  if (filter.agentId) params.set("agent_id", filter.agentId);
  if (filter.status) params.set("status", filter.status);
  if (filter.from) params.set("from", `${filter.from}T00:00:00Z`);
  if (filter.to) {
    const end = new Date(`${filter.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    params.set("to", end.toISOString());
  }
  return params.toString();
}

dbTest(
  "the API and the dashboard list the same reports for the same filter",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agents = await seedScans(t);
    const web01 = agents.get("web-01")!.id;
    const token = await t.adminToken();
    const filters: [ReportFilter, number][] = [
      [{}, 7],
      [{ agentId: web01 }, 4],
      [{ status: "fail" }, 3],
      [{ from: "2026-03-02", to: "2026-03-02" }, 4],
      [{ agentId: web01, from: "2026-03-02" }, 3],
      [{ status: "pass", to: "2026-03-02" }, 1],
    ];

    for (const [filter, expected] of filters) {
      const api = await t.request("GET", `/api/reports?${apiQuery(filter)}`, {
        token,
      });
      const page = await listReports(t.ctx.db, filter);
      const exported = await allReports(t.ctx.db, filter);
      const apiIds = api.body.reports.map((r: { id: string }) => r.id);
      const where = JSON.stringify(filter);

      assertEquals(api.status, 200, where);
      assertEquals(apiIds.length, expected, where);
      assertEquals(page.reports.map((r) => r.id), apiIds, where);
      assertEquals(exported.map((r) => r.id), apiIds, where);
      assertEquals(page.total, api.body.total, where);
    }
  },
);

dbTest(
  "the API's pages and the dashboard's pages hold the same reports",
  async (kind) => {
    await using t = await createTestApp(kind);
    await seedScans(t);
    const token = await t.adminToken();

    for (const page of [1, 2, 3, 4]) {
      const skip = (page - 1) * 2;
      const api = await t.request(
        "GET",
        `/api/reports?${apiQuery({}, skip, 2)}`,
        {
          token,
        },
      );
      const shown = await listReports(t.ctx.db, { page, perPage: 2 });

      assertEquals(
        shown.reports.map((r) => r.id),
        api.body.reports.map((r: { id: string }) => r.id),
      );
      assertEquals(
        shown.reports.map((r) => r.hostname),
        api.body.reports.map(
          (r: { hostname: string }) => r.hostname,
        ),
      );
      assertEquals(shown.total, 7);
    }
  },
);

dbTest(
  "an agent's history is its reports as the API lists them",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agents = await seedScans(t);
    const laptop = agents.get("laptop-07")!.id;
    const token = await t.adminToken();

    const api = await t.request("GET", `/api/reports?agent_id=${laptop}`, {
      token,
    });
    const history = await agentReportHistory(t.ctx.db, laptop);

    assertEquals(
      history.map((r) => r.timestamp),
      [
        "2026-03-04T08:00:00.000Z",
        "2026-03-02T23:59:59.999Z",
        "2026-03-02T00:00:00.000Z",
      ],
    );
    assertEquals(
      history.map((r) => r.id),
      api.body.reports.map((r: { id: string }) => r.id),
    );
  },
);
