/**
 * Compliance reports: validated uploads stored once per report id, with a
 * row per check, and the agent's latest outcome updated in the same
 * transaction.
 *
 * @module
 */
import type {
  ReportDetail,
  ReportListQuery,
  ReportSummary,
  ReportUpload,
} from "../../shared/api.ts";
import {
  canonicalControlName,
  type IncomingReport,
} from "../../shared/report.ts";
import type { Clock } from "../clock.ts";
import type { Database, Queryable } from "../db/database.ts";
import { HttpError } from "../errors.ts";
import { findReport, reportPage } from "./report_listing.ts";

/**
 * The report as stored: control names of the original scanner are
 * replaced by today's names, so every stored report reads the same.
 */
export function normalizeReport(report: IncomingReport): IncomingReport {
  const controls = report.controls.map((control) => ({
    ...control,
    name: canonicalControlName(control.name) ?? control.name,
  }));
  return { ...report, controls };
}

/** Stores and reads reports. */
export class ReportService {
  #db: Database;
  #clock: Clock;

  /** Keep reports in `db`. */
  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /**
   * Store a report from agent `agentId`. Uploading the same report id again
   * stores nothing and answers the same.
   *
   * @throws {HttpError} 409 when another agent already used the report id
   */
  async store(
    agentId: string,
    upload: ReportUpload,
  ): Promise<{ reportId: string; created: boolean }> {
    const reportId = upload.payload.report_id ?? crypto.randomUUID();
    const payload = normalizeReport({ ...upload.payload, report_id: reportId });

    return await this.#db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO reports (id, agent_id, timestamp, mode, overall_status,
           overall_score, payload, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          reportId,
          agentId,
          new Date(payload.timestamp_utc),
          upload.mode,
          upload.overall_status,
          upload.overall_score,
          JSON.stringify(payload),
          this.#clock.now(),
        ],
      );
      if (inserted.length === 0) {
        await this.#checkDuplicate(tx, reportId, agentId);
        return { reportId, created: false };
      }

      await this.#insertChecks(tx, reportId, payload);
      await this.#updateLatest(tx, agentId, reportId, upload, payload);
      return { reportId, created: true };
    });
  }

  async #checkDuplicate(
    tx: Queryable,
    reportId: string,
    agentId: string,
  ): Promise<void> {
    const rows = await tx.query<{ agent_id: string }>(
      "SELECT agent_id FROM reports WHERE id = $1",
      [reportId],
    );
    if (rows[0]?.agent_id !== agentId) {
      throw new HttpError(
        409,
        "conflict",
        `Report "${reportId}" belongs to another agent`,
      );
    }
  }

  async #insertChecks(
    tx: Queryable,
    reportId: string,
    payload: IncomingReport,
  ): Promise<void> {
    if (!payload.checks?.length) return;
    // Check ids are unique within a report; a scanner repeating one would
    // otherwise abort the whole upload.
    const unique = new Map(payload.checks.map((check) => [check.id, check]));
    await tx.query(
      `INSERT INTO report_checks (report_id, check_id, control, title, status,
         severity, requirement, expected, actual, evidence, remediation)
       SELECT $1, c.id, c.control, c.title, c.status, c.severity,
         c.requirement, c.expected, c.actual, c.evidence, c.remediation
       FROM jsonb_to_recordset($2::text::jsonb) AS c(id text, control text,
         title text, status text, severity text, requirement text,
         expected text, actual text, evidence jsonb, remediation text)`,
      [reportId, JSON.stringify([...unique.values()])],
    );
  }

  async #updateLatest(
    tx: Queryable,
    agentId: string,
    reportId: string,
    upload: ReportUpload,
    payload: IncomingReport,
  ): Promise<void> {
    // A report retried from an agent's queue may be older than one already
    // stored; the latest outcome is the newest scan, not the last upload.
    await tx.query(
      `UPDATE agents SET latest_report_id = $2, latest_report_at = $3,
         latest_status = $4, latest_score = $5
       WHERE id = $1 AND (latest_report_at IS NULL OR latest_report_at <= $3)`,
      [
        agentId,
        reportId,
        new Date(payload.timestamp_utc),
        upload.overall_status,
        upload.overall_score,
      ],
    );
  }

  /** A page of reports, newest first, and the match count. */
  async list(
    query: ReportListQuery,
  ): Promise<{ reports: ReportSummary[]; total: number }> {
    return await reportPage(this.#db, query);
  }

  /** A report with its full payload and stored checks, or null. */
  async get(id: string): Promise<ReportDetail | null> {
    return await findReport(this.#db, id);
  }
}
