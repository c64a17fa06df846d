/** Admin endpoints: agent inventory, enrollment secrets, users, audit, docs. */
import { assert, assertEquals } from "./helpers/assert.ts";
import { createTestApp, ENROLL_SECRET } from "./helpers/app.ts";
import { dbTest } from "./helpers/db.ts";
import { reportUpload } from "./helpers/reports.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

dbTest("the agent list filters, sorts and pages", async (kind) => {
  await using t = await createTestApp(kind);
  const old = await t.registerAgent({ hostname: "old-box", os: "Windows" });
  t.clock.advance(31 * DAY);
  const idle = await t.registerAgent({ hostname: "idle-box", os: "Linux" });
  t.clock.advance(10 * MINUTE);
  const busy = await t.registerAgent({
    hostname: "busy-BOX",
    os: "linux",
    ip: "10.9.8.7",
  });
  await t.request("POST", `/api/agents/${busy.id}/report`, {
    token: busy.token,
    body: reportUpload({ status: "fail", score: 0.2 }),
  });
  const token = await t.adminToken();
  const names = async (query: string) => {
    const answer = await t.request("GET", `/api/agents?${query}`, { token });
    assertEquals(answer.status, 200);
    return answer.body.agents.map((a: { hostname: string }) => a.hostname);
  };

  assertEquals(await names(""), ["busy-BOX", "idle-box", "old-box"]);
  assertEquals(await names("q=box&sort=hostname&order=desc"), [
    "old-box",
    "idle-box",
    "busy-BOX",
  ]);
  assertEquals(await names("q=BUSY"), ["busy-BOX"]);
  assertEquals(await names("q=10.9.8"), ["busy-BOX"]);
  assertEquals(await names("status=online"), ["busy-BOX"]);
  assertEquals(await names("status=offline"), ["idle-box"]);
  assertEquals(await names("status=inactive"), ["old-box"]);
  assertEquals(await names("os=LINUX"), ["busy-BOX", "idle-box"]);
  assertEquals(await names("compliance=fail"), ["busy-BOX"]);
  assertEquals(await names("compliance=none&sort=registered_at"), [
    "old-box",
    "idle-box",
  ]);
  assertEquals(await names("sort=last_seen&order=desc&limit=1&skip=1"), [
    "idle-box",
  ]);
  const page = await t.request("GET", "/api/agents?limit=1", { token });
  assertEquals(page.body.total, 3);
  assertEquals(old.id.length, 36);
  assertEquals(idle.id.length, 36);
});

dbTest("the agent list rejects unknown filter values", async (kind) => {
  await using t = await createTestApp(kind);
  const token = await t.adminToken();

  const status = await t.request("GET", "/api/agents?status=asleep", { token });
  const limit = await t.request("GET", "/api/agents?limit=100000", { token });

  assertEquals(status.status, 422);
  assertEquals(status.body.error.details.fields[0].path, "status");
  assertEquals(limit.status, 422);
});

dbTest(
  "unknown agents answer 404 on details, approval and deletion",
  async (kind) => {
    await using t = await createTestApp(kind);
    const token = await t.adminToken();
    const id = crypto.randomUUID();

    const answers = [
      await t.request("GET", `/api/agents/${id}`, { token }),
      await t.request("POST", `/api/agents/${id}/approve`, { token }),
      await t.request("DELETE", `/api/agents/${id}`, { token }),
    ];

    assertEquals(answers.map((a) => a.status), [404, 404, 404]);
    assertEquals(answers[0].body.error.code, "not_found");
  },
);

dbTest("a deleted agent disappears with its reports", async (kind) => {
  await using t = await createTestApp(kind);
  const agent = await t.registerAgent();
  await t.request("POST", `/api/agents/${agent.id}/report`, {
    token: agent.token,
    body: reportUpload(),
  });
  const token = await t.adminToken();

  await t.request("DELETE", `/api/agents/${agent.id}`, { token });
  const details = await t.request("GET", `/api/agents/${agent.id}`, { token });
  const reports = await t.request("GET", "/api/reports", { token });

  assertEquals(details.status, 404);
  assertEquals(reports.body.total, 0);
});

dbTest(
  "an enrollment secret is shown once, lists without it and can be revoked",
  async (kind) => {
    await using t = await createTestApp(kind);
    const token = await t.adminToken();

    const created = await t.request("POST", "/api/enroll-secrets", {
      token,
      body: { name: "laptops" },
    });
    const { secret, id } = created.body;
    const register = () =>
      t.request("POST", "/api/agents/register", {
        body: { hostname: "pc", os: "Linux", enroll_secret: secret },
      });
    const before = await register();
    const listed = await t.request("GET", "/api/enroll-secrets", { token });
    const removed = await t.request("DELETE", `/api/enroll-secrets/${id}`, {
      token,
    });
    const after = await register();
    const again = await t.request("DELETE", `/api/enroll-secrets/${id}`, {
      token,
    });

    assert(secret.length >= 40);
    assertEquals(before.status, 200);
    const mine = listed.body.secrets.find((s: { id: string }) => s.id === id);
    assertEquals(mine.name, "laptops");
    assertEquals(mine.uses, 1);
    assertEquals("secret" in mine, false);
    assertEquals(JSON.stringify(listed.body).includes(secret), false);
    assertEquals(removed.status, 200);
    assertEquals(after.status, 401);
    assertEquals(again.status, 404);
  },
);

dbTest(
  "the secret from the environment enrolls agents from start-up",
  async (kind) => {
    await using t = await createTestApp(kind);

    const answer = await t.request("POST", "/api/agents/register", {
      body: { hostname: "auto", os: "Linux", enroll_secret: ENROLL_SECRET },
    });

    assertEquals(answer.status, 200);
  },
);

