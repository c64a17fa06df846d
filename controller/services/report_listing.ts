/**
 * The one report listing behind `GET /api/reports`, `GET /api/reports/{id}`,
 * the dashboard's report pages, an agent's report history and the exports:
 * one filter, one order, one page and one conversion of a row, so every
 * view of the reports lists the same ones.
 *
 * @module
 */
import type {
  ReportDetail,
  ReportListQuery,
  ReportSummary,
} from "../../shared/api.ts";
import type { OverallStatus } from "../../shared/report.ts";
import type { Queryable, Row } from "../db/database.ts";
import { iso, jsonObject, Params } from "./rows.ts";

/** Which reports to list; every field is optional. */
export type ReportSelection = Partial<Omit<ReportListQuery, "skip" | "limit">>;

/** A slice of the selection: `limit` reports after the first `skip`. */
export type ReportSlice = ReportSelection & { skip: number; limit: number };

/** The report columns {@linkcode toReportSummary} reads. */
const REPORT_COLUMNS = `r.id, r.agent_id, a.hostname, r.timestamp,
  r.received_at, r.mode, r.overall_status, r.overall_score`;

// A report's agent row always exists: reports are deleted with their agent.
const REPORTS_WITH_AGENTS = "reports r JOIN agents a ON a.id = r.agent_id";

// The id breaks ties, so pages never repeat or skip a report.
const NEWEST_FIRST = "ORDER BY r.timestamp DESC, r.id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` is a UUID, so it may be compared with a uuid column. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** A page of the reports `query` selects, newest first, and the match count. */
export async function reportPage(
  db: Queryable,
  query: ReportSlice,
): Promise<{ reports: ReportSummary[]; total: number }> {
  const params = new Params();
  const where = whereSql(query, params);
  const rows = await db.query(
    `SELECT ${REPORT_COLUMNS} FROM ${REPORTS_WITH_AGENTS} ${where}
     ${NEWEST_FIRST}
     LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.skip)}`,
    params.values,
  );

  const reports = rows.map(toReportSummary);
  return { reports, total: await countReports(db, query) };
}

/**
 * Every report `query` selects, newest first, for exports and histories;
 * at most `limit` of them.
 */
export async function matchingReports(
  db: Queryable,
  query: ReportSelection,
  limit: number,
): Promise<ReportSummary[]> {
  const params = new Params();
  const where = whereSql(query, params);
  const rows = await db.query(
    `SELECT ${REPORT_COLUMNS} FROM ${REPORTS_WITH_AGENTS} ${where}
     ${NEWEST_FIRST} LIMIT ${params.add(limit)}`,
    params.values,
  );
  return rows.map(toReportSummary);
}

