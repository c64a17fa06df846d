/**
 * Report ingestion: real scanner reports uploaded by many agents at once,
 * each stored with its per-check rows in one transaction.
 *
 * @module
 */
import type { Report } from "../shared/report.ts";
import { postJson, registerAgents } from "./api_client.ts";
import { type LatencySummary, summarise, timed } from "./stats.ts";

/** What one ingestion run measured. */
export interface IngestResult {
  reports: number;
  checksPerReport: number;
  reportsPerSecond: number;
  latency: LatencySummary;
}

/** Upload `count` copies of `sample`, each with its own id. */
export async function runIngest(
  base: string,
  enrollSecret: string,
  sample: Report,
  count: number,
  concurrency: number,
): Promise<IngestResult> {
  const fleet = await registerAgents(base, enrollSecret, concurrency);
  const latencies: number[] = [];
  let next = 0;

  const worker = async (index: number) => {
    const agent = fleet[index];
    while (next < count) {
      next++;
      const payload = { ...sample, report_id: crypto.randomUUID() };
      const upload = {
        mode: payload.compliance_mode,
        overall_status: payload.overall.status,
        overall_score: payload.overall.score,
        payload,
      };
      const url = `${base}/api/agents/${agent.id}/report`;
      latencies.push(
        (await timed(() => postJson(url, upload, agent.token))).ms,
      );
    }
  };
  const started = performance.now();
  await Promise.all(fleet.map((_, index) => worker(index)));
  const seconds = (performance.now() - started) / 1000;

  return {
    reports: latencies.length,
    checksPerReport: sample.checks.length,
    reportsPerSecond: latencies.length / seconds,
    latency: summarise(latencies),
  };
}
