/** The endpoints agents call: registration, check-ins and their failures. */
import { assert, assertEquals, assertNotEquals } from "./helpers/assert.ts";
import { createTestApp, ENROLL_SECRET } from "./helpers/app.ts";
import { dbTest } from "./helpers/db.ts";
import { reportUpload } from "./helpers/reports.ts";
import { claimsFor, forgedToken, unsignedToken } from "./helpers/tokens.ts";

const DAY = 86_400_000;

dbTest(
  "registration with a valid enrollment secret returns an approved agent",
  async (kind) => {
    await using t = await createTestApp(kind);

    const answer = await t.request("POST", "/api/agents/register", {
      body: {
        hostname: "pc-01",
        os: "Windows",
        os_version: "11",
        ip: "10.0.0.5",
        metadata: { site: "leeds" },
        enroll_secret: ENROLL_SECRET,
      },
    });

    assertEquals(answer.status, 200);
    assertEquals(answer.body.approval, "approved");
    assertEquals(answer.body.agent_token.split(".").length, 3);
    const admin = await t.adminToken();
    const agent = await t.request(
      "GET",
      `/api/agents/${answer.body.agent_id}`,
      {
        token: admin,
      },
    );
    assertEquals(agent.body.hostname, "pc-01");
    assertEquals(agent.body.metadata, { site: "leeds" });
    assertEquals(agent.body.status, "online");
  },
);

dbTest(
  "registration without or with a wrong secret is refused",
  async (kind) => {
    await using t = await createTestApp(kind);
    const body = { hostname: "pc", os: "Linux" };

    const missing = await t.request("POST", "/api/agents/register", { body });
    const wrong = await t.request("POST", "/api/agents/register", {
      body: { ...body, enroll_secret: "guessed-secret" },
    });

    assertEquals(missing.status, 401);
    assertEquals(missing.body.error.code, "enroll_secret_invalid");
    assertEquals(wrong.status, 401);
    assertEquals(wrong.body.error.code, "enroll_secret_invalid");
  },
);

dbTest(
  "an agent without a secret waits for approval in approval mode",
  async (kind) => {
    await using t = await createTestApp(kind, {
      CEFLEET_REGISTRATION: "approval",
    });
    const registered = await t.request("POST", "/api/agents/register", {
      body: { hostname: "byod-1", os: "macOS" },
    });
    assertEquals(registered.body.approval, "pending");
    const { agent_id: id, agent_token: token } = registered.body;

    const beat = await t.request("POST", `/api/agents/${id}/heartbeat`, {
      token,
      body: {},
    });
    const poll = await t.request("GET", `/api/agents/${id}/commands`, {
      token,
    });
    const upload = await t.request("POST", `/api/agents/${id}/report`, {
      token,
      body: reportUpload(),
    });
    assertEquals(beat.status, 200);
    assertEquals(beat.body.approval, "pending");
    assertEquals(poll.status, 403);
    assertEquals(poll.body.error.code, "agent_pending");
    assertEquals(upload.body.error.code, "agent_pending");

    const admin = await t.adminToken();
    const approved = await t.request("POST", `/api/agents/${id}/approve`, {
      token: admin,
    });
    assertEquals(approved.body.approval, "approved");
    const after = await t.request("GET", `/api/agents/${id}/commands`, {
      token,
    });
    assertEquals(after.status, 200);
    assertEquals(after.body, []);
  },
);

dbTest("heartbeat answers ok with the server time", async (kind) => {
  await using t = await createTestApp(kind);
  const agent = await t.registerAgent();

  const answer = await t.request("POST", `/api/agents/${agent.id}/heartbeat`, {
    token: agent.token,
    body: { status: "online", metadata: { uptime: 5 } },
  });

  assertEquals(answer.status, 200);
  assertEquals(answer.body.status, "ok");
  assertEquals(answer.body.server_time, t.clock.now().toISOString());
});

