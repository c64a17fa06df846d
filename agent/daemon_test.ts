import assert from "node:assert/strict";
import { FakeClock } from "./clock.ts";
import { defaultConfig } from "./config.ts";
import { Daemon, type DaemonDeps } from "./daemon.ts";
import { EXIT } from "./errors.ts";
import { Logger } from "./log.ts";
import { ReportQueue } from "./queue.ts";
import { StateStore } from "./state.ts";
import { toUpload } from "./reports.ts";
import { FakeController, fakeReport } from "./testdata/fake_controller.ts";

const AGENT_ID = "00000000-0000-4000-8000-000000000001";
const COMMAND_ID = "00000000-0000-4000-8000-0000000000c1";

interface Harness {
  api: FakeController;
  clock: FakeClock;
  deps: DaemonDeps;
  scans: string[];
  lines: string[];
  dir: string;
}

async function harness(overrides: Partial<DaemonDeps> = {}): Promise<Harness> {
  const dir = await Deno.makeTempDir();
  const api = new FakeController();
  const clock = new FakeClock(new Date(2026, 2, 10, 9, 0));
  const lines: string[] = [];
  const logger = new Logger({ console: (line) => lines.push(line) });
  const scans: string[] = [];
  const deps: DaemonDeps = {
    api,
    clock,
    logger,
    config: { ...defaultConfig("https://ce.test"), scan_time: "off" },
    identity: { agentId: AGENT_ID, token: "token-one" },
    state: new StateStore(`${dir}/state.json`),
    queue: new ReportQueue({ dir: `${dir}/queue`, maxReports: 10, logger }),
    random: () => 0.5,
    scan: (mode) => {
      scans.push(mode);
      return Promise.resolve(fakeReport(mode));
    },
    ...overrides,
  };
  return { api, clock, deps, scans, lines, dir };
}

/** Runs the daemon on fake time until `done` holds, then stops it. */
async function runUntil(
  h: Harness,
  done: () => boolean | Promise<boolean>,
  daemon = new Daemon(h.deps),
): Promise<number> {
  const stop = new AbortController();
  const running = daemon.run(stop.signal);
  let finished = false;
  running.finally(() => finished = true);

  for (let step = 0; step < 2000 && !finished; step++) {
    if (await done()) break;
    // Lets real file I/O complete before fake time moves on.
    await new Promise((resolve) => setTimeout(resolve, 1));
    const wake = h.clock.nextWake();
    if (wake !== undefined) h.clock.advance(wake - h.clock.now());
  }
  stop.abort();
  return await running;
}

Deno.test("Daemon runs a scan command, uploads the report, then answers", async () => {
  const h = await harness();
  h.api.pending = [{
    id: COMMAND_ID,
    command_type: "scan",
    payload: { mode: "strict" },
    status: "running",
  }];

  await runUntil(h, () => h.api.of("result").length > 0);

  const [upload] = h.api.of("upload");
  const [result] = h.api.of("result");
  assert.deepEqual(h.scans, ["strict"]);
  assert.equal(result.body.status, "completed");
  assert.equal(result.body.result?.report_id, upload.reportId);
  assert.ok(h.api.events.indexOf(upload) < h.api.events.indexOf(result));
});

Deno.test("Daemon answers update and unknown commands failed with a reason", async () => {
  const h = await harness();
  h.api.pending = [
    { id: COMMAND_ID, command_type: "update", payload: {}, status: "running" },
    {
      id: "00000000-0000-4000-8000-0000000000c2",
      command_type: "reboot",
      payload: {},
      status: "running",
    },
  ];

  await runUntil(h, () => h.api.of("result").length === 2);

  const [update, unknown] = h.api.of("result").map((r) => r.body);
  assert.equal(update.status, "failed");
  assert.match(String(update.result?.reason), /does not update itself/);
  assert.equal(unknown.status, "failed");
  assert.equal(unknown.result?.reason, 'Unknown command type "reboot"');
  assert.deepEqual(h.scans, []);
});

Deno.test("Daemon never runs a command twice after a restart", async () => {
  const h = await harness();
  await h.deps.state.journal({
    id: COMMAND_ID,
    command_type: "scan",
    phase: "running",
    at: new Date(0).toISOString(),
  });
  h.api.pending = [{
    id: COMMAND_ID,
    command_type: "scan",
    payload: { mode: "standard" },
    status: "running",
  }];

  await runUntil(h, () => h.api.of("result").length > 0);

  assert.deepEqual(h.scans, []);
  assert.equal(h.api.of("result")[0].body.status, "failed");
  assert.match(String(h.api.of("result")[0].body.result?.reason), /restarted/);
});

Deno.test("Daemon keeps a report queued while the controller is down, then uploads it once", async () => {
  const h = await harness();
  h.api.pending = [{
    id: COMMAND_ID,
    command_type: "scan",
    payload: { mode: "standard" },
    status: "running",
  }];
  const daemon = new Daemon(h.deps);

  // The command arrives, then the controller goes away before the upload.
  const realUpload = h.api.uploadReport.bind(h.api);
  h.api.uploadReport = (...args) => {
    h.api.down = true;
    h.api.uploadReport = realUpload;
    return realUpload(...args);
  };
  await runUntil(
    h,
    async () => h.scans.length === 1 && await h.deps.queue.size() === 1,
    daemon,
  );
  assert.equal(h.api.of("upload").length, 0);

  h.api.down = false;
  await runUntil(h, () => h.api.of("result").length > 0, daemon);

  assert.equal(h.api.of("upload").length, 1);
  assert.equal(await h.deps.queue.size(), 0);
  assert.equal(h.api.of("result")[0].body.status, "completed");
});

