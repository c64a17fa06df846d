/**
 * `status`: what an operator asks first. Registered? Controller reachable?
 * When did the agent last check in and scan? How much is queued?
 *
 * @module
 */
import { ControllerClient, ControllerError } from "../client.ts";
import { loadConfig } from "../config.ts";
import type { AgentContext } from "./context.ts";
import { readCaCert, reason } from "./context.ts";

/** Help of the `status` command. */
export const STATUS_HELP = `Usage: cefleet-agent status [--json]

Shows the registration, whether the controller answers, the last heartbeat,
the last scan and its result, and how many reports wait in the queue.

Options:
  --json   print the same facts as JSON`;

/** Everything `status` reports. */
export interface AgentStatus {
  registered: boolean;
  agent_id: string | null;
  controller_url: string | null;
  approval: string | null;
  /** The controller's reason when it last refused the token for good. */
  token_refused: string | null;
  token_store: string;
  token_stored: boolean;
  controller_reachable: boolean | null;
  controller_error: string | null;
  last_heartbeat_at: string | null;
  last_upload_at: string | null;
  last_scan: {
    at: string;
    status: string;
    score: number;
    mode: string;
    trigger: string;
    report_id: string;
  } | null;
  queued_reports: number;
}

/** Gathers the agent's status; contacts the controller's health check. */
export async function agentStatus(context: AgentContext): Promise<AgentStatus> {
  const config = await loadConfig(context.paths.configFile);
  const state = await context.state.get();
  const tokenStored = await context.store.get().then(Boolean, () => false);
  const reachability = config
    ? await checkReachable(context, config.controller_url, config.ca_cert)
    : { reachable: null, error: null };

  return {
    registered: Boolean(config?.agent_id && tokenStored),
    agent_id: config?.agent_id ?? null,
    controller_url: config?.controller_url ?? null,
    approval: state.approval ?? null,
    token_refused: state.token_refused ?? null,
    token_store: `${context.store.kind} (${context.store.location})`,
    token_stored: tokenStored,
    controller_reachable: reachability.reachable,
    controller_error: reachability.error,
    last_heartbeat_at: state.last_heartbeat_at ?? null,
    last_upload_at: state.last_upload_at ?? null,
    last_scan: state.last_scan ?? null,
    queued_reports: await context.queue(config).size(),
  };
}

async function checkReachable(
  context: AgentContext,
  url: string,
  caCert: string | undefined,
): Promise<{ reachable: boolean; error: string | null }> {
  try {
    const pem = context.globals.caCert ?? caCert;
    const client = new ControllerClient({
      baseUrl: url,
      caCertPem: pem ? await readCaCert(pem) : undefined,
      timeoutMs: 5_000,
    });
    try {
      await client.health();
    } finally {
      client.close();
    }
    return { reachable: true, error: null };
  } catch (error) {
    const why = error instanceof ControllerError ? error.reason : reason(error);
    return { reachable: false, error: why };
  }
}

function registration(status: AgentStatus): string {
  if (!status.registered) return "not registered";
  if (status.token_refused) {
    return `agent ${status.agent_id}, refused by the controller ` +
      `(${status.token_refused}); run register again`;
  }
  return `agent ${status.agent_id} (${status.approval ?? "approval unknown"})`;
}

/** The status as lines for a terminal. */
export function formatStatus(status: AgentStatus): string[] {
  const scan = status.last_scan;
  return [
    `Registration:    ${registration(status)}`,
    `Controller:      ${status.controller_url ?? "none configured"}${
      status.controller_reachable === null
        ? ""
        : status.controller_reachable
        ? ", reachable"
        : `, unreachable: ${status.controller_error}`
    }`,
    `Token store:     ${status.token_store}, ${
      status.token_stored ? "token present" : "no token"
    }`,
    `Last heartbeat:  ${status.last_heartbeat_at ?? "never"}`,
    `Last scan:       ${
      scan
        ? `${scan.at} ${scan.status} (score ${scan.score.toFixed(2)}, ` +
          `${scan.mode}, by ${scan.trigger}, report ${scan.report_id})`
        : "never"
    }`,
    `Last upload:     ${status.last_upload_at ?? "never"}`,
    `Queued reports:  ${status.queued_reports}`,
  ];
}