dbTest(
  "heartbeats write last_seen only when the batch is flushed",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agent = await t.registerAgent();
    const stored = async () => {
      const [row] = await t.ctx.db.query<
        { last_seen: Date; metadata: unknown }
      >(
        "SELECT last_seen, metadata FROM agents WHERE id = $1",
        [agent.id],
      );
      return row;
    };
    const before = (await stored()).last_seen;

    t.clock.advance(60_000);
    await t.request("POST", `/api/agents/${agent.id}/heartbeat`, {
      token: agent.token,
      body: { metadata: { agent_version: "2.0" } },
    });
    assertEquals((await stored()).last_seen, before);

    await t.ctx.services.lastSeen.flush();
    const after = await stored();
    assertEquals(after.last_seen, t.clock.now());
    assertEquals(
      (after.metadata as Record<string, unknown>).agent_version,
      "2.0",
    );
  },
);

dbTest("agent endpoints refuse a request without a token", async (kind) => {
  await using t = await createTestApp(kind);
  const agent = await t.registerAgent();

  const answer = await t.request("POST", `/api/agents/${agent.id}/heartbeat`, {
    body: {},
  });

  assertEquals(answer.status, 401);
  assertEquals(answer.body.error.code, "token_missing");
});

dbTest("agent endpoints refuse forged and unsigned tokens", async (kind) => {
  await using t = await createTestApp(kind);
  const agent = await t.registerAgent();
  const claims = claimsFor(agent.id, "cefleet:agent", t.clock.now());

  for (const token of [await forgedToken(claims), unsignedToken(claims)]) {
    const answer = await t.request("GET", `/api/agents/${agent.id}/commands`, {
      token,
    });
    assertEquals(answer.status, 401);
    assertEquals(answer.body.error.code, "token_invalid");
  }
});

dbTest("an agent token expires after 365 days", async (kind) => {
  await using t = await createTestApp(kind);
  const agent = await t.registerAgent();

  t.clock.advance(364 * DAY);
  const valid = await t.request("GET", `/api/agents/${agent.id}/commands`, {
    token: agent.token,
  });
  t.clock.advance(2 * DAY);
  const expired = await t.request("GET", `/api/agents/${agent.id}/commands`, {
    token: agent.token,
  });

  assertEquals(valid.status, 200);
  assertEquals(expired.status, 401);
  assertEquals(expired.body.error.code, "token_expired");
});

dbTest("a token used on another agent's path is forbidden", async (kind) => {
  await using t = await createTestApp(kind);
  const mine = await t.registerAgent();
  const theirs = await t.registerAgent();

  const answer = await t.request("GET", `/api/agents/${theirs.id}/commands`, {
    token: mine.token,
  });

  assertEquals(answer.status, 403);
  assertEquals(answer.body.error.code, "forbidden");
});

dbTest("an admin session is not an agent token", async (kind) => {
  await using t = await createTestApp(kind);
  const agent = await t.registerAgent();

  const answer = await t.request("GET", `/api/agents/${agent.id}/commands`, {
    token: await t.adminToken(),
  });

  assertEquals(answer.status, 401);
  assertEquals(answer.body.error.code, "token_invalid");
});

dbTest(
  "deleting an agent makes its token answer agent_deleted",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agent = await t.registerAgent();
    await t.request("GET", `/api/agents/${agent.id}/commands`, {
      token: agent.token,
    });

    const deleted = await t.request("DELETE", `/api/agents/${agent.id}`, {
      token: await t.adminToken(),
    });
    const answer = await t.request("GET", `/api/agents/${agent.id}/commands`, {
      token: agent.token,
    });

    assertEquals(deleted.status, 200);
    assertEquals(answer.status, 401);
    assertEquals(answer.body.error.code, "agent_deleted");
  },
);

