/**
 * The agent as a real process, with its shipped permission flags, against
 * a real controller on loopback.
 */
import assert from "node:assert/strict";
import { type AdminApi, eventually, signInAdmin } from "./helpers/admin_api.ts";
import {
  type AgentRun,
  editConfig,
  filesUnder,
  runAgent,
  startAgent,
} from "./helpers/agent_process.ts";
import { startController } from "./helpers/controller_process.ts";

const ADMIN_PASSWORD = "agent-e2e-admin-password";
const ENROLL_SECRET = "agent-e2e-enroll-secret-0001";

/** Settings that make a test agent check in every second, with no schedule. */
const FAST = { heartbeat_interval_s: 1, poll_interval_s: 1, scan_time: "off" };

async function newStateDir(secret = ENROLL_SECRET): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "cefleet-agent-" });
  // Kept inside the state directory: the shipped agent may read no other.
  await Deno.writeTextFile(`${dir}/enroll-secret`, secret);
  return dir;
}

async function register(stateDir: string, url: string, extra: string[] = []) {
  return await runAgent([
    "register",
    "--controller",
    url,
    "--enroll-secret-file",
    `${stateDir}/enroll-secret`,
    ...extra,
  ], { stateDir, controllerUrl: url });
}

function assertOneLineFailure(run: AgentRun, pattern: RegExp) {
  assert.notEqual(run.code, 0, "the agent should fail");
  const lines = run.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `one line expected:\n${run.stderr}`);
  assert.match(lines[0], /^cefleet-agent: /);
  assert.match(lines[0], pattern);
}

async function agentIdOf(stateDir: string): Promise<string> {
  const config = JSON.parse(await Deno.readTextFile(`${stateDir}/config.json`));
  return config.agent_id;
}

async function reportIdsOf(admin: AdminApi, agentId: string) {
  const list = await admin.get(`/api/reports?agent_id=${agentId}&limit=100`);
  return (list.reports as { id: string }[]).map((r) => r.id);
}

Deno.test("agent registers, runs an admin's scan command and reports within seconds", async () => {
  const controller = await startController({
    adminPassword: ADMIN_PASSWORD,
    enrollSecret: ENROLL_SECRET,
  });
  const stateDir = await newStateDir();
  const agent = { stateDir, controllerUrl: controller.url };
  try {
    const registered = await register(stateDir, controller.url);
    assert.equal(registered.code, 0, registered.stderr);
    assert.match(
      registered.stdout,
      /^Registered with http:\/\/127\.0\.0\.1:\d+ as agent [0-9a-f-]{36}\. Token stored in /,
    );
    const agentId = await agentIdOf(stateDir);

    const again = await register(stateDir, controller.url);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /^Already registered .* nothing changed/);
    assert.equal(await agentIdOf(stateDir), agentId);

    await editConfig(stateDir, FAST);
    const daemon = startAgent(agent);
    await daemon.waitFor(/Agent started/);
    const twin = await runAgent(["run"], agent);
    assertOneLineFailure(twin, /Another cefleet agent is running/);

    const admin = await signInAdmin(controller.url, ADMIN_PASSWORD);
    const { command_id } = await admin.post(`/api/agents/${agentId}/scan`, {
      mode: "strict",
    });
    const command = await eventually(async () => {
      const c = await admin.get(`/api/commands/${command_id}`);
      return c.status === "completed" || c.status === "failed" ? c : undefined;
    }, "the scan command to finish");

    assert.equal(command.status, "completed", JSON.stringify(command.result));
    const result = command.result as Record<string, unknown>;
    const report = await admin.get(`/api/reports/${result.report_id}`);
    assert.equal(report.agent_id, agentId);
    assert.equal(report.mode, "strict");

    const status = await runAgent(["status", "--json"], agent);
    const facts = JSON.parse(status.stdout);
    assert.equal(facts.registered, true);
    assert.equal(facts.controller_reachable, true);
    assert.equal(facts.last_scan.report_id, result.report_id);
    assert.equal(facts.queued_reports, 0);
    assert.notEqual(facts.last_heartbeat_at, null);

    assert.equal(await daemon.stop(), 0);
    const token = (await Deno.readTextFile(`${stateDir}/agent-token`)).trim();
    await assertSecretsAbsent(stateDir, [token, ENROLL_SECRET], [
      registered,
      again,
      status,
      { code: 0, stdout: daemon.output(), stderr: "" },
    ]);

    const forgotten = await runAgent(["unregister"], agent);
    assert.equal(forgotten.code, 0, forgotten.stderr);
    assert.match(
      forgotten.stdout,
      new RegExp(`^Unregistered agent ${agentId}`),
    );
    await assert.rejects(
      Deno.stat(`${stateDir}/agent-token`),
      Deno.errors.NotFound,
    );
    const after = JSON.parse(
      (await runAgent(["status", "--json"], agent)).stdout,
    );
    assert.equal(after.registered, false);
  } finally {
    await controller.stop();
    await Deno.remove(stateDir, { recursive: true });
  }
});

