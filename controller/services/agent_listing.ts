/**
 * The dashboard's agent list: search, filters, sorting and server-side
 * pagination in one query, so a page of a 10,000-agent fleet costs one
 * indexed scan and one count.
 *
 * @module
 */
import { COMPLIANCE_FILTERS } from "../../shared/api.ts";
import type { Queryable } from "../db/database.ts";
import { agentStatus } from "./agent_status.ts";
import { isoOrNull, likePattern } from "./rows.ts";
import { AGENT_STATES, type AgentState, agentStateSql } from "./fleet_stats.ts";

/** Columns the list can be sorted by. */
export const AGENT_SORTS = [
  "hostname",
  "os",
  "last_seen",
  "compliance",
  "score",
  "registered",
] as const;
/** A column the list can be sorted by. */
export type AgentSort = typeof AGENT_SORTS[number];

/** Latest-report outcomes the list can filter on; `none` means no report. */
export { COMPLIANCE_FILTERS };
/** A latest-report outcome to filter on. */
export type ComplianceFilter = typeof COMPLIANCE_FILTERS[number];

/** Which agents to list. Every field is optional. */
export interface AgentFilter {
  /** Part of the hostname or IP address. */
  search?: string;
  state?: AgentState;
  /** Operating system family, as the agent registered it. */
  os?: string;
  compliance?: ComplianceFilter;
  /** Only agents whose latest report fails this check. */
  failingCheck?: string;
}

/** A filtered, sorted page of the list. */
export interface AgentPageQuery extends AgentFilter {
  sort?: AgentSort;
  descending?: boolean;
  /** 1-based page number. */
  page?: number;
  perPage?: number;
}

/** One agent as the list shows it. */
export interface AgentListItem {
  id: string;
  hostname: string;
  os: string;
  osVersion: string | null;
  ip: string | null;
  state: AgentState;
  lastSeen: string | null;
  registeredAt: string;
  latestStatus: string | null;
  latestScore: number | null;
  latestReportId: string | null;
  latestReportAt: string | null;
}

/** A page of agents and how many match the filter in all. */
export interface AgentPage {
  agents: AgentListItem[];
  total: number;
  page: number;
  perPage: number;
}

/** Largest page the list serves. */
export const MAX_PER_PAGE = 200;

const ORDER_BY: Record<AgentSort, string> = {
  hostname: "lower(a.hostname)",
  os: "a.os",
  last_seen: "a.last_seen",
  compliance: "a.latest_status",
  score: "a.latest_score",
  registered: "a.registered_at",
};

const SELECT_COLUMNS = `
  a.id::text AS id, a.hostname, a.os, a.os_version AS "osVersion", a.ip,
  STATE AS state,
  a.last_seen AS "lastSeen", a.registered_at AS "registeredAt",
  a.latest_status AS "latestStatus", a.latest_score AS "latestScore",
  a.latest_report_id::text AS "latestReportId",
  a.latest_report_at AS "latestReportAt"`;

