/**
 * An agent's status from its last check-in: online under 5 minutes,
 * offline under 30 days, inactive after that. The rule is written once,
 * as two cut-off instants; one agent's status and the SQL that filters or
 * counts many agents both compare against them, so they cannot disagree.
 *
 * @module
 */
import { AGENT_STATUS_FILTERS, type AgentStatus } from "../../shared/api.ts";
import type { Params } from "./rows.ts";

/** Check-ins younger than this keep an agent online. */
export const ONLINE_MS = 5 * 60 * 1000;
/** Agents silent for longer than this are inactive. */
export const INACTIVE_MS = 30 * 24 * 60 * 60 * 1000;

/** What lists call an agent's state: its status, or pending approval. */
export const AGENT_STATES = AGENT_STATUS_FILTERS;
/** An agent's status, or `pending` while it awaits approval. */
export type AgentState = typeof AGENT_STATES[number];

/** The instants that split last check-ins into statuses. */
export interface StatusCutoffs {
  /** Check-ins after this instant are online. */
  online: Date;
  /** Check-ins at or before this instant are inactive. */
  inactive: Date;
}

/** The status cut-offs as of `now`. */
export function statusCutoffs(now: Date): StatusCutoffs {
  return {
    online: new Date(now.getTime() - ONLINE_MS),
    inactive: new Date(now.getTime() - INACTIVE_MS),
  };
}

/** The status of an agent last seen at `lastSeen`, as of `now`. */
export function agentStatus(lastSeen: Date | null, now: Date): AgentStatus {
  const cutoffs = statusCutoffs(now);
  if (!lastSeen || lastSeen <= cutoffs.inactive) return "inactive";
  if (lastSeen > cutoffs.online) return "online";
  return "offline";
}

/**
 * SQL that holds for the agents (table alias `table`) in `state` at `now`,
 * with the cut-offs bound through `params`. It compares plain columns, so
 * PostgreSQL can use the `last_seen` and approval indexes.
 */
export function agentStateSql(
  state: AgentState,
  now: Date,
  params: Params,
  table = "agents",
): string {
  const approved = `${table}.approval = 'approved'`;
  if (state === "pending") return `${table}.approval = 'pending'`;

  const cutoffs = statusCutoffs(now);
  const at = (instant: Date) =>
    `${params.add(instant.toISOString())}::timestamptz`;
  const lastSeen = `${table}.last_seen`;
  switch (state) {
    case "online":
      return `${approved} AND ${lastSeen} > ${at(cutoffs.online)}`;
    case "offline":
      return `${approved} AND ${lastSeen} <= ${at(cutoffs.online)}
        AND ${lastSeen} > ${at(cutoffs.inactive)}`;
    case "inactive":
      return `${approved} AND (${lastSeen} IS NULL
        OR ${lastSeen} <= ${at(cutoffs.inactive)})`;
  }
}