/** Neither the token nor the secret may appear in logs, config or output. */
async function assertSecretsAbsent(
  stateDir: string,
  secrets: string[],
  runs: AgentRun[],
) {
  const logs = await filesUnder(`${stateDir}/logs`);
  assert.ok(logs.length > 0, "the agent should have written log files");
  const texts = [
    ...await Promise.all(logs.map((path) => Deno.readTextFile(path))),
    await Deno.readTextFile(`${stateDir}/config.json`),
    ...runs.flatMap((run) => [run.stdout, run.stderr]),
  ];
  for (const secret of secrets) {
    assert.ok(secret.length > 10);
    for (const text of texts) assert.equal(text.includes(secret), false);
  }
}

Deno.test("agent keeps reports through a controller outage and a restart, each stored once", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "cefleet-controller-" });
  const options = {
    dataDir,
    adminPassword: ADMIN_PASSWORD,
    enrollSecret: ENROLL_SECRET,
  };
  let controller = await startController(options);
  const url = controller.url;
  const restartController = async () => {
    controller = await startController({
      ...options,
      env: { PORT: new URL(url).port },
    });
  };
  const stateDir = await newStateDir();
  const agent = { stateDir, controllerUrl: url };
  try {
    assert.equal((await register(stateDir, url)).code, 0);
    const agentId = await agentIdOf(stateDir);
    await editConfig(stateDir, FAST);
    const first = startAgent(agent);
    await first.waitFor(/Agent started/);

    // The controller goes away; a report is made and must wait on disk.
    await controller.stop();
    const outage = await runAgent(
      ["scan", "--upload", "--format", "json"],
      agent,
    );
    const reportOne = JSON.parse(outage.stdout).report_id;
    assert.match(
      outage.stderr,
      /queued; the agent uploads it when the controller answers/,
    );
    assert.equal((await filesUnder(`${stateDir}/queue`)).length, 1);

    // Back again: the running agent retries and delivers it.
    await restartController();
    await first.waitFor(/Report uploaded report_id=/, 60_000);
    const admin = await signIn(url);
    assert.deepEqual(await reportIdsOf(admin, agentId), [reportOne]);

    // Down again; a second report is queued and the agent is stopped.
    await controller.stop();
    const queued = await runAgent(
      ["scan", "--upload", "--format", "json"],
      agent,
    );
    const reportTwo = JSON.parse(queued.stdout).report_id;
    assert.equal(await first.stop(), 0);
    // The first report comes back too, as a lost acknowledgement would
    // leave it, to prove a repeated upload is stored once.
    await requeueCopy(stateDir, queued.stdout, reportOne);

    await restartController();
    const second = startAgent(agent);
    await eventually(
      async () =>
        (await filesUnder(`${stateDir}/queue`)).length === 0 || undefined,
      "the queue to empty",
    );
    const admin2 = await signIn(url);
    const ids = await reportIdsOf(admin2, agentId);
    assert.deepEqual(ids.toSorted(), [reportOne, reportTwo].toSorted());
    assert.equal(await second.stop(), 0);
  } finally {
    await controller.stop();
    await Deno.remove(dataDir, { recursive: true });
    await Deno.remove(stateDir, { recursive: true });
  }
});

/** Signs in whether or not the one-time password was changed already. */
function signIn(url: string): Promise<AdminApi> {
  return signInAdmin(url, ADMIN_PASSWORD).catch(() =>
    signInAdmin(url, `${ADMIN_PASSWORD}-changed`)
  );
}

