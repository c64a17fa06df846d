import { useComputed, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Agent, Command } from "../shared/api.ts";
import { StatusBadge } from "../routes/dashboard/components/StatusBadge.tsx";
import { RelativeTime } from "../routes/dashboard/components/RelativeTime.tsx";
import { poll, requestJson } from "./lib/api.ts";

/** Props of {@linkcode AgentActivity}. */
export interface AgentActivityProps {
  agentId: string;
  /** Online, offline, inactive or pending when the page was rendered. */
  state: string;
  lastSeen: string | null;
  commands: Command[];
  /** The agent's latest report when the page was rendered. */
  latestReportId: string | null;
  /** Pending agents take no commands, so their page offers no scan. */
  canScan: boolean;
}

/** While a command is open its status changes within seconds. */
const ACTIVE_REFRESH_MS = 2_000;
/** Otherwise only a scan triggered elsewhere changes the list. */
const IDLE_REFRESH_MS = 15_000;
const SHOWN = 10;

/**
 * What an agent is doing, kept current without a reload: whether it is
 * online, its commands and their progress, and the buttons that start a
 * scan. When a scan finishes with a new report, it links to that report.
 */
export default function AgentActivity(props: AgentActivityProps) {
  const state = useSignal(props.state);
  const lastSeen = useSignal(props.lastSeen);
  const commands = useSignal(props.commands);
  const latestReportId = useSignal(props.latestReportId);
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);

  const active = useComputed(() =>
    commands.value.some((command) =>
      command.status === "pending" || command.status === "running"
    )
  );
  const freshReport = useComputed(() =>
    latestReportId.value !== props.latestReportId ? latestReportId.value : null
  );

  const refresh = async () => {
    const base = `/api/commands?agent_id=${props.agentId}`;
    const [list, agent] = await Promise.all([
      requestJson<{ commands: Command[] }>("GET", `${base}&limit=${SHOWN}`),
      requestJson<Agent>("GET", `/api/agents/${props.agentId}`),
    ]);
    commands.value = list.commands;
    latestReportId.value = agent.latest_report_id;
    state.value = agent.approval === "pending" ? "pending" : agent.status;
    lastSeen.value = agent.last_seen;
  };

  useEffect(
    () =>
      poll(refresh, () => active.value ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS),
    [],
  );

  const scan = (mode: "standard" | "strict") => async () => {
    busy.value = true;
    error.value = null;
    try {
      await requestJson("POST", `/api/agents/${props.agentId}/scan`, { mode });
      await refresh();
    } catch (failure) {
      error.value = (failure as Error).message;
    } finally {
      busy.value = false;
    }
  };

  return (
    <div class="agent-activity">
      <p class="actions" data-testid="agent-state">
        <StatusBadge status={state.value} />
        <span>
          {"Last seen "}
          <RelativeTime value={lastSeen.value} />
        </span>
      </p>
      {props.canScan
        ? (
          <div class="actions">
            <button
              type="button"
              disabled={busy.value}
              onClick={scan("standard")}
            >
              Scan now (standard)
            </button>
            <button
              type="button"
              class="secondary"
              disabled={busy.value}
              onClick={scan("strict")}
            >
              Scan now (strict)
            </button>
          </div>
        )
        : <p class="muted">Approve this agent before sending it commands.</p>}
      <div role="status" aria-live="polite">
        {error.value ? <p class="notice error">{error.value}</p> : null}
        {freshReport.value
          ? (
            <p class="notice success">
              {"A new report has arrived. "}
              <a href={`/reports/${freshReport.value}`}>Open the new report</a>
            </p>
          )
          : null}
      </div>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Command</th>
              <th scope="col">Status</th>
              <th scope="col">Sent</th>
              <th scope="col">Updated</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {commands.value.length === 0
              ? (
                <tr>
                  <td colSpan={5} class="muted">No commands sent yet.</td>
                </tr>
              )
              : commands.value.map((command) => (
                <tr key={command.id} data-command-id={command.id}>
                  <td>{describe(command)}</td>
                  <td data-command-status={command.status}>
                    <StatusBadge status={command.status} />
                  </td>
                  <td>
                    <RelativeTime value={command.created_at} />
                  </td>
                  <td>
                    <RelativeTime value={command.updated_at} />
                  </td>
                  <td>
                    <CommandResult command={command} />
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function describe(command: Command): string {
  const mode = command.payload.mode;
  return typeof mode === "string"
    ? `${command.command_type} (${mode})`
    : command.command_type;
}

function CommandResult({ command }: { command: Command }) {
  const result = command.result ?? {};
  if (typeof result.report_id === "string") {
    return <a href={`/reports/${result.report_id}`}>Report</a>;
  }
  const message = result.error ?? result.message;
  if (typeof message === "string") return <span>{message}</span>;
  return <span class="muted">—</span>;
}
