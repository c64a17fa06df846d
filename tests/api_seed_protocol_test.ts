/**
 * An agent that knows only the original fleet protocol, speaking plain
 * HTTP to a real controller process.
 */
import { assert, assertEquals } from "./helpers/assert.ts";
import { startController } from "./helpers/controller_process.ts";

const ENROLL_SECRET = "seed-protocol-enroll-secret-0001";
const ADMIN_PASSWORD = "seed-protocol-admin-password";

/** A report exactly as the original single-machine scanner wrote it. */
const ORIGINAL_REPORT = {
  scanner_version: "1.4.2",
  timestamp_utc: "2026-01-15T10:00:00Z",
  compliance_mode: "standard",
  os: { platform: "Linux", version: "Ubuntu 22.04.4 LTS" },
  controls: [
    control("firewalls", "pass", 1),
    control("secure_configuration", "pass", 0.9),
    control("access_control", "warn", 0.6),
    control("malware_protection", "pass", 1),
    control("patch_management", "fail", 0.3),
    control("remote_work_mdm", "warn", 0.5),
  ],
  overall: { status: "fail", score: 0.72 },
};

function control(name: string, status: string, score: number) {
  return {
    name,
    status,
    score,
    findings: [`${name} finding`],
    recommendations: [`${name} recommendation`],
    details: { checked: true },
  };
}

async function call(
  url: string,
  method: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

Deno.test("an agent speaking only the seed protocol registers, scans and reports", async () => {
  const controller = await startController({
    adminPassword: ADMIN_PASSWORD,
    enrollSecret: ENROLL_SECRET,
  });
  try {
    const api = `${controller.url}/api`;

    const registered = await call(`${api}/agents/register`, "POST", undefined, {
      hostname: "seed-host",
      os: "Linux",
      os_version: "Ubuntu 22.04",
      ip: "192.0.2.10",
      metadata: { scanner: "original" },
      enroll_secret: ENROLL_SECRET,
    });
    assertEquals(registered.status, 200);
    const agentId = registered.json.agent_id as string;
    const agentToken = registered.json.agent_token as string;

    const beat = await call(
      `${api}/agents/${agentId}/heartbeat`,
      "POST",
      agentToken,
      { status: "online", metadata: {} },
    );
    assertEquals(beat.status, 200);
    assertEquals(beat.json.status, "ok");

    const idle = await call(
      `${api}/agents/${agentId}/commands`,
      "GET",
      agentToken,
    );
    assertEquals(idle.json, [] as unknown as Record<string, unknown>);

    const login = await call(`${api}/auth/login`, "POST", undefined, {
      username: "admin",
      password: ADMIN_PASSWORD,
    });
    assertEquals(login.status, 200);
    assertEquals(login.json.token_type, "bearer");
    const adminToken = login.json.access_token as string;

    const scan = await call(
      `${api}/agents/${agentId}/scan`,
      "POST",
      adminToken,
      {
        mode: "strict",
      },
    );
    assertEquals(scan.status, 200);
    const commandId = scan.json.command_id as string;

    const polled = await call(
      `${api}/agents/${agentId}/commands`,
      "GET",
      agentToken,
    );
    const commands = polled.json as unknown as Array<Record<string, unknown>>;
    assertEquals(commands.length, 1);
    assertEquals(commands[0].id, commandId);
    assertEquals(commands[0].command_type, "scan");
    assertEquals(commands[0].payload, { mode: "strict" });

    const uploaded = await call(
      `${api}/agents/${agentId}/report`,
      "POST",
      agentToken,
      {
        mode: "standard",
        overall_status: "fail",
        overall_score: 0.72,
        payload: ORIGINAL_REPORT,
      },
    );
    assertEquals(uploaded.status, 200);
    assertEquals(uploaded.json.status, "ok");
    const reportId = uploaded.json.report_id as string;

    const result = await call(
      `${api}/agents/${agentId}/command/${commandId}/result`,
      "POST",
      agentToken,
      { status: "completed", result: { report_id: reportId } },
    );
    assertEquals(result.status, 200);
    assertEquals(result.json, { status: "ok" });

    const reports = await call(
      `${api}/reports?agent_id=${agentId}&skip=0&limit=100`,
      "GET",
      adminToken,
    );
    assertEquals(reports.json.total, 1);
    const [summary] = reports.json.reports as Array<Record<string, unknown>>;
    assertEquals(summary.id, reportId);
    assertEquals(summary.overall_status, "fail");

    const report = await call(`${api}/reports/${reportId}`, "GET", adminToken);
    const payload = report.json.payload as typeof ORIGINAL_REPORT;
    const names = payload.controls.map((c) => c.name);
    assert(names.includes("user_access_control"));
    assert(names.includes("security_update_management"));

    const listed = await call(
      `${api}/commands?agent_id=${agentId}`,
      "GET",
      adminToken,
    );
    const [command] = listed.json.commands as Array<Record<string, unknown>>;
    assertEquals(command.id, commandId);
    assertEquals(command.status, "completed");
    assertEquals(command.result, { report_id: reportId });

    const agent = await call(`${api}/agents/${agentId}`, "GET", adminToken);
    assertEquals(agent.json.latest_status, "fail");
    assertEquals(agent.json.status, "online");
  } finally {
    await controller.stop();
  }
});