/** Puts a copy of an already delivered report back in the queue. */
async function requeueCopy(
  stateDir: string,
  reportJson: string,
  reportId: string,
) {
  const report = { ...JSON.parse(reportJson), report_id: reportId };
  const upload = {
    mode: report.compliance_mode,
    overall_status: report.overall.status,
    overall_score: report.overall.score,
    payload: report,
  };
  await Deno.writeTextFile(
    `${stateDir}/queue/000000000000001-${reportId}.json`,
    JSON.stringify(upload),
  );
}

Deno.test("agent ends each connection failure with one clear line and a non-zero exit", async (t) => {
  const controller = await startController({
    adminPassword: ADMIN_PASSWORD,
    enrollSecret: ENROLL_SECRET,
  });
  const stateDir = await newStateDir();
  try {
    await t.step("nothing listening at the controller URL", async () => {
      const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const closed = `http://127.0.0.1:${listener.addr.port}`;
      listener.close();
      const run = await register(stateDir, closed);
      assertOneLineFailure(
        run,
        /Cannot reach the controller at http:\/\/127\.0\.0\.1:\d+: /,
      );
    });

    await t.step("a URL that is no cefleet controller", async () => {
      const run = await register(stateDir, `${controller.url}/not-here`);
      assertOneLineFailure(run, /No cefleet controller answers at /);
    });

    await t.step("a refused enrollment secret", async () => {
      const wrong = await newStateDir("not-the-secret-000000");
      const run = await register(wrong, controller.url);
      await Deno.remove(wrong, { recursive: true });
      assertOneLineFailure(run, /refused the enrollment secret/);
    });

    await t.step("a state directory outside the agent's folders", async () => {
      const outside = await Deno.makeTempDir({ prefix: "cefleet-outside-" });
      const run = await runAgent(["register", "--controller", controller.url], {
        stateDir: outside,
        grantedDir: stateDir,
        controllerUrl: controller.url,
      });
      await Deno.remove(outside, { recursive: true });
      assertOneLineFailure(
        run,
        /State directory ".*" is outside the folders this build of the agent may use/,
      );
    });

    await t.step("a revoked token stops the daemon", async () => {
      assert.equal((await register(stateDir, controller.url)).code, 0);
      await editConfig(stateDir, FAST);

      // The same machine registered again elsewhere: the old token is revoked.
      const twin = await Deno.makeTempDir({ prefix: "cefleet-agent-" });
      await Deno.copyFile(`${stateDir}/config.json`, `${twin}/config.json`);
      await Deno.copyFile(`${stateDir}/enroll-secret`, `${twin}/enroll-secret`);
      const again = await register(twin, controller.url, ["--force"]);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(await agentIdOf(twin), await agentIdOf(stateDir));
      await Deno.remove(twin, { recursive: true });

      // Without a secret it could use, the agent must stop, not retry.
      await editConfig(stateDir, { enroll_secret_file: undefined });
      const daemon = startAgent({ stateDir, controllerUrl: controller.url });
      const code = await daemon.exited;
      assert.equal(code, 4);
      assert.match(
        daemon.output(),
        /refused this agent's token \(token_revoked\)/,
      );
      assert.doesNotMatch(daemon.output(), /^\s+at /m);
    });
  } finally {
    await controller.stop();
    await Deno.remove(stateDir, { recursive: true });
  }
});

Deno.test("agent re-registers on its own when its token is revoked and it has a secret", async () => {
  const controller = await startController({
    adminPassword: ADMIN_PASSWORD,
    enrollSecret: ENROLL_SECRET,
  });
  const stateDir = await newStateDir();
  try {
    assert.equal((await register(stateDir, controller.url)).code, 0);
    await editConfig(stateDir, FAST);
    const oldToken = await Deno.readTextFile(`${stateDir}/agent-token`);

    const twin = await Deno.makeTempDir({ prefix: "cefleet-agent-" });
    await Deno.copyFile(`${stateDir}/config.json`, `${twin}/config.json`);
    await Deno.copyFile(`${stateDir}/enroll-secret`, `${twin}/enroll-secret`);
    assert.equal((await register(twin, controller.url, ["--force"])).code, 0);
    await Deno.remove(twin, { recursive: true });

    const daemon = startAgent({ stateDir, controllerUrl: controller.url });
    await daemon.waitFor(/Agent registered again/);
    assert.notEqual(
      await Deno.readTextFile(`${stateDir}/agent-token`),
      oldToken,
    );
    assert.equal(await daemon.stop(), 0);
  } finally {
    await controller.stop();
    await Deno.remove(stateDir, { recursive: true });
  }
});

