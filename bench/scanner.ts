/**
 * The real Cyber Essentials scan of the machine the benchmark runs on.
 *
 * @module
 */
import { runScan } from "../agent/scanner/mod.ts";
import type { Report } from "../shared/report.ts";
import { type LatencySummary, summarise, timed } from "./stats.ts";

/** What the scan runs measured, with the last report for reuse. */
export interface ScanResult {
  runs: number;
  checks: number;
  latency: LatencySummary;
  report: Report;
}

/** Scan this machine `runs` times in standard mode. */
export async function runScans(runs: number): Promise<ScanResult> {
  const samples: number[] = [];
  let report: Report | undefined;
  for (let i = 0; i < runs; i++) {
    const run = await timed(() => runScan({ mode: "standard" }));
    samples.push(run.ms);
    report = run.value;
  }
  if (!report) throw new Error("Scan runs must be at least 1");
  return {
    runs,
    checks: report.checks.length,
    latency: summarise(samples),
    report,
  };
}
