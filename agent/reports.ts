/**
 * Turns a scanner report into the body the controller's report endpoint
 * takes: the original design's summary fields with the whole report as `payload`.
 *
 * @module
 */
import type { ReportUpload } from "../shared/api.ts";
import type { Report } from "../shared/report.ts";

/** The upload body of `report`; its `report_id` makes retries idempotent. */
export function toUpload(report: Report): ReportUpload {
  return {
    mode: report.compliance_mode,
    overall_status: report.overall.status,
    overall_score: report.overall.score,
    payload: report,
  };
}
