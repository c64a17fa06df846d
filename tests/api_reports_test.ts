/** Report uploads, de-duplication and the admin report views. */
import { assertEquals } from "./helpers/assert.ts";
import { createTestApp, type TestAgent, type TestApp } from "./helpers/app.ts";
import { dbTest } from "./helpers/db.ts";
import { legacyUpload, reportUpload } from "./helpers/reports.ts";

function upload(t: TestApp, agent: TestAgent, body: unknown) {
  return t.request("POST", `/api/agents/${agent.id}/report`, {
    token: agent.token,
    body,
  });
}

dbTest(
  "a report is stored with its checks and sets the agent's latest status",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agent = await t.registerAgent();
    const body = reportUpload({ status: "warn", score: 0.75 });

    const answer = await upload(t, agent, body);
    const admin = await t.adminToken();
    const report = await t.request(
      "GET",
      `/api/reports/${answer.body.report_id}`,
      {
        token: admin,
      },
    );
    const shown = await t.request("GET", `/api/agents/${agent.id}`, {
      token: admin,
    });

    assertEquals(answer.status, 200);
    assertEquals(answer.body, {
      status: "ok",
      report_id: body.payload.report_id,
    });
    assertEquals(report.body.overall_status, "warn");
    assertEquals(report.body.checks.map((c: { id: string }) => c.id), [
      "fw.enabled",
      "fw.inbound_default",
    ]);
    assertEquals(report.body.checks[0].evidence, ["evidence for fw.enabled"]);
    assertEquals(shown.body.latest_status, "warn");
    assertEquals(shown.body.latest_score, 0.75);
    assertEquals(shown.body.latest_report_id, body.payload.report_id);
  },
);

dbTest(
  "uploading the same report twice stores it once and answers the same",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agent = await t.registerAgent();
    const body = reportUpload();

    const first = await upload(t, agent, body);
    const second = await upload(t, agent, body);
    const listed = await t.request("GET", `/api/reports?agent_id=${agent.id}`, {
      token: await t.adminToken(),
    });

    assertEquals(second.status, 200);
    assertEquals(second.body, first.body);
    assertEquals(listed.body.total, 1);
  },
);

dbTest(
  "a report id already used by another agent answers 409",
  async (kind) => {
    await using t = await createTestApp(kind);
    const first = await t.registerAgent();
    const second = await t.registerAgent();
    const body = reportUpload();

    await upload(t, first, body);
    const answer = await upload(t, second, body);

    assertEquals(answer.status, 409);
    assertEquals(answer.body.error.code, "conflict");
  },
);

dbTest(
  "a report in the original scanner's format is accepted with today's control names",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agent = await t.registerAgent();

    const answer = await upload(t, agent, legacyUpload());
    const report = await t.request(
      "GET",
      `/api/reports/${answer.body.report_id}`,
      {
        token: await t.adminToken(),
      },
    );

    assertEquals(answer.status, 200);
    const names = report.body.payload.controls.map((c: { name: string }) =>
      c.name
    );
    assertEquals(names, [
      "firewalls",
      "user_access_control",
      "security_update_management",
      "remote_work_mdm",
    ]);
    assertEquals(report.body.checks, []);
  },
);

dbTest("an invalid report answers 422 naming the fields", async (kind) => {
  await using t = await createTestApp(kind);
  const agent = await t.registerAgent();
  const body = reportUpload();
  const broken = {
    ...body,
    overall_score: 7,
    payload: { ...body.payload, timestamp_utc: "yesterday" },
  };

  const answer = await upload(t, agent, broken);

  assertEquals(answer.status, 422);
  const paths = answer.body.error.details.fields.map((f: { path: string }) =>
    f.path
  );
  assertEquals(paths.sort(), ["overall_score", "payload.timestamp_utc"]);
});

dbTest(
  "an older report uploaded late does not replace the latest status",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agent = await t.registerAgent();

    await upload(
      t,
      agent,
      reportUpload({
        status: "pass",
        timestamp: "2026-03-02T08:00:00Z",
      }),
    );
    await upload(
      t,
      agent,
      reportUpload({
        status: "fail",
        timestamp: "2026-03-01T08:00:00Z",
      }),
    );
    const shown = await t.request("GET", `/api/agents/${agent.id}`, {
      token: await t.adminToken(),
    });

    assertEquals(shown.body.latest_status, "pass");
  },
);

dbTest(
  "the report list filters by agent, status and time, newest first",
  async (kind) => {
    await using t = await createTestApp(kind);
    const a = await t.registerAgent();
    const b = await t.registerAgent();
    await upload(
      t,
      a,
      reportUpload({ status: "pass", timestamp: "2026-03-01T00:00:00Z" }),
    );
    await upload(
      t,
      a,
      reportUpload({ status: "fail", timestamp: "2026-03-02T00:00:00Z" }),
    );
    await upload(
      t,
      b,
      reportUpload({ status: "fail", timestamp: "2026-03-03T00:00:00Z" }),
    );
    const token = await t.adminToken();
    const list = async (query: string) =>
      (await t.request("GET", `/api/reports?${query}`, { token })).body;

    const all = await list("");
    const failed = await list("status=fail");
    const ofA = await list(`agent_id=${a.id}`);
    const window = await list(
      "from=2026-03-01T12:00:00Z&to=2026-03-02T12:00:00Z",
    );
    const paged = await list("skip=1&limit=1");

    assertEquals(all.total, 3);
    assertEquals(all.reports.map((r: { timestamp: string }) => r.timestamp), [
      "2026-03-03T00:00:00.000Z",
      "2026-03-02T00:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
    ]);
    assertEquals(failed.total, 2);
    assertEquals(ofA.total, 2);
    assertEquals(window.total, 1);
    assertEquals(window.reports[0].agent_id, a.id);
    assertEquals(paged.total, 3);
    assertEquals(paged.reports.length, 1);
    assertEquals(paged.reports[0].timestamp, "2026-03-02T00:00:00.000Z");
  },
);

dbTest("unknown and malformed report ids answer 404 and 422", async (kind) => {
  await using t = await createTestApp(kind);
  const token = await t.adminToken();

  const unknown = await t.request(
    "GET",
    `/api/reports/${crypto.randomUUID()}`,
    {
      token,
    },
  );
  const malformed = await t.request("GET", "/api/reports/42", { token });
  const badQuery = await t.request("GET", "/api/reports?limit=-1", { token });

  assertEquals(unknown.status, 404);
  assertEquals(unknown.body.error.code, "not_found");
  assertEquals(malformed.status, 422);
  assertEquals(badQuery.status, 422);
});