Deno.test("Daemon uploads reports left in its queue by an earlier run", async () => {
  const h = await harness();
  const report = fakeReport();
  await h.deps.queue.enqueue({
    mode: "standard",
    overall_status: "pass",
    overall_score: 1,
    payload: report,
  });

  await runUntil(h, () => h.api.of("upload").length > 0);

  assert.deepEqual(h.api.of("upload").map((u) => u.reportId), [
    report.report_id,
  ]);
  assert.equal(await h.deps.queue.size(), 0);
});

Deno.test("Daemon stops with a clear line when its token is revoked", async () => {
  const h = await harness();
  h.api.refuseToken = "token-one";

  const code = await runUntil(h, () => false);

  assert.equal(code, EXIT.reregister);
  assert.ok(
    h.lines.some((l) =>
      l.includes("refused this agent's token (token_revoked)")
    ),
  );
});

Deno.test("Daemon leaves the refusal in its state for status, and a heartbeat clears it", async () => {
  const refused = await harness();
  refused.api.refuseToken = "token-one";
  await runUntil(refused, () => false);
  assert.equal((await refused.deps.state.get()).token_refused, "token_revoked");

  const working = await harness();
  await working.deps.state.update((s) => {
    s.token_refused = "token_revoked";
  });
  await runUntil(working, () => working.api.of("heartbeat").length > 0);
  const state = await new StateStore(`${working.dir}/state.json`).get();
  assert.equal(state.token_refused, undefined);
});

Deno.test("Daemon registers again when its token is revoked and a secret is set", async () => {
  const h = await harness({
    reenroll: () =>
      Promise.resolve({
        agentId: "00000000-0000-4000-8000-000000000002",
        token: "token-two",
      }),
  });
  h.api.refuseToken = "token-one";

  await runUntil(h, () => h.api.of("heartbeat").length > 0);

  assert.equal(
    h.api.of("heartbeat")[0].agentId,
    "00000000-0000-4000-8000-000000000002",
  );
  assert.equal(h.api.token, "token-two");
});

Deno.test("Daemon sends about one heartbeat a minute", async () => {
  const h = await harness();
  const start = h.clock.now();

  await runUntil(h, () => h.clock.now() - start >= 10 * 60_000);

  const beats = h.api.of("heartbeat").length;
  assert.ok(beats >= 10 && beats <= 12, `${beats} heartbeats in 10 minutes`);
});

Deno.test("Daemon runs a missed daily scan soon after start", async () => {
  const h = await harness();
  h.deps.config = { ...h.deps.config, scan_time: "02:00" };
  await h.deps.state.update((s) => {
    s.last_scheduled_scan_at = new Date(2026, 2, 8, 2, 30).toISOString();
  });
  const start = h.clock.now();

  await runUntil(h, () => h.api.of("upload").length > 0);

  assert.deepEqual(h.scans, ["standard"]);
  assert.ok(h.clock.now() - start <= 10 * 60_000);
  const state = await h.deps.state.get();
  assert.equal(state.last_scan?.trigger, "schedule");
});

Deno.test("Daemon waits for the next 02:00 when today's scan already ran", async () => {
  const h = await harness();
  h.deps.config = {
    ...h.deps.config,
    scan_time: "02:00",
    heartbeat_interval_s: 86_400,
    poll_interval_s: 86_400,
  };
  await h.deps.state.update((s) => {
    s.last_scheduled_scan_at = new Date(2026, 2, 10, 2, 30).toISOString();
  });

  await runUntil(h, () => h.scans.length > 0);

  const ranAt = new Date(h.clock.now());
  assert.equal(ranAt.getDate(), 11);
  assert.ok(ranAt.getHours() >= 2 && ranAt.getHours() < 4);
});

Deno.test("Daemon registers again when a heartbeat answer asks it to", async () => {
  const h = await harness({
    reenroll: () =>
      Promise.resolve({
        agentId: "00000000-0000-4000-8000-000000000003",
        token: "token-three",
      }),
  });
  h.api.askReenroll = true;

  await runUntil(h, () => h.api.of("heartbeat").length >= 2);

  assert.equal(h.api.token, "token-three");
  assert.equal(
    h.api.of("heartbeat")[1].agentId,
    "00000000-0000-4000-8000-000000000003",
  );
});

Deno.test("Daemon polls no commands until an admin approves it", async () => {
  const h = await harness();
  h.api.approval = "pending";
  h.api.pending = [{
    id: COMMAND_ID,
    command_type: "scan",
    payload: { mode: "standard" },
    status: "pending",
  }];
  const daemon = new Daemon(h.deps);

  await runUntil(h, () => h.api.of("heartbeat").length >= 3, daemon);
  assert.deepEqual(h.scans, []);
  assert.ok(h.lines.some((l) => l.includes("Waiting for an admin")));

  h.api.approval = "approved";
  await runUntil(h, () => h.api.of("result").length > 0, daemon);
  assert.deepEqual(h.scans, ["standard"]);
});

Deno.test("Daemon uploads as soon as a heartbeat finds the controller back", async () => {
  const h = await harness();
  await h.deps.queue.enqueue(toUpload(fakeReport()));
  h.api.down = true;
  const daemon = new Daemon(h.deps);
  const start = h.clock.now();

  // A long outage lets the upload backoff grow to many minutes.
  await runUntil(h, () => h.clock.now() - start >= 30 * 60_000, daemon);
  h.api.down = false;
  const back = h.clock.now();
  await runUntil(h, () => h.api.of("upload").length > 0, daemon);

  assert.ok(h.clock.now() - back <= 66_000, "uploaded within a heartbeat");
});