Deno.test("agent whose record was deleted stops, status says so, and register works again", async () => {
  const controller = await startController({
    adminPassword: ADMIN_PASSWORD,
    enrollSecret: ENROLL_SECRET,
  });
  const stateDir = await newStateDir();
  const agent = { stateDir, controllerUrl: controller.url };
  // A secret on the command line is not remembered, so the daemon cannot
  // register again by itself.
  const registerArgs = [
    "register",
    "--controller",
    controller.url,
    "--enroll-secret",
    ENROLL_SECRET,
  ];
  try {
    assert.equal((await runAgent(registerArgs, agent)).code, 0);
    await editConfig(stateDir, FAST);
    const agentId = await agentIdOf(stateDir);
    const admin = await signInAdmin(controller.url, ADMIN_PASSWORD);
    await admin.delete(`/api/agents/${agentId}`);

    const daemon = startAgent(agent);
    assert.equal(await daemon.exited, 4);
    const status = await runAgent(["status", "--json"], agent);
    assert.equal(JSON.parse(status.stdout).token_refused, "agent_deleted");

    const again = await runAgent(registerArgs, agent);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^Registered with /);
    assert.notEqual(await agentIdOf(stateDir), agentId);
    const after = await runAgent(["status", "--json"], agent);
    assert.equal(JSON.parse(after.stdout).token_refused, null);
  } finally {
    await controller.stop();
    await Deno.remove(stateDir, { recursive: true });
  }
});

Deno.test("agent registered without a secret waits for approval, then takes commands", async () => {
  const controller = await startController({
    adminPassword: ADMIN_PASSWORD,
    env: { CEFLEET_REGISTRATION: "approval" },
  });
  const stateDir = await Deno.makeTempDir({ prefix: "cefleet-agent-" });
  const agent = { stateDir, controllerUrl: controller.url };
  try {
    const registered = await runAgent(
      ["register", "--controller", controller.url],
      agent,
    );
    assert.equal(registered.code, 0, registered.stderr);
    assert.match(registered.stdout, /it waits for an admin to approve it/);
    const agentId = await agentIdOf(stateDir);

    await editConfig(stateDir, FAST);
    const daemon = startAgent(agent);
    await daemon.waitFor(/Waiting for an admin to approve this agent/);

    const admin = await signIn(controller.url);
    await admin.post(`/api/agents/${agentId}/approve`, {});
    await daemon.waitFor(/Agent approved/);
    const { command_id } = await admin.post(`/api/agents/${agentId}/scan`, {
      mode: "standard",
    });
    const command = await eventually(async () => {
      const c = await admin.get(`/api/commands/${command_id}`);
      return c.status === "completed" ? c : undefined;
    }, "the scan command to complete");

    console.log(daemon.output());
    assert.equal((command.result as { mode: string }).mode, "standard");
    assert.equal(await daemon.stop(), 0);
  } finally {
    await controller.stop();
    await Deno.remove(stateDir, { recursive: true });
  }
});

Deno.test("agent started unregistered registers itself from the environment", async () => {
  const controller = await startController({ enrollSecret: ENROLL_SECRET });
  const stateDir = await Deno.makeTempDir({ prefix: "cefleet-agent-" });
  try {
    const daemon = startAgent({
      stateDir,
      controllerUrl: controller.url,
      env: {
        CEFLEET_CONTROLLER_URL: controller.url,
        CEFLEET_ENROLL_SECRET: ENROLL_SECRET,
      },
    });
    await daemon.waitFor(/Agent started/);

    assert.match(
      daemon.output(),
      /Registered with http:\/\/127\.0\.0\.1:\d+ as agent /,
    );
    assert.match(await agentIdOf(stateDir), /^[0-9a-f-]{36}$/);
    assert.equal(await daemon.stop(), 0);
  } finally {
    await controller.stop();
    await Deno.remove(stateDir, { recursive: true });
  }
});