dbTest("admins create, list, disable, enable and reset users", async (kind) => {
  await using t = await createTestApp(kind);
  const token = await t.adminToken();

  const created = await t.request("POST", "/api/users", {
    token,
    body: {
      username: "alice",
      email: "alice@example.org",
      password: "initial-password-1",
    },
  });
  const duplicate = await t.request("POST", "/api/users", {
    token,
    body: { username: "alice", password: "initial-password-2" },
  });
  const id = created.body.id;
  const disabled = await t.request("POST", `/api/users/${id}/disable`, {
    token,
  });
  const enabled = await t.request("POST", `/api/users/${id}/enable`, { token });
  const reset = await t.request("POST", `/api/users/${id}/password`, {
    token,
    body: {},
  });
  const signIn = await t.request("POST", "/api/auth/login", {
    body: { username: "alice", password: reset.body.temporary_password },
  });
  const listed = await t.request("GET", "/api/users", { token });

  assertEquals(created.body.email, "alice@example.org");
  assertEquals(duplicate.status, 409);
  assertEquals(disabled.body.is_active, false);
  assertEquals(enabled.body.is_active, true);
  assertEquals(signIn.body.password_change_required, true);
  assertEquals(
    listed.body.users.map((u: { username: string }) => u.username),
    ["admin", "alice"],
  );
  assertEquals(JSON.stringify(listed.body).includes("hashed"), false);
});

dbTest(
  "an admin cannot disable themselves, and unknown users answer 404",
  async (kind) => {
    await using t = await createTestApp(kind);
    const token = await t.adminToken();
    const me = await t.request("GET", "/api/auth/me", { token });

    const self = await t.request("POST", `/api/users/${me.body.id}/disable`, {
      token,
    });
    const unknown = await t.request(
      "POST",
      `/api/users/${crypto.randomUUID()}/password`,
      { token, body: { new_password: "long-enough-password" } },
    );
    const badName = await t.request("POST", "/api/users", {
      token,
      body: { username: "has spaces", password: "long-enough-password" },
    });

    assertEquals(self.status, 409);
    assertEquals(unknown.status, 404);
    assertEquals(badName.status, 422);
  },
);

dbTest("admin actions are written to the audit log", async (kind) => {
  await using t = await createTestApp(kind);
  const token = await t.adminToken();
  const agent = await t.registerAgent();

  t.clock.advance(1000);
  await t.request("POST", "/api/enroll-secrets", { token, body: {} });
  t.clock.advance(1000);
  await t.request("POST", `/api/agents/${agent.id}/scan`, { token, body: {} });
  t.clock.advance(1000);
  await t.request("DELETE", `/api/agents/${agent.id}`, { token });
  const log = await t.request("GET", "/api/audit?limit=3", { token });

  assertEquals(
    log.body.entries.map((e: { action: string }) => e.action),
    ["agent.delete", "command.scan", "enroll_secret.create"],
  );
  assertEquals(log.body.entries[0].actor, "admin");
  assertEquals(log.body.entries[0].target, agent.id);
  const all = await t.request("GET", "/api/audit", { token });
  const actions = all.body.entries.map((e: { action: string }) => e.action);
  assertEquals(actions.includes("auth.login"), true);
});

dbTest("the OpenAPI document describes every API path", async (kind) => {
  await using t = await createTestApp(kind);

  const answer = await t.request("GET", "/api/openapi.json");
  const paths = Object.keys(answer.body.paths);

  assertEquals(answer.body.openapi, "3.1.0");
  for (
    const path of [
      "/api/auth/login",
      "/api/agents/register",
      "/api/agents/{agent_id}/heartbeat",
      "/api/agents/{agent_id}/report",
      "/api/agents/{agent_id}/commands",
      "/api/agents/{agent_id}/command/{cmd_id}/result",
      "/api/agents",
      "/api/agents/{agent_id}",
      "/api/agents/{agent_id}/scan",
      "/api/agents/scan",
      "/api/reports",
      "/api/reports/{report_id}",
      "/api/commands",
      "/api/enroll-secrets",
      "/api/users",
      "/health",
    ]
  ) {
    assert(paths.includes(path), `OpenAPI document lacks ${path}`);
  }
});

dbTest(
  "the docs page lists operations without loading anything from a CDN",
  async (kind) => {
    await using t = await createTestApp(kind);

    const answer = await t.request("GET", "/api/docs");

    assertEquals(answer.status, 200);
    assert(answer.body.includes("/api/agents/{agent_id}/heartbeat"));
    assertEquals(
      /<script|<link|https?:\/\/(?!cefleet)/.test(answer.body),
      false,
    );
  },
);

dbTest(
  "health answers 200 with the database up and 503 with it down",
  async (kind) => {
    await using t = await createTestApp(kind);
    const up = await t.request("GET", "/health");

    const { query } = t.ctx.db;
    t.ctx.db.query = () => Promise.reject(new Error("connection refused"));
    const down = await t.request("GET", "/health");
    t.ctx.db.query = query;

    assertEquals(up.status, 200);
    assertEquals(up.body, { status: "ok", database: "ok" });
    assertEquals(down.status, 503);
    assertEquals(down.body.database, "unavailable");
  },
);

dbTest("an unknown API path answers 404 in the error shape", async (kind) => {
  await using t = await createTestApp(kind);

  const answer = await t.request("GET", "/api/nothing-here");

  assertEquals(answer.status, 404);
  assertEquals(answer.body.error.code, "not_found");
});