dbTest(
  "re-registering the same machine keeps its id and revokes the old token",
  async (kind) => {
    await using t = await createTestApp(kind);
    const metadata = { machine_id: "4c4c4544-0042-3510-8052-b4c04f564433" };
    const first = await t.registerAgent({ metadata });
    await t.request("GET", `/api/agents/${first.id}/commands`, {
      token: first.token,
    });

    const second = await t.registerAgent({ metadata });
    const old = await t.request("GET", `/api/agents/${first.id}/commands`, {
      token: first.token,
    });
    const fresh = await t.request("GET", `/api/agents/${second.id}/commands`, {
      token: second.token,
    });

    assertEquals(second.id, first.id);
    assertNotEquals(second.token, first.token);
    assertEquals(old.status, 401);
    assertEquals(old.body.error.code, "token_revoked");
    assertEquals(fresh.status, 200);
  },
);

dbTest("registration is rate limited per client address", async (kind) => {
  await using t = await createTestApp(kind, { CEFLEET_REGISTER_RATE: "2" });
  const body = { hostname: "pc", os: "Linux", enroll_secret: ENROLL_SECRET };
  const register = (from: string) =>
    t.request("POST", "/api/agents/register", { body, from });

  const statuses = [
    (await register("192.0.2.1")).status,
    (await register("192.0.2.1")).status,
  ];
  const limited = await register("192.0.2.1");
  const other = await register("192.0.2.2");
  t.clock.advance(60_000);
  const later = await register("192.0.2.1");

  assertEquals(statuses, [200, 200]);
  assertEquals(limited.status, 429);
  assertEquals(limited.body.error.code, "rate_limited");
  assert(Number(limited.headers.get("retry-after")) > 0);
  assertEquals(other.status, 200);
  assertEquals(later.status, 200);
});

dbTest(
  "malformed JSON answers 400 and wrong types answer 422 with the fields",
  async (kind) => {
    await using t = await createTestApp(kind);

    const malformed = await t.request("POST", "/api/agents/register", {
      body: '{"hostname": "pc",',
    });
    const wrongTypes = await t.request("POST", "/api/agents/register", {
      body: { hostname: 42, os: ["Linux"], enroll_secret: ENROLL_SECRET },
    });

    assertEquals(malformed.status, 400);
    assertEquals(malformed.body.error.code, "bad_request");
    assertEquals(wrongTypes.status, 422);
    assertEquals(wrongTypes.body.error.code, "validation_failed");
    const paths = wrongTypes.body.error.details.fields.map(
      (field: { path: string }) => field.path,
    );
    assertEquals(paths.sort(), ["hostname", "os"]);
  },
);

dbTest(
  "a malformed agent id in the path is not the token's agent and answers 403",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agent = await t.registerAgent();

    const answer = await t.request("GET", "/api/agents/not-a-uuid/commands", {
      token: agent.token,
    });

    assertEquals(answer.status, 403);
    assertEquals(answer.body.error.code, "forbidden");
  },
);

dbTest("a report over the size limit answers 413", async (kind) => {
  await using t = await createTestApp(kind, {
    CEFLEET_MAX_REPORT_BYTES: "2048",
  });
  const agent = await t.registerAgent();
  const upload = reportUpload();
  upload.payload.controls[0].findings = ["x".repeat(4096)];

  const answer = await t.request("POST", `/api/agents/${agent.id}/report`, {
    token: agent.token,
    body: upload,
  });

  assertEquals(answer.status, 413);
  assertEquals(answer.body.error.code, "payload_too_large");
});

dbTest(
  "a registration body over the general limit answers 413",
  async (kind) => {
    await using t = await createTestApp(kind, {
      CEFLEET_MAX_BODY_BYTES: "1024",
    });

    const answer = await t.request("POST", "/api/agents/register", {
      body: {
        hostname: "pc",
        os: "Linux",
        metadata: { blob: "y".repeat(2000) },
        enroll_secret: ENROLL_SECRET,
      },
    });

    assertEquals(answer.status, 413);
    assertEquals(answer.body.error.code, "payload_too_large");
  },
);