/** One page of agents matching `query` at instant `now`. */
export async function listAgents(
  db: Queryable,
  now: Date,
  query: AgentPageQuery,
): Promise<AgentPage> {
  const perPage = clamp(query.perPage ?? 50, 1, MAX_PER_PAGE);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const where = filterSql(query, now);
  const order = orderSql(query);

  const params = [...where.params, now.toISOString(), perPage];
  params.push((page - 1) * perPage);
  const at = where.params.length + 1;
  const rows = await db.query<AgentListItem>(
    `SELECT ${columnsSql(at)} FROM agents a WHERE ${where.sql}
     ORDER BY ${order} LIMIT $${at + 1} OFFSET $${at + 2}`,
    params,
  );
  const [{ total }] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM agents a WHERE ${where.sql}`,
    where.params,
  );

  return { agents: rows.map(toItem), total, page, perPage };
}

/**
 * Every agent matching `filter`, in list order, for exports and for
 * actions on "all matching"; at most `limit` of them.
 */
export async function allAgents(
  db: Queryable,
  now: Date,
  query: AgentPageQuery,
  limit = 100_000,
): Promise<AgentListItem[]> {
  const where = filterSql(query, now);
  const at = where.params.length + 1;
  const rows = await db.query<AgentListItem>(
    `SELECT ${columnsSql(at)} FROM agents a WHERE ${where.sql}
     ORDER BY ${orderSql(query)} LIMIT $${at + 1}`,
    [...where.params, now.toISOString(), limit],
  );
  return rows.map(toItem);
}

/** Operating systems present in the fleet, for the filter's choices. */
export async function fleetOperatingSystems(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ os: string }>(
    "SELECT DISTINCT os FROM agents ORDER BY os",
  );
  return rows.map((row) => row.os);
}

/** The selected columns, reading the current instant from `$at`. */
function columnsSql(at: number): string {
  return SELECT_COLUMNS.replace("STATE", agentStateSql("a", `$${at}`));
}

/** The WHERE clause of a filter and its parameters, from `$1` on. */
function filterSql(
  filter: AgentFilter,
  now: Date,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions: string[] = ["true"];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  const search = filter.search?.trim();
  if (search) {
    const pattern = param(likePattern(search));
    conditions.push(
      `(lower(a.hostname) LIKE ${pattern} OR a.ip LIKE ${pattern})`,
    );
  }
  if (filter.state && AGENT_STATES.includes(filter.state)) {
    // Only the check-in states compare with the current instant; binding
    // it for `pending` would leave a parameter PostgreSQL cannot type.
    const at = filter.state === "pending" ? "" : param(now.toISOString());
    conditions.push(stateCondition(filter.state, at));
  }
  if (filter.os) conditions.push(`a.os = ${param(filter.os)}`);
  if (filter.compliance === "none") {
    conditions.push("a.latest_status IS NULL");
  } else if (filter.compliance) {
    conditions.push(`a.latest_status = ${param(filter.compliance)}`);
  }
  if (filter.failingCheck) {
    conditions.push(`EXISTS (
      SELECT 1 FROM report_checks rc
      WHERE rc.report_id = a.latest_report_id
        AND rc.check_id = ${param(filter.failingCheck)}
        AND rc.status = 'fail')`);
  }

  return { sql: conditions.join(" AND "), params };
}

/**
 * A state as a condition on plain columns rather than on the CASE
 * expression, so PostgreSQL can use the `last_seen` and approval indexes.
 */
function stateCondition(state: AgentState, now: string): string {
  const online = `${now}::timestamptz - interval '5 minutes'`;
  const inactive = `${now}::timestamptz - interval '30 days'`;
  const approved = "a.approval = 'approved'";
  switch (state) {
    case "pending":
      return "a.approval = 'pending'";
    case "online":
      return `${approved} AND a.last_seen >= ${online}`;
    case "offline":
      return `${approved} AND a.last_seen < ${online}
        AND a.last_seen >= ${inactive}`;
    case "inactive":
      return `${approved} AND (a.last_seen < ${inactive} OR a.last_seen IS NULL)`;
  }
}

function orderSql(query: AgentPageQuery): string {
  const column = ORDER_BY[query.sort ?? "hostname"] ?? ORDER_BY.hostname;
  const direction = query.descending ? "DESC NULLS LAST" : "ASC NULLS LAST";
  // The id breaks ties, so pages never repeat or skip an agent.
  return `${column} ${direction}, a.id`;
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function toItem(row: AgentListItem): AgentListItem {
  return {
    ...row,
    lastSeen: isoOrNull(row.lastSeen),
    registeredAt: isoOrNull(row.registeredAt) ?? "",
    latestReportAt: isoOrNull(row.latestReportAt),
  };
}

/**
 * Ids and hostnames of every agent, for a drop-down, or null when the
 * fleet has more than `limit` agents and a drop-down would not help.
 */
export async function agentChoices(
  db: Queryable,
  limit: number,
): Promise<{ id: string; hostname: string }[] | null> {
  const rows = await db.query<{ id: string; hostname: string }>(
    `SELECT id::text AS id, hostname FROM agents
     ORDER BY lower(hostname), id LIMIT $1`,
    [limit + 1],
  );
  return rows.length > limit ? null : rows;
}

/**
 * Agents with check-ins the database has not been told about yet: the
 * controller gathers `last_seen` in memory and writes it in batches, so a
 * just-heard-from agent would otherwise look stale for a few seconds.
 */
export function withRecentCheckIns<T extends AgentListItem>(
  agents: T[],
  recentCheckIn: (id: string) => Date | undefined,
  now: Date,
): T[] {
  return agents.map((agent) => {
    const seen = recentCheckIn(agent.id);
    const stored = agent.lastSeen ? Date.parse(agent.lastSeen) : 0;
    if (!seen || seen.getTime() <= stored) return agent;

    const state = agent.state === "pending"
      ? agent.state
      : agentStatus(seen, now);
    return { ...agent, lastSeen: seen.toISOString(), state };
  });
}
