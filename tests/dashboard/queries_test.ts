/**
 * The dashboard's queries on a migrated database (PGlite, and PostgreSQL
 * when the run has one), seeded once with a small fleet.
 */
import { assertEquals } from "../helpers/assert.ts";
import {
  type DatabaseKind,
  databaseKinds,
  openTestDatabase,
} from "../helpers/db.ts";
import type { Database } from "../../controller/db/database.ts";
import {
  complianceByControl,
  complianceTrend,
  fleetSummary,
  mostFailedChecks,
} from "../../controller/services/fleet_stats.ts";
import {
  allAgents,
  listAgents,
} from "../../controller/services/agent_listing.ts";
import {
  getReport,
  listReports,
} from "../../controller/services/report_listing.ts";

const NOW = new Date("2026-12-03T12:00:00Z");
const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000);

interface Seed {
  hostname: string;
  os: string;
  lastSeen: Date | null;
  approval?: string;
  reports?: { at: Date; status: string; failing: string[] }[];
}

const FLEET: Seed[] = [
  {
    hostname: "web-01",
    os: "Linux",
    lastSeen: minutesAgo(1),
    reports: [
      { at: minutesAgo(2 * 24 * 60), status: "fail", failing: ["fw.on"] },
      { at: minutesAgo(10), status: "pass", failing: [] },
    ],
  },
  {
    hostname: "web-02",
    os: "Linux",
    lastSeen: minutesAgo(20),
    reports: [{ at: minutesAgo(30), status: "fail", failing: ["fw.on"] }],
  },
  {
    hostname: "laptop-07",
    os: "Windows",
    lastSeen: minutesAgo(2),
    reports: [
      { at: minutesAgo(40), status: "fail", failing: ["fw.on", "av.on"] },
    ],
  },
  { hostname: "old-box", os: "Linux", lastSeen: minutesAgo(40 * 24 * 60) },
  { hostname: "new-mac", os: "macOS", lastSeen: null, approval: "pending" },
];

