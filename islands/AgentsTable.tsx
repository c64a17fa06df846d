import { useComputed, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { AgentListItem } from "../controller/services/agent_listing.ts";
import { StatusBadge } from "../routes/dashboard/components/StatusBadge.tsx";
import { RelativeTime } from "../routes/dashboard/components/RelativeTime.tsx";
import { poll, requestJson } from "./lib/api.ts";

/** A column heading, with the link that sorts by it when it sorts. */
export interface AgentsTableHeader {
  label: string;
  href?: string;
  sort?: "ascending" | "descending";
}

/** Props of {@linkcode AgentsTable}. */
export interface AgentsTableProps {
  agents: AgentListItem[];
  /** Agents matching the filter across all pages. */
  total: number;
  /** Query string of the filter and sort, without the page. */
  filter: string;
  page: number;
  headers: AgentsTableHeader[];
}

interface BulkScanAnswer {
  agents_count: number;
  skipped: { agent_id: string; reason: string }[];
}

type Notice = { tone: "success" | "error"; text: string };

/** Most agents one bulk scan request may name, as the API allows. */
const BULK_LIMIT = 10_000;

/** Status and last check-in move on their own; refresh them this often. */
const REFRESH_MS = 15_000;

/**
 * The agent list: selection of rows (or of every agent matching the filter),
 * scans in standard or strict mode, approval of pending agents, and states
 * that refresh without a reload.
 */
export default function AgentsTable(props: AgentsTableProps) {
  const rows = useSignal(props.agents);
  // The server-rendered pages below the table count the list as it was
  // when the page loaded; this follows it as agents join or leave.
  const total = useSignal(props.total);
  const selected = useSignal<ReadonlySet<string>>(new Set());
  const allMatching = useSignal(false);
  const busy = useSignal(false);
  const notice = useSignal<Notice | null>(null);

  const pageIds = useComputed(() => rows.value.map((agent) => agent.id));
  const allOnPage = useComputed(() =>
    pageIds.value.length > 0 &&
    pageIds.value.every((id) => selected.value.has(id))
  );
  const count = useComputed(() =>
    allMatching.value ? total.value : selected.value.size
  );

  const refresh = async () => {
    const url = `/agents/rows.json?${props.filter}&page=${props.page}`;
    const page = await requestJson<{ agents: AgentListItem[]; total: number }>(
      "GET",
      url,
    );
    rows.value = page.agents;
    total.value = page.total;
    // Rows that left the page (an approved agent leaving the pending
    // filter) must not stay selected out of sight.
    const shown = new Set(page.agents.map((agent) => agent.id));
    const kept = [...selected.value].filter((id) => shown.has(id));
    if (kept.length !== selected.value.size) selected.value = new Set(kept);
  };

  useEffect(() => poll(refresh, () => REFRESH_MS), []);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected.value);
    if (on) next.add(id);
    else next.delete(id);
    selected.value = next;
    allMatching.value = false;
  };
  const togglePage = (on: boolean) => {
    selected.value = on ? new Set(pageIds.value) : new Set();
    allMatching.value = false;
  };

  /** The chosen agents: the ticked rows, or every agent the filter matches. */
  const targets = async (): Promise<Pick<AgentListItem, "id" | "state">[]> => {
    if (!allMatching.value) {
      return rows.value.filter((agent) => selected.value.has(agent.id));
    }
    const all = await requestJson<{ agents: AgentListItem[] }>(
      "GET",
      `/agents/export.json?${props.filter}`,
    );
    return all.agents;
  };

  const act = (task: () => Promise<string>) => async () => {
    busy.value = true;
    notice.value = null;
    try {
      notice.value = { tone: "success", text: await task() };
    } catch (error) {
      notice.value = { tone: "error", text: (error as Error).message };
    } finally {
      busy.value = false;
    }
  };

  const scan = (mode: "standard" | "strict") =>
    act(async () => {
      const agentIds = (await targets()).map((agent) => agent.id);
      let requested = 0;
      let skipped = 0;
      for (let start = 0; start < agentIds.length; start += BULK_LIMIT) {
        const answer = await requestJson<BulkScanAnswer>(
          "POST",
          "/api/agents/scan",
          { agent_ids: agentIds.slice(start, start + BULK_LIMIT), mode },
        );
        requested += answer.agents_count;
        skipped += answer.skipped.length;
      }
      const skippedText = skipped
        ? `; ${skipped} skipped (pending or unknown)`
        : "";
      return `${capitalise(mode)} scan requested on ${
        plural(requested, "agent")
      }${skippedText}`;
    });

  const approve = act(async () => {
    const pending = (await targets())
      .filter((agent) => agent.state === "pending")
      .map((agent) => agent.id);
    for (const id of pending) {
      await requestJson("POST", `/api/agents/${id}/approve`);
    }
    await refresh();
    return `${plural(pending.length, "agent")} approved`;
  });

  const nothingSelected = count.value === 0 || busy.value;
  return (
    <div class="agents-table">
      <div class="actions" role="group" aria-label="Actions on selected agents">
        <span aria-live="polite" data-testid="selection-count">
          {`${count.value} selected`}
        </span>
        <button
          type="button"
          disabled={nothingSelected}
          onClick={scan("standard")}
        >
          Scan (standard)
        </button>
        <button
          type="button"
          disabled={nothingSelected}
          onClick={scan("strict")}
        >
          Scan (strict)
        </button>
        <button
          type="button"
          class="secondary"
          disabled={nothingSelected}
          onClick={approve}
        >
          Approve
        </button>
      </div>
      {allOnPage.value && total.value > rows.value.length && !allMatching.value
        ? (
          <p class="notice">
            {`All ${rows.value.length} agents on this page are selected. `}
            <button
              type="button"
              class="link-button"
              onClick={() => allMatching.value = true}
            >
              {`Select all ${total.value} agents matching this filter`}
            </button>
          </p>
        )
        : null}
      <div role="status" aria-live="polite">
        {notice.value
          ? <p class={`notice ${notice.value.tone}`}>{notice.value.text}</p>
          : null}
      </div>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select every agent on this page"
                  checked={allOnPage.value}
                  onChange={(event) => togglePage(event.currentTarget.checked)}
                />
              </th>
              {props.headers.map((header) => (
                <th scope="col" key={header.label} aria-sort={header.sort}>
                  {header.href
                    ? (
                      <a class="sort" href={header.href}>
                        {header.label}
                        {header.sort === "ascending"
                          ? " ▲"
                          : header.sort === "descending"
                          ? " ▼"
                          : ""}
                      </a>
                    )
                    : header.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.value.length === 0
              ? (
                <tr>
                  <td colSpan={props.headers.length + 1} class="muted">
                    No agents match this filter.
                  </td>
                </tr>
              )
              : rows.value.map((agent) => (
                <AgentRow
                  key={agent.id}
                  agent={agent}
                  checked={allMatching.value || selected.value.has(agent.id)}
                  onToggle={(on) => toggle(agent.id, on)}
                />
              ))}
          </tbody>
        </table>
      </div>
      {total.value !== props.total
        ? (
          <p class="notice" data-testid="list-changed">
            {`${plural(total.value, "agent")} ${
              total.value === 1 ? "matches" : "match"
            } this filter now. `}
            <a href="">Reload the list</a>
            {" for its current pages."}
          </p>
        )
        : null}
    </div>
  );
}

function AgentRow(
  { agent, checked, onToggle }: {
    agent: AgentListItem;
    checked: boolean;
    onToggle: (on: boolean) => void;
  },
) {
  return (
    <tr data-agent-id={agent.id}>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${agent.hostname}`}
          checked={checked}
          onChange={(event) => onToggle(event.currentTarget.checked)}
        />
      </td>
      <th scope="row">
        <a href={`/agents/${agent.id}`}>{agent.hostname}</a>
      </th>
      <td>
        <StatusBadge status={agent.state} />
      </td>
      <td>
        {agent.os}
        {agent.osVersion
          ? <span class="muted">{` ${agent.osVersion}`}</span>
          : null}
      </td>
      <td>{agent.ip ?? ""}</td>
      <td>
        <StatusBadge status={agent.latestStatus} />
        {agent.latestScore === null ? null : (
          <span class="muted">
            {` ${Math.round(agent.latestScore * 100)}%`}
          </span>
        )}
      </td>
      <td>
        <RelativeTime value={agent.lastSeen} />
      </td>
    </tr>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
