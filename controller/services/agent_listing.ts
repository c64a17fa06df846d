/**
 * The one agent list behind `GET /api/agents`, the dashboard's agents page
 * and its exports: search, filters, sorting and paging in one query, so a
 * page of a 10,000-agent fleet costs one indexed scan and at most one
 * count. Every agent it returns carries its newest check-in, including one
 * the controller holds in memory and has not written yet.
 *
 * @module
 */
import {
  type Agent,
  AGENT_SORT_KEYS,
  type AgentListQuery,
  COMPLIANCE_FILTERS,
} from "../../shared/api.ts";
import type { Queryable, Row } from "../db/database.ts";
import { type AgentState, agentStateSql, agentStatus } from "./agent_status.ts";
import { iso, isoOrNull, jsonObject, likePattern, Params } from "./rows.ts";

/** A column the list can be sorted by. */
export type AgentSort = typeof AGENT_SORT_KEYS[number];
/** A latest-report outcome to filter on; `none` means no report yet. */
export type ComplianceFilter = typeof COMPLIANCE_FILTERS[number];

/**
 * The check-in of agent `id` that the database has not been told about
 * yet: the controller gathers `last_seen` in memory and writes it in
 * batches, so a just-heard-from agent would otherwise look stale.
 */
export type RecentCheckIn = (id: string) => Date | undefined;

/** Which agents to list and in what order; every field is optional. */
export type AgentSelection = Partial<Omit<AgentListQuery, "skip" | "limit">>;

/** A slice of the selection: `limit` agents after the first `skip`. */
export type AgentSlice = AgentSelection & { skip: number; limit: number };

/** The agent columns {@linkcode toAgent} reads. */
export const AGENT_COLUMNS = `agents.id, agents.hostname, agents.os,
  agents.os_version, agents.ip, agents.last_seen, agents.registered_at,
  agents.approval, agents.metadata, agents.latest_report_id,
  agents.latest_report_at, agents.latest_status, agents.latest_score`;

const SORT_COLUMNS: Record<AgentSort, string> = {
  hostname: "lower(agents.hostname)",
  last_seen: "agents.last_seen",
  registered_at: "agents.registered_at",
  os: "lower(agents.os)",
  compliance: "agents.latest_status",
  score: "agents.latest_score",
};

/** A page of the agents `query` selects at `now`, and how many match. */
export async function agentPage(
  db: Queryable,
  now: Date,
  query: AgentSlice,
  recentCheckIn?: RecentCheckIn,
): Promise<{ agents: Agent[]; total: number }> {
  const params = new Params();
  const where = whereSql(query, now, params);
  const rows = await db.query(
    `SELECT ${AGENT_COLUMNS} FROM agents ${where}
     ORDER BY ${orderSql(query)}
     LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.skip)}`,
    params.values,
  );

  const agents = rows.map((row) => toAgent(row, now, recentCheckIn));
  const total = totalFromPage(query, agents.length) ??
    await countAgents(db, now, query);
  return { agents, total };
}

/**
 * Every agent `query` selects at `now`, in list order, for exports and for
 * actions on all matching agents; at most `limit` of them.
 */
export async function matchingAgents(
  db: Queryable,
  now: Date,
  query: AgentSelection,
  limit: number,
  recentCheckIn?: RecentCheckIn,
): Promise<Agent[]> {
  const params = new Params();
  const where = whereSql(query, now, params);
  const rows = await db.query(
    `SELECT ${AGENT_COLUMNS} FROM agents ${where}
     ORDER BY ${orderSql(query)} LIMIT ${params.add(limit)}`,
    params.values,
  );
  return rows.map((row) => toAgent(row, now, recentCheckIn));
}

