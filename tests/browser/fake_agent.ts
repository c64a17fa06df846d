/**
 * Plays an agent's part over plain HTTP, so dashboard tests can show an
 * agent registering, taking a command and reporting without running the
 * agent program.
 *
 * @module
 */

/** An agent registered with the controller. */
export interface FakeAgent {
  id: string;
  token: string;
  hostname: string;
}

/**
 * Registers a host, with an enrollment secret or, where the controller
 * queues unknown agents for approval, without one (null).
 */
export async function registerAgent(
  controllerUrl: string,
  enrollSecret: string | null,
  host: { hostname: string; os: string; os_version: string; ip: string },
): Promise<FakeAgent> {
  const answer = await call<{ agent_id: string; agent_token: string }>(
    controllerUrl,
    "POST",
    "/api/agents/register",
    {
      body: {
        ...host,
        metadata: { arch: "x86_64" },
        enroll_secret: enrollSecret,
      },
    },
  );
  return { id: answer.agent_id, token: answer.agent_token, ...host };
}

/** Fetches the agent's pending commands, which become running. */
export async function fetchCommands(
  controllerUrl: string,
  agent: FakeAgent,
): Promise<{ id: string; command_type: string; payload: { mode?: string } }[]> {
  return await call<
    { id: string; command_type: string; payload: { mode?: string } }[]
  >(
    controllerUrl,
    "GET",
    `/api/agents/${agent.id}/commands`,
    { token: agent.token },
  );
}

/** Uploads a report with one failing firewall check; returns its id. */
export async function uploadReport(
  controllerUrl: string,
  agent: FakeAgent,
  mode: "standard" | "strict",
): Promise<string> {
  const answer = await call<{ report_id: string }>(
    controllerUrl,
    "POST",
    `/api/agents/${agent.id}/report`,
    { token: agent.token, body: sampleReport(agent.hostname, mode) },
  );
  return answer.report_id;
}

/** Settles a command as completed, pointing at the report it produced. */
export async function completeCommand(
  controllerUrl: string,
  agent: FakeAgent,
  commandId: string,
  reportId: string,
): Promise<void> {
  await call<unknown>(
    controllerUrl,
    "POST",
    `/api/agents/${agent.id}/command/${commandId}/result`,
    {
      token: agent.token,
      body: { status: "completed", result: { report_id: reportId } },
    },
  );
}

/** Title of the failing check in {@linkcode sampleReport}. */
export const FAILING_CHECK_TITLE = "Host firewall blocks inbound by default";

function sampleReport(hostname: string, mode: "standard" | "strict") {
  const timestamp = new Date().toISOString().slice(0, 19) + "Z";
  const control = (name: string, status: string, score: number) => ({
    name,
    status,
    score,
    findings: [],
    recommendations: [],
    details: {},
  });
  return {
    mode,
    overall_status: "fail",
    overall_score: 0.8,
    payload: {
      report_id: crypto.randomUUID(),
      scanner_version: "test",
      timestamp_utc: timestamp,
      compliance_mode: mode,
      os: { platform: "Linux", version: "Debian 12" },
      host: { hostname, kernel: "6.1.0" },
      controls: [
        control("firewalls", "fail", 0),
        control("secure_configuration", "pass", 1),
        control("security_update_management", "pass", 1),
        control("user_access_control", "pass", 1),
        control("malware_protection", "warn", 0.5),
      ],
      checks: [
        {
          id: "firewalls.inbound_default_deny",
          control: "firewalls",
          title: FAILING_CHECK_TITLE,
          status: "fail",
          severity: "high",
          requirement: "Inbound connections are blocked by default",
          expected: "Default inbound policy drop or reject",
          actual: "Default inbound policy accept",
          evidence: ["nft list ruleset: policy accept"],
          remediation: "Set the input chain's policy to drop",
        },
        {
          id: "secure_configuration.guest_disabled",
          control: "secure_configuration",
          title: "Guest account is disabled",
          status: "pass",
          severity: "medium",
          requirement: "Unneeded accounts are disabled",
          expected: "No enabled guest account",
          actual: "No guest account",
          evidence: [],
          remediation: "",
        },
      ],
      overall: { status: "fail", score: 0.8 },
    },
  };
}

/** One API call; the answer's shape is the caller's to state and test. */
async function call<T>(
  controllerUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown },
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(new URL(path, controllerUrl), {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return JSON.parse(text);
}
