/**
 * The agent and report lists keep their whole state (filter, sort, page)
 * in the URL, so every view can be bookmarked, shared, exported and used
 * without scripts. This reads that state and writes it back.
 *
 * @module
 */
import { AGENT_SORT_KEYS, COMPLIANCE_FILTERS } from "../../shared/api.ts";
import type {
  AgentPageQuery,
  AgentSort,
  ComplianceFilter,
} from "../../controller/services/agent_listing.ts";
import {
  AGENT_STATES,
  type AgentState,
} from "../../controller/services/agent_status.ts";
import type { ReportPageQuery } from "../../controller/services/report_listing.ts";

/** Rows per page of the dashboard's lists. */
export const PER_PAGE = 50;

function oneOf<T extends string>(
  allowed: readonly T[],
  value: string | null,
): T | undefined {
  return allowed.includes(value as T) ? value as T : undefined;
}

function text(value: string | null, max = 200): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

function pageNumber(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** The agent list's state from a URL's query. */
export function parseAgentQuery(params: URLSearchParams): AgentPageQuery {
  return {
    search: text(params.get("q")),
    state: oneOf<AgentState>(AGENT_STATES, params.get("status")),
    os: text(params.get("os"), 64),
    compliance: oneOf<ComplianceFilter>(
      COMPLIANCE_FILTERS,
      params.get("compliance"),
    ),
    failingCheck: text(params.get("check")),
    sort: oneOf<AgentSort>(AGENT_SORT_KEYS, params.get("sort")),
    descending: params.get("order") === "desc",
    page: pageNumber(params.get("page")),
    perPage: PER_PAGE,
  };
}

/** The query string of an agent list state; the page is left out when 1. */
export function agentQueryString(query: AgentPageQuery): string {
  const params = new URLSearchParams();
  const set = (key: string, value: string | undefined) => {
    if (value) params.set(key, value);
  };
  set("q", query.search);
  set("status", query.state);
  set("os", query.os);
  set("compliance", query.compliance);
  set("check", query.failingCheck);
  set("sort", query.sort);
  if (query.descending) params.set("order", "desc");
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params.toString();
}

const REPORT_STATUSES = ["pass", "warn", "fail"] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day the calendar has, such as "2026-02-28". The shape alone lets
 * "2026-02-30" through, and the database refuses it with an error that
 * would turn a mistyped filter into a failed page.
 */
function calendarDay(value: string | null): string | undefined {
  if (!value || !DAY.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  const valid = !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === value;
  return valid ? value : undefined;
}

/** The report list's state from a URL's query. */
export function parseReportQuery(params: URLSearchParams): ReportPageQuery {
  return {
    agentId: text(params.get("agent"), 36),
    status: oneOf(REPORT_STATUSES, params.get("status")),
    from: calendarDay(params.get("from")),
    to: calendarDay(params.get("to")),
    page: pageNumber(params.get("page")),
    perPage: PER_PAGE,
  };
}

/** The query string of a report list state; the page is left out when 1. */
export function reportQueryString(query: ReportPageQuery): string {
  const params = new URLSearchParams();
  if (query.agentId) params.set("agent", query.agentId);
  if (query.status) params.set("status", query.status);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params.toString();
}

/** `path` with `query` appended when it is not empty. */
export function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}