/** How many agents `query` selects at `now`. */
async function countAgents(
  db: Queryable,
  now: Date,
  query: AgentSelection,
): Promise<number> {
  const params = new Params();
  const where = whereSql(query, now, params);
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM agents ${where}`,
    params.values,
  );
  return Number(row.n);
}

/** The match count when a page reveals it, sparing the count query. */
function totalFromPage(slice: AgentSlice, shown: number): number | null {
  // A page shorter than the limit is the last one.
  if (shown > 0 && shown < slice.limit) return slice.skip + shown;
  if (shown === 0 && slice.skip === 0) return 0;
  return null;
}

/** The WHERE clause of `query`, or nothing, binding values in `params`. */
function whereSql(query: AgentSelection, now: Date, params: Params): string {
  const conditions: string[] = [];
  if (query.q) {
    const pattern = params.add(likePattern(query.q));
    conditions.push(
      `(lower(agents.hostname) LIKE ${pattern} OR agents.ip LIKE ${pattern})`,
    );
  }
  if (query.status) conditions.push(agentStateSql(query.status, now, params));
  if (query.os) {
    conditions.push(`lower(agents.os) = lower(${params.add(query.os)})`);
  }
  if (query.compliance === "none") {
    conditions.push("agents.latest_status IS NULL");
  } else if (query.compliance) {
    conditions.push(`agents.latest_status = ${params.add(query.compliance)}`);
  }
  if (query.check) {
    conditions.push(`EXISTS (
      SELECT 1 FROM report_checks rc
      WHERE rc.report_id = agents.latest_report_id
        AND rc.check_id = ${params.add(query.check)}
        AND rc.status = 'fail')`);
  }
  return conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
}

function orderSql(query: AgentSelection): string {
  const column = SORT_COLUMNS[query.sort ?? "hostname"];
  const direction = query.order === "desc" ? "DESC" : "ASC";
  // The id breaks ties, so pages never repeat or skip an agent.
  return `${column} ${direction} NULLS LAST, agents.id`;
}

/**
 * An agent as the API shows it, from a row of {@linkcode AGENT_COLUMNS},
 * with its status at `now` from the newer of its stored check-in and the
 * one `recentCheckIn` knows of.
 */
export function toAgent(
  row: Row,
  now: Date,
  recentCheckIn?: RecentCheckIn,
): Agent {
  const id = String(row.id);
  const stored = row.last_seen ? new Date(iso(row.last_seen)) : null;
  const lastSeen = newer(stored, recentCheckIn?.(id));
  return {
    id,
    hostname: row.hostname as string,
    os: row.os as string,
    os_version: (row.os_version as string | null) ?? null,
    ip: (row.ip as string | null) ?? null,
    last_seen: lastSeen ? lastSeen.toISOString() : null,
    registered_at: iso(row.registered_at),
    status: agentStatus(lastSeen, now),
    approval: row.approval as Agent["approval"],
    metadata: jsonObject(row.metadata),
    latest_report_id: (row.latest_report_id as string | null) ?? null,
    latest_report_at: isoOrNull(row.latest_report_at),
    latest_status: (row.latest_status as Agent["latest_status"]) ?? null,
    latest_score: row.latest_score === null || row.latest_score === undefined
      ? null
      : Number(row.latest_score),
  };
}

function newer(stored: Date | null, unwritten: Date | undefined) {
  if (!unwritten || (stored && stored >= unwritten)) return stored;
  return unwritten;
}

// --- the dashboard's view of the list ----------------------------------------

/** The dashboard's list state: filter, sort and page. All optional. */
export interface AgentPageQuery {
  /** Part of the hostname or IP address. */
  search?: string;
  state?: AgentState;
  /** Operating system family, as the agent registered it. */
  os?: string;
  compliance?: ComplianceFilter;
  /** Only agents whose latest report fails this check. */
  failingCheck?: string;
  sort?: AgentSort;
  descending?: boolean;
  /** 1-based page number. */
  page?: number;
  perPage?: number;
}

/** One agent as the dashboard lists it. */
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

/** Largest page the dashboard serves. */
export const MAX_PER_PAGE = 200;

/** One dashboard page of the agents `query` selects at `now`. */
export async function listAgents(
  db: Queryable,
  now: Date,
  query: AgentPageQuery,
  recentCheckIn?: RecentCheckIn,
): Promise<AgentPage> {
  const perPage = clamp(query.perPage ?? 50, 1, MAX_PER_PAGE);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const skip = (page - 1) * perPage;
  const slice = { ...selectionOf(query), skip, limit: perPage };

  const { agents, total } = await agentPage(db, now, slice, recentCheckIn);
  return { agents: agents.map(toListItem), total, page, perPage };
}

/** Every agent `query` selects at `now`, for exports; at most `limit`. */
export async function allAgents(
  db: Queryable,
  now: Date,
  query: AgentPageQuery,
  recentCheckIn?: RecentCheckIn,
  limit = 100_000,
): Promise<AgentListItem[]> {
  const selection = selectionOf(query);
  const agents = await matchingAgents(db, now, selection, limit, recentCheckIn);
  return agents.map(toListItem);
}

/** The list's selection in the API's terms. */
function selectionOf(query: AgentPageQuery): AgentSelection {
  return {
    q: query.search,
    status: query.state,
    os: query.os,
    compliance: query.compliance,
    check: query.failingCheck,
    sort: query.sort,
    order: query.descending ? "desc" : "asc",
  };
}

/** An agent as the dashboard lists it: pending until approved. */
export function toListItem(agent: Agent): AgentListItem {
  return {
    id: agent.id,
    hostname: agent.hostname,
    os: agent.os,
    osVersion: agent.os_version,
    ip: agent.ip,
    state: agent.approval === "pending" ? "pending" : agent.status,
    lastSeen: agent.last_seen,
    registeredAt: agent.registered_at,
    latestStatus: agent.latest_status,
    latestScore: agent.latest_score,
    latestReportId: agent.latest_report_id,
    latestReportAt: agent.latest_report_at,
  };
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** Operating systems present in the fleet, for the filter's choices. */
export async function fleetOperatingSystems(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ os: string }>(
    "SELECT DISTINCT os FROM agents ORDER BY os",
  );
  return rows.map((row) => row.os);
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