/** How many reports `query` selects. */
async function countReports(
  db: Queryable,
  query: ReportSelection,
): Promise<number> {
  const params = new Params();
  const where = whereSql(query, params);
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM reports r ${where}`,
    params.values,
  );
  return Number(row.n);
}

/** The WHERE clause of `query`, or nothing, binding values in `params`. */
function whereSql(query: ReportSelection, params: Params): string {
  const conditions: string[] = [];
  if (query.agent_id) {
    conditions.push(`r.agent_id = ${params.add(query.agent_id)}::uuid`);
  }
  if (query.status) {
    conditions.push(`r.overall_status = ${params.add(query.status)}`);
  }
  if (query.from) {
    conditions.push(`r.timestamp >= ${params.add(new Date(query.from))}`);
  }
  if (query.to) {
    conditions.push(`r.timestamp < ${params.add(new Date(query.to))}`);
  }
  return conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
}

/** A report with its full payload and stored checks, or null. */
export async function findReport(
  db: Queryable,
  id: string,
): Promise<ReportDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query(
    `SELECT ${REPORT_COLUMNS}, r.payload FROM ${REPORTS_WITH_AGENTS}
     WHERE r.id = $1::uuid`,
    [id],
  );
  if (!row) return null;

  const checks = await db.query(
    `SELECT check_id AS id, control, title, status, severity, requirement,
       expected, actual, evidence, remediation
     FROM report_checks WHERE report_id = $1::uuid ORDER BY control, check_id`,
    [id],
  );
  return {
    ...toReportSummary(row),
    payload: jsonObject(row.payload),
    checks: checks.map((check) => ({
      ...check,
      evidence: evidenceLines(check.evidence),
    })) as ReportDetail["checks"],
  };
}

/** A report as the API lists it, from a row of {@linkcode REPORT_COLUMNS}. */
function toReportSummary(row: Row): ReportSummary {
  return {
    id: String(row.id),
    agent_id: String(row.agent_id),
    hostname: (row.hostname as string | null) ?? null,
    timestamp: iso(row.timestamp),
    received_at: iso(row.received_at),
    mode: row.mode as ReportSummary["mode"],
    overall_status: row.overall_status as ReportSummary["overall_status"],
    overall_score: Number(row.overall_score),
  };
}

/** Evidence is a jsonb array of lines; anything else is shown as one line. */
function evidenceLines(value: unknown): string[] {
  const parsed = typeof value === "string" ? JSON.parse(value) : value;
  if (Array.isArray(parsed)) return parsed.map(String);
  return parsed === null || parsed === undefined ? [] : [String(parsed)];
}

// --- the dashboard's view of the list ----------------------------------------

/** Which reports the dashboard lists. Every field is optional. */
export interface ReportFilter {
  agentId?: string;
  status?: OverallStatus;
  /** First day included, `YYYY-MM-DD` (UTC). */
  from?: string;
  /** Last day included, `YYYY-MM-DD` (UTC). */
  to?: string;
}

/** A page of the dashboard's report list. */
export interface ReportPageQuery extends ReportFilter {
  page?: number;
  perPage?: number;
}

/** One report as the dashboard lists it. */
export interface ReportListItem {
  id: string;
  agentId: string;
  hostname: string;
  timestamp: string;
  mode: string;
  overallStatus: string;
  overallScore: number;
}

/** A page of reports and how many match in all. */
export interface ReportPage {
  reports: ReportListItem[];
  total: number;
  page: number;
  perPage: number;
}

/** One check of a stored report, as the dashboard shows it. */
export interface StoredCheck {
  checkId: string;
  control: string;
  title: string;
  status: string;
  severity: string;
  requirement: string;
  expected: string;
  actual: string;
  evidence: string[];
  remediation: string;
}

/** A stored report with its checks and the full payload. */
export interface ReportView extends ReportListItem {
  receivedAt: string;
  payload: Record<string, unknown>;
  checks: StoredCheck[];
}

/** Largest page the dashboard serves. */
const MAX_PER_PAGE = 200;

/** One dashboard page of the reports matching `query`, newest first. */
export async function listReports(
  db: Queryable,
  query: ReportPageQuery,
): Promise<ReportPage> {
  const perPage = Math.min(
    MAX_PER_PAGE,
    Math.max(1, Math.floor(query.perPage ?? 50)),
  );
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const skip = (page - 1) * perPage;
  const slice = { ...selectionOf(query), skip, limit: perPage };

  const { reports, total } = await reportPage(db, slice);
  return { reports: reports.map(toListItem), total, page, perPage };
}

/** Every report matching `filter`, newest first, at most `limit`. */
export async function allReports(
  db: Queryable,
  filter: ReportFilter,
  limit = 100_000,
): Promise<ReportListItem[]> {
  const reports = await matchingReports(db, selectionOf(filter), limit);
  return reports.map(toListItem);
}

/** The latest `limit` reports of one agent, newest first. */
export async function agentReportHistory(
  db: Queryable,
  agentId: string,
  limit = 30,
): Promise<ReportListItem[]> {
  if (!isUuid(agentId)) return [];
  return await allReports(db, { agentId }, limit);
}

/** One report with its checks, or null when there is none with that id. */
export async function getReport(
  db: Queryable,
  id: string,
): Promise<ReportView | null> {
  const report = await findReport(db, id);
  if (!report) return null;

  const checks = report.checks.map(({ id, ...check }) => ({
    checkId: id,
    ...check,
  }));
  return {
    ...toListItem(report),
    receivedAt: report.received_at,
    payload: report.payload,
    checks,
  };
}

/**
 * The filter in the API's terms. Days are UTC days, the last one included;
 * an agent that is not a UUID, or a day that is not one, filters nothing,
 * as a mistyped URL should show a list rather than an error.
 */
function selectionOf(filter: ReportFilter): ReportSelection {
  const validAgent = filter.agentId && isUuid(filter.agentId);
  return {
    agent_id: validAgent ? filter.agentId : undefined,
    status: filter.status,
    from: utcMidnight(filter.from, 0),
    to: utcMidnight(filter.to, 1),
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC `daysLater` days after `day` (`YYYY-MM-DD`), as ISO 8601. */
function utcMidnight(
  day: string | undefined,
  daysLater: number,
): string | undefined {
  if (!day || !DAY.test(day)) return undefined;
  const midnight = Date.parse(`${day}T00:00:00Z`);
  // Date.parse rolls "2026-02-30" over into March rather than refusing it.
  const real = !Number.isNaN(midnight) &&
    new Date(midnight).toISOString().startsWith(day);
  return real
    ? new Date(midnight + daysLater * DAY_MS).toISOString()
    : undefined;
}

/** A report as the dashboard lists it. */
function toListItem(report: ReportSummary): ReportListItem {
  return {
    id: report.id,
    agentId: report.agent_id,
    hostname: report.hostname ?? "",
    timestamp: report.timestamp,
    mode: report.mode,
    overallStatus: report.overall_status,
    overallScore: report.overall_score,
  };
}
