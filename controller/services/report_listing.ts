/**
 * The dashboard's report views: a filtered, paginated list of reports, one
 * report with its checks, and an agent's report history.
 *
 * @module
 */
import type { Queryable } from "../db/database.ts";
import { isoOrNull, jsonObject } from "./rows.ts";

/** Which reports to list. Every field is optional. */
export interface ReportFilter {
  agentId?: string;
  status?: "pass" | "warn" | "fail";
  /** First day included, `YYYY-MM-DD` (UTC). */
  from?: string;
  /** Last day included, `YYYY-MM-DD` (UTC). */
  to?: string;
}

/** A page of the report list. */
export interface ReportPageQuery extends ReportFilter {
  page?: number;
  perPage?: number;
}

/** One report as lists show it. */
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

const LIST_COLUMNS = `
  r.id::text AS id, r.agent_id::text AS "agentId", a.hostname,
  r.timestamp, r.mode, r.overall_status AS "overallStatus",
  r.overall_score AS "overallScore"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a UUID, so it may be compared with a uuid column. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** One page of reports matching `query`, newest first. */
export async function listReports(
  db: Queryable,
  query: ReportPageQuery,
): Promise<ReportPage> {
  const perPage = Math.min(200, Math.max(1, Math.floor(query.perPage ?? 50)));
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const where = reportFilterSql(query);

  const params = [...where.params, perPage, (page - 1) * perPage];
  const rows = await db.query<ReportListItem>(
    `SELECT ${LIST_COLUMNS} FROM reports r JOIN agents a ON a.id = r.agent_id
     WHERE ${where.sql} ORDER BY r.timestamp DESC, r.id
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  const [{ total }] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM reports r WHERE ${where.sql}`,
    where.params,
  );

  return { reports: rows.map(toListItem), total, page, perPage };
}

/** Every report matching `filter`, newest first, at most `limit`. */
export async function allReports(
  db: Queryable,
  filter: ReportFilter,
  limit = 100_000,
): Promise<ReportListItem[]> {
  const where = reportFilterSql(filter);
  const params = [...where.params, limit];
  const rows = await db.query<ReportListItem>(
    `SELECT ${LIST_COLUMNS} FROM reports r JOIN agents a ON a.id = r.agent_id
     WHERE ${where.sql} ORDER BY r.timestamp DESC, r.id
     LIMIT $${params.length}`,
    params,
  );
  return rows.map(toListItem);
}

function reportFilterSql(
  filter: ReportFilter,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions = ["true"];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  if (filter.agentId && isUuid(filter.agentId)) {
    conditions.push(`r.agent_id = ${param(filter.agentId)}::uuid`);
  }
  if (filter.status) {
    conditions.push(`r.overall_status = ${param(filter.status)}`);
  }
  if (filter.from && DAY.test(filter.from)) {
    conditions.push(`r.timestamp >= ${utcMidnight(param(filter.from))}`);
  }
  if (filter.to && DAY.test(filter.to)) {
    conditions.push(
      `r.timestamp < ${utcMidnight(param(filter.to))} + interval '1 day'`,
    );
  }
  return { sql: conditions.join(" AND "), params };
}

/**
 * Midnight UTC of a `YYYY-MM-DD` parameter: days in filters are UTC days,
 * whatever the database session's time zone.
 */
function utcMidnight(placeholder: string): string {
  return `(${placeholder}::date::timestamp AT TIME ZONE 'UTC')`;
}

/** One check of a stored report. */
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
export interface ReportDetail extends ReportListItem {
  receivedAt: string;
  payload: Record<string, unknown>;
  checks: StoredCheck[];
}

/** One report with its checks, or null when there is none with that id. */
export async function getReport(
  db: Queryable,
  id: string,
): Promise<ReportDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<ReportDetail>(
    `SELECT ${LIST_COLUMNS}, r.received_at AS "receivedAt", r.payload
     FROM reports r JOIN agents a ON a.id = r.agent_id
     WHERE r.id = $1::uuid`,
    [id],
  );
  if (!row) return null;

  const checks = await db.query<StoredCheck>(
    `SELECT check_id AS "checkId", control, title, status, severity,
            requirement, expected, actual, evidence, remediation
     FROM report_checks WHERE report_id = $1::uuid
     ORDER BY control, check_id`,
    [id],
  );
  return {
    ...toListItem(row),
    receivedAt: isoOrNull(row.receivedAt) ?? "",
    payload: jsonObject(row.payload),
    checks: checks.map((check) => ({
      ...check,
      evidence: evidenceLines(check.evidence),
    })),
  };
}

/** The latest `limit` reports of one agent, newest first. */
export async function agentReportHistory(
  db: Queryable,
  agentId: string,
  limit = 30,
): Promise<ReportListItem[]> {
  if (!isUuid(agentId)) return [];
  const rows = await db.query<ReportListItem>(
    `SELECT ${LIST_COLUMNS} FROM reports r JOIN agents a ON a.id = r.agent_id
     WHERE r.agent_id = $1::uuid ORDER BY r.timestamp DESC LIMIT $2`,
    [agentId, limit],
  );
  return rows.map(toListItem);
}

function toListItem(row: ReportListItem): ReportListItem {
  return {
    id: row.id,
    agentId: row.agentId,
    hostname: row.hostname,
    timestamp: isoOrNull(row.timestamp) ?? "",
    mode: row.mode,
    overallStatus: row.overallStatus,
    overallScore: Number(row.overallScore),
  };
}

/** Evidence is a jsonb array of lines; anything else is shown as one line. */
function evidenceLines(value: unknown): string[] {
  const parsed = typeof value === "string" ? JSON.parse(value) : value;
  if (Array.isArray(parsed)) return parsed.map(String);
  return parsed === null || parsed === undefined ? [] : [String(parsed)];
}