async function seed(db: Database): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const agent of FLEET) {
    const id = crypto.randomUUID();
    ids.set(agent.hostname, id);
    await db.query(
      `INSERT INTO agents (id, hostname, os, last_seen, registered_at,
         approval) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        id,
        agent.hostname,
        agent.os,
        agent.lastSeen?.toISOString(),
        minutesAgo(60 * 24 * 60).toISOString(),
        agent.approval ?? "approved",
      ],
    );
    for (const report of agent.reports ?? []) {
      await insertReport(db, id, report);
    }
  }
  return ids;
}

async function insertReport(
  db: Database,
  agentId: string,
  report: { at: Date; status: string; failing: string[] },
): Promise<void> {
  const id = crypto.randomUUID();
  const controls = [
    {
      name: "firewalls",
      status: report.failing.includes("fw.on") ? "fail" : "pass",
    },
    // An older agent's name for user access control.
    { name: "access_control", status: "pass" },
  ];
  await db.query(
    `INSERT INTO reports (id, agent_id, timestamp, mode, overall_status,
       overall_score, payload, received_at)
     VALUES ($1, $2, $3, 'standard', $4, $5, $6::text::jsonb, $3)`,
    [
      id,
      agentId,
      report.at.toISOString(),
      report.status,
      report.status === "pass" ? 1 : 0.5,
      JSON.stringify({ controls }),
    ],
  );
  for (const checkId of ["fw.on", "av.on"]) {
    await db.query(
      `INSERT INTO report_checks (report_id, check_id, control, title, status,
         severity, requirement, expected, actual, evidence, remediation)
       VALUES ($1, $2, 'firewalls', $3, $4, 'high', 'r', 'on', 'off',
         '["line"]', 'Turn it on')`,
      [
        id,
        checkId,
        `Check ${checkId}`,
        report.failing.includes(checkId) ? "fail" : "pass",
      ],
    );
  }
  await db.query(
    `UPDATE agents SET latest_report_id = $2, latest_report_at = $3,
       latest_status = $4
     WHERE id = $1 AND (latest_report_at IS NULL OR latest_report_at < $3)`,
    [agentId, id, report.at.toISOString(), report.status],
  );
}

for (const kind of ["pglite", "postgres"] as const) {
  Deno.test({
    name: `[${kind}] dashboard queries over a seeded fleet`,
    ignore: !databaseKinds().includes(kind),
    // The embedded database is shared by the file and outlives the test.
    sanitizeResources: kind === "postgres",
    sanitizeOps: kind === "postgres",
    fn: (t) => runQueries(t, kind),
  });
}

async function runQueries(t: Deno.TestContext, kind: DatabaseKind) {
  const test = await openTestDatabase(kind);
  const db = test.db;
  try {
    const ids = await seed(db);

    await t.step(
      "fleetSummary() counts agents by state and latest status",
      async () => {
        const summary = await fleetSummary(db, NOW);
        assertEquals(summary, {
          total: 5,
          online: 2,
          offline: 1,
          inactive: 1,
          pending: 1,
          pass: 1,
          warn: 0,
          fail: 2,
          unreported: 2,
        });
      },
    );

    await t.step(
      "complianceByControl() counts latest reports under today's names",
      async () => {
        const byControl = await complianceByControl(db);
        const firewalls = byControl.find((row) => row.control === "firewalls");
        const access = byControl.find((row) =>
          row.control === "user_access_control"
        );
        assertEquals(firewalls, {
          control: "firewalls",
          pass: 1,
          warn: 0,
          fail: 2,
          unknown: 0,
        });
        assertEquals(access?.pass, 3);
        assertEquals(byControl.length, 5);
      },
    );

    await t.step(
      "mostFailedChecks() ranks checks by devices failing them now",
      async () => {
        const checks = await mostFailedChecks(db);
        assertEquals(
          checks.map((check) => [check.checkId, check.devices]),
          [["fw.on", 2], ["av.on", 1]],
        );
      },
    );

    await t.step(
      "complianceTrend() gives each of 30 days its passing share",
      async () => {
        const trend = await complianceTrend(db, NOW);
        assertEquals(trend.length, 30);
        assertEquals(trend[29], {
          day: "2026-12-03",
          devices: 3,
          passing: 1,
          meanScore: (1 + 0.5 + 0.5) / 3,
        });
        assertEquals(trend[27].devices, 1);
        assertEquals(trend[27].passing, 0);
        assertEquals(trend[0].devices, 0);
      },
    );

    await t.step(
      "listAgents() filters by state, OS, compliance and failing check",
      async () => {
        const hosts = async (query: Parameters<typeof listAgents>[2]) =>
          (await listAgents(db, NOW, query)).agents.map((agent) =>
            agent.hostname
          );

        assertEquals(await hosts({ state: "online" }), ["laptop-07", "web-01"]);
        assertEquals(await hosts({ state: "offline" }), ["web-02"]);
        assertEquals(await hosts({ state: "inactive" }), ["old-box"]);
        assertEquals(await hosts({ state: "pending" }), ["new-mac"]);
        assertEquals(await hosts({ os: "Windows" }), ["laptop-07"]);
        assertEquals(await hosts({ compliance: "none" }), [
          "new-mac",
          "old-box",
        ]);
        assertEquals(await hosts({ failingCheck: "av.on" }), ["laptop-07"]);
        assertEquals(await hosts({ search: "WEB" }), ["web-01", "web-02"]);
        assertEquals(await hosts({ search: "%" }), []);
      },
    );

    await t.step(
      "listAgents() pages a sorted list and counts every match",
      async () => {
        const first = await listAgents(db, NOW, {
          perPage: 2,
          sort: "hostname",
        });
        const second = await listAgents(db, NOW, {
          perPage: 2,
          page: 2,
          sort: "hostname",
        });
        assertEquals(first.total, 5);
        assertEquals(first.agents.map((agent) => agent.hostname), [
          "laptop-07",
          "new-mac",
        ]);
        assertEquals(second.agents.map((agent) => agent.hostname), [
          "old-box",
          "web-01",
        ]);
        const all = await allAgents(db, NOW, {
          sort: "last_seen",
          descending: true,
        });
        assertEquals(all[0].hostname, "web-01");
        assertEquals(all[0].state, "online");
      },
    );

    await t.step("listReports() filters by agent, status and day", async () => {
      const web01 = ids.get("web-01")!;
      const ofWeb01 = await listReports(db, { agentId: web01 });
      assertEquals(ofWeb01.total, 2);
      assertEquals(ofWeb01.reports[0].overallStatus, "pass");

      const failing = await listReports(db, { status: "fail" });
      assertEquals(failing.total, 3);
      const older = await listReports(db, { to: "2026-12-02" });
      assertEquals(older.total, 1);
      assertEquals(older.reports[0].hostname, "web-01");
    });

    await t.step(
      "getReport() returns the checks with their evidence lines",
      async () => {
        const page = await listReports(db, { agentId: ids.get("laptop-07") });
        const report = await getReport(db, page.reports[0].id);
        assertEquals(report?.hostname, "laptop-07");
        assertEquals(report?.checks.map((check) => check.status), [
          "fail",
          "fail",
        ]);
        assertEquals(report?.checks[0].evidence, ["line"]);
        assertEquals(await getReport(db, "not-a-uuid"), null);
      },
    );
  } finally {
    await test.close();
  }
}
