/**
 * The one agent listing, as the API and the dashboard use it: status
 * filters at the exact cut-offs, the failing-check filter, and the query
 * plans of first pages on a fleet of 10,000 agents.
 */
import { assert, assertEquals } from "./helpers/assert.ts";
import { createTestApp } from "./helpers/app.ts";
import { dbTest, openTestDatabase, testDatabaseUrl } from "./helpers/db.ts";
import { check, reportUpload } from "./helpers/reports.ts";
import type { Database, Queryable } from "../controller/db/database.ts";
import { agentPage, listAgents } from "../controller/services/agent_listing.ts";
import {
  AGENT_STATES,
  INACTIVE_MS,
  ONLINE_MS,
} from "../controller/services/agent_status.ts";
import { fleetSummary } from "../controller/services/fleet_stats.ts";

/** Hostnames by the state each agent is in, seeded around the cut-offs. */
const AT_CUTOFFS = {
  online: ["just-online"],
  offline: ["just-offline", "nearly-inactive"],
  inactive: ["just-inactive", "never-seen"],
  pending: ["waiting"],
};

async function seedAtCutoffs(db: Queryable, now: Date): Promise<void> {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const agents: [string, string | null, string][] = [
    ["just-online", ago(ONLINE_MS - 1), "approved"],
    ["just-offline", ago(ONLINE_MS), "approved"],
    ["nearly-inactive", ago(INACTIVE_MS - 1), "approved"],
    ["just-inactive", ago(INACTIVE_MS), "approved"],
    ["never-seen", null, "approved"],
    ["waiting", ago(1000), "pending"],
  ];
  for (const [hostname, lastSeen, approval] of agents) {
    await db.query(
      `INSERT INTO agents (id, hostname, os, last_seen, registered_at,
         approval) VALUES ($1, $2, 'Linux', $3, $4, $5)`,
      [crypto.randomUUID(), hostname, lastSeen, ago(INACTIVE_MS * 2), approval],
    );
  }
}

dbTest(
  "the API, the dashboard and the overview agree on states at the cut-offs",
  async (kind) => {
    await using t = await createTestApp(kind);
    const now = t.clock.now();
    await seedAtCutoffs(t.ctx.db, now);
    const token = await t.adminToken();
    const summary = await fleetSummary(t.ctx.db, now);

    for (const state of AGENT_STATES) {
      const api = await t.request("GET", `/api/agents?status=${state}`, {
        token,
      });
      const page = await listAgents(t.ctx.db, now, { state });
      const expected = AT_CUTOFFS[state].toSorted();

      assertEquals(
        api.body.agents.map((a: { hostname: string }) => a.hostname),
        expected,
      );
      if (state !== "pending") {
        const statuses = api.body.agents.map((a: { status: string }) =>
          a.status
        );
        assertEquals(statuses, expected.map(() => state));
      }
      assertEquals(page.agents.map((agent) => agent.hostname), expected);
      assertEquals(
        page.agents.map((agent) => agent.state),
        expected.map(() => state),
      );
      assertEquals(summary[state], expected.length);
    }
  },
);

dbTest(
  "the API lists only agents whose latest report fails a check",
  async (kind) => {
    await using t = await createTestApp(kind);
    const failing = await t.registerAgent({ hostname: "failing-box" });
    const passing = await t.registerAgent({ hostname: "passing-box" });
    const upload = (failed: boolean) => {
      const report = reportUpload({ status: failed ? "fail" : "pass" });
      report.payload.checks = [
        check("fw.enabled", "firewalls", failed ? "fail" : "pass"),
      ];
      return report;
    };
    for (
      const [agent, failed] of [[failing, true], [passing, false]] as const
    ) {
      const answer = await t.request("POST", `/api/agents/${agent.id}/report`, {
        token: agent.token,
        body: upload(failed),
      });
      assertEquals(answer.status, 200);
    }
    const token = await t.adminToken();

    const list = async (query: string) =>
      (await t.request("GET", `/api/agents?${query}`, { token })).body;

    const fw = await list("check=fw.enabled");
    assertEquals(fw.agents.map((a: { id: string }) => a.id), [failing.id]);
    assertEquals(fw.total, 1);
    assertEquals((await list("check=av.enabled")).total, 0);
    assertEquals((await list("")).total, 2);
  },
);

dbTest(
  "the API counts every match when a page is full or past the end",
  async (kind) => {
    await using t = await createTestApp(kind);
    for (const hostname of ["a-box", "b-box", "c-box"]) {
      await t.registerAgent({ hostname });
    }
    const token = await t.adminToken();
    const total = async (query: string) =>
      (await t.request("GET", `/api/agents?${query}`, { token })).body.total;

    assertEquals(await total("limit=2"), 3);
    assertEquals(await total("limit=2&skip=2"), 3);
    assertEquals(await total("limit=2&skip=5"), 3);
    assertEquals(await total("q=nothing-matches"), 0);
  },
);

/** Every statement `fn` runs on `db`, with its parameters. */
async function recordQueries(
  db: Database,
  fn: (db: Queryable) => Promise<unknown>,
): Promise<{ text: string; params: unknown[] }[]> {
  const recorded: { text: string; params: unknown[] }[] = [];
  await fn({
    query: (text, params) => {
      recorded.push({ text, params: params ?? [] });
      return db.query(text, params);
    },
    exec: (text) => db.exec(text),
  });
  return recorded;
}

/** The node types of a plan from `EXPLAIN (FORMAT JSON)`, top first. */
function planNodes(plan: Record<string, unknown>): string[] {
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [String(plan["Node Type"]), ...children.flatMap(planNodes)];
}

Deno.test({
  name: "[postgres] first pages of the default sort and of status filters " +
    "read an index on 10,000 agents",
  ignore: !testDatabaseUrl(),
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const database = await openTestDatabase("postgres");
    const db = database.db;
    const now = new Date("2026-12-03T12:00:00Z");
    try {
      // One agent in ten is online, most are offline, one in fifty was
      // never seen and one in two hundred awaits approval.
      await db.query(
        `INSERT INTO agents (id, hostname, os, last_seen, registered_at,
           approval)
         SELECT gen_random_uuid(), 'host-' || lpad(i::text, 5, '0'), 'Linux',
           CASE WHEN i % 50 = 0 THEN NULL
                WHEN i % 10 = 0 THEN $1::timestamptz - interval '1 minute'
                ELSE $1::timestamptz - (i % 900) * interval '1 hour' END,
           $1::timestamptz - interval '60 days',
           CASE WHEN i % 200 = 0 THEN 'pending' ELSE 'approved' END
         FROM generate_series(1, 10000) i`,
        [now.toISOString()],
      );
      await db.exec("ANALYZE agents");

      for (const status of [undefined, ...AGENT_STATES]) {
        const [page] = await recordQueries(
          db,
          (spy) => agentPage(spy, now, { status, skip: 0, limit: 50 }),
        );
        const [{ "QUERY PLAN": plan }] = await db.query<
          { "QUERY PLAN": [{ Plan: Record<string, unknown> }] }
        >(`EXPLAIN (FORMAT JSON) ${page.text}`, page.params);

        const nodes = planNodes(plan[0].Plan);
        assert(
          !nodes.includes("Seq Scan") &&
            nodes.some((node) => node.includes("Index")),
          `The first page for status "${status ?? "any"}" reads ${nodes}`,
        );
      }
    } finally {
      await database.close();
    }
  },
});
