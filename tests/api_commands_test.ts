/** Commands: creation, hand-out, results, expiry and bulk scans. */
import { assertEquals } from "./helpers/assert.ts";
import { createTestApp, type TestAgent, type TestApp } from "./helpers/app.ts";
import { dbTest } from "./helpers/db.ts";

const MINUTE = 60_000;

async function scan(t: TestApp, agent: TestAgent, mode = "standard") {
  const answer = await t.request("POST", `/api/agents/${agent.id}/scan`, {
    token: await t.adminToken(),
    body: { mode },
  });
  return answer.body.command_id as string;
}

function poll(t: TestApp, agent: TestAgent) {
  return t.request("GET", `/api/agents/${agent.id}/commands`, {
    token: agent.token,
  });
}

function answerCommand(
  t: TestApp,
  agent: TestAgent,
  commandId: string,
  status: string,
) {
  return t.request(
    "POST",
    `/api/agents/${agent.id}/command/${commandId}/result`,
    { token: agent.token, body: { status, result: { note: status } } },
  );
}

async function commandStatus(t: TestApp, id: string): Promise<string> {
  const answer = await t.request("GET", `/api/commands/${id}`, {
    token: await t.adminToken(),
  });
  return answer.body.status;
}

dbTest(
  "a scan goes from pending to running when fetched to completed",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agent = await t.registerAgent();

    const id = await scan(t, agent, "strict");
    const pending = await commandStatus(t, id);
    const first = await poll(t, agent);
    const running = await commandStatus(t, id);
    const second = await poll(t, agent);
    const result = await answerCommand(t, agent, id, "completed");

    assertEquals(pending, "pending");
    assertEquals(first.body, [{
      id,
      command_type: "scan",
      payload: { mode: "strict" },
      status: "running",
    }]);
    assertEquals(running, "running");
    assertEquals(second.body, []);
    assertEquals(result.body, { status: "ok" });
    assertEquals(await commandStatus(t, id), "completed");
  },
);

dbTest(
  "repeating a result is accepted and a contradicting one answers 409",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agent = await t.registerAgent();
    const id = await scan(t, agent);
    await poll(t, agent);

    await answerCommand(t, agent, id, "failed");
    const repeat = await answerCommand(t, agent, id, "failed");
    const contradict = await answerCommand(t, agent, id, "completed");

    assertEquals(repeat.status, 200);
    assertEquals(contradict.status, 409);
    assertEquals(await commandStatus(t, id), "failed");
  },
);

dbTest(
  "a result for an unknown or another agent's command answers 404",
  async (kind) => {
    await using t = await createTestApp(kind);
    const mine = await t.registerAgent();
    const theirs = await t.registerAgent();
    const theirCommand = await scan(t, theirs);

    const unknown = await answerCommand(
      t,
      mine,
      crypto.randomUUID(),
      "completed",
    );
    const foreign = await answerCommand(t, mine, theirCommand, "completed");
    const badStatus = await answerCommand(t, mine, theirCommand, "done");

    assertEquals(unknown.status, 404);
    assertEquals(foreign.status, 404);
    assertEquals(badStatus.status, 422);
    assertEquals(await commandStatus(t, theirCommand), "pending");
  },
);

dbTest("a command not answered in time expires", async (kind) => {
  await using t = await createTestApp(kind, { CEFLEET_COMMAND_TIMEOUT: "600" });
  const agent = await t.registerAgent();
  const fetched = await scan(t, agent);
  await poll(t, agent);
  const neverFetched = await scan(t, agent);

  t.clock.advance(9 * MINUTE);
  assertEquals(await commandStatus(t, fetched), "running");
  t.clock.advance(2 * MINUTE);
  const late = await answerCommand(t, agent, fetched, "completed");
  const expired = await t.ctx.services.commands.expireOverdue();

  assertEquals(expired, 2);
  assertEquals(late.status, 409);
  assertEquals(await commandStatus(t, fetched), "expired");
  assertEquals(await commandStatus(t, neverFetched), "expired");
  assertEquals((await poll(t, agent)).body, []);
});

dbTest(
  "scanning an unknown agent answers 404 and a pending one 409",
  async (kind) => {
    await using t = await createTestApp(kind, {
      CEFLEET_REGISTRATION: "approval",
    });
    const token = await t.adminToken();
    const pending = await t.request("POST", "/api/agents/register", {
      body: { hostname: "waiting", os: "Linux" },
    });

    const unknown = await t.request(
      "POST",
      `/api/agents/${crypto.randomUUID()}/scan`,
      { token, body: { mode: "standard" } },
    );
    const waiting = await t.request(
      "POST",
      `/api/agents/${pending.body.agent_id}/scan`,
      { token, body: {} },
    );
    const badMode = await t.request(
      "POST",
      `/api/agents/${pending.body.agent_id}/scan`,
      { token, body: { mode: "paranoid" } },
    );

    assertEquals(unknown.status, 404);
    assertEquals(waiting.status, 409);
    assertEquals(waiting.body.error.code, "agent_pending");
    assertEquals(badMode.status, 422);
  },
);

dbTest(
  "a bulk scan skips unknown agents, and offline ones when asked",
  async (kind) => {
    await using t = await createTestApp(kind);
    const stale = await t.registerAgent();
    t.clock.advance(10 * MINUTE);
    const fresh = await t.registerAgent();
    const unknown = crypto.randomUUID();
    const token = await t.adminToken();
    const agentIds = [stale.id, fresh.id, unknown];

    const everyone = await t.request("POST", "/api/agents/scan", {
      token,
      body: { agent_ids: agentIds, mode: "standard" },
    });
    t.clock.advance(1000);
    const onlineOnly = await t.request("POST", "/api/agents/scan", {
      token,
      body: { agent_ids: agentIds, mode: "strict", skip_offline: true },
    });

    assertEquals(everyone.body.agents_count, 2);
    assertEquals(everyone.body.command_ids.length, 2);
    assertEquals(everyone.body.skipped, [{
      agent_id: unknown,
      reason: "not_found",
    }]);
    assertEquals(onlineOnly.body.agents_count, 1);
    assertEquals(onlineOnly.body.skipped, [
      { agent_id: stale.id, reason: "offline" },
      { agent_id: unknown, reason: "not_found" },
    ]);
    const commands = (await poll(t, fresh)).body;
    assertEquals(commands.map((c: { payload: unknown }) => c.payload), [
      { mode: "standard" },
      { mode: "strict" },
    ]);
  },
);

dbTest("the command list filters by agent and status", async (kind) => {
  await using t = await createTestApp(kind);
  const a = await t.registerAgent({ hostname: "alpha" });
  const b = await t.registerAgent();
  await scan(t, a);
  await scan(t, b);
  await poll(t, a);
  const token = await t.adminToken();

  const all = await t.request("GET", "/api/commands", { token });
  const ofA = await t.request("GET", `/api/commands?agent_id=${a.id}`, {
    token,
  });
  const pending = await t.request("GET", "/api/commands?status=pending", {
    token,
  });
  const badStatus = await t.request("GET", "/api/commands?status=odd", {
    token,
  });

  assertEquals(all.body.total, 2);
  assertEquals(ofA.body.commands[0].hostname, "alpha");
  assertEquals(ofA.body.commands[0].status, "running");
  assertEquals(pending.body.total, 1);
  assertEquals(pending.body.commands[0].agent_id, b.id);
  assertEquals(badStatus.status, 422);
});
