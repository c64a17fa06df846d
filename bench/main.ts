/**
 * `deno task bench`: measure the controller's check-in hot path, report
 * ingestion and fleet pages, and the scanner on this machine, then write
 * the figures to `docs/benchmarks.md`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { startController } from "../tests/helpers/controller_process.ts";
import { openDatabase } from "../controller/db/open.ts";
import { quoteIdentifier } from "../controller/db/database.ts";
import { adminToken } from "./api_client.ts";
import { type PageTiming, timePages } from "./agents_page.ts";
import { type CheckinResult, runCheckin } from "./checkin.ts";
import { seedFleet } from "./fleet_seed.ts";
import { type IngestResult, runIngest } from "./reports.ts";
import { runScans, type ScanResult } from "./scanner.ts";
import { ms } from "./stats.ts";

const HELP = `Usage: deno task bench [options]

Runs every benchmark against a real controller process and writes the
figures to docs/benchmarks.md.

Options:
  --fleet N         agents seeded for the page benchmarks (default 10000)
  --agents N        simulated agents checking in (default 200)
  --concurrency N   connections the check-in load uses (default 32)
  --seconds N       length of the check-in load (default 20)
  --reports N       reports uploaded in the ingestion run (default 300)
  --scans N         real scans of this machine (default 5)
  --database KIND   pglite, postgres or both (default: both when
                    BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
  --output FILE     where to write the figures (default docs/benchmarks.md)
  --no-write        print the figures only
  -h, --help        show this help
`;

const ADMIN_PASSWORD = "bench-admin-password-0001";
const ENROLL_SECRET = "bench-enroll-secret-00000001";

interface DatabaseRun {
  kind: "pglite" | "postgres";
  pages: PageTiming[];
  checkin: CheckinResult;
  ingest: IngestResult;
}

function progress(message: string) {
  console.error(`bench: ${message}`);
}

function positive(name: string, text: string | undefined, fallback: number) {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Option --${name} needs a positive whole number, got "${text}"`,
    );
  }
  return value;
}

async function benchDatabase(
  kind: "pglite" | "postgres",
  databaseUrl: string | undefined,
  options: Record<string, number>,
  sample: ScanResult["report"],
): Promise<DatabaseRun> {
  const dataDir = await Deno.makeTempDir({ prefix: "cefleet-bench-" });
  const schema = `bench_${crypto.randomUUID().slice(0, 8)}`;
  const target = {
    dataDir,
    databaseUrl,
    databaseSchema: databaseUrl ? schema : "public",
  };
  progress(`${kind}: seeding ${options.fleet} agents`);
  await seedFleet(target, options.fleet);

  const controller = await startController({
    dataDir,
    databaseUrl,
    adminPassword: ADMIN_PASSWORD,
    enrollSecret: ENROLL_SECRET,
    env: {
      CEFLEET_DB_SCHEMA: target.databaseSchema,
      // The load registers its fleet from one address in seconds.
      CEFLEET_REGISTER_RATE: "1000000",
      LOG_LEVEL: "warn",
    },
  });
  try {
    const token = await adminToken(controller.url, ADMIN_PASSWORD);
    progress(`${kind}: timing fleet pages`);
    const pages = await timePages(controller.url, token, 30);
    progress(`${kind}: check-in load for ${options.seconds} s`);
    const checkin = await runCheckin({
      base: controller.url,
      enrollSecret: ENROLL_SECRET,
      agents: options.agents,
      concurrency: options.concurrency,
      seconds: options.seconds,
    });
    progress(`${kind}: uploading ${options.reports} reports`);
    const ingest = await runIngest(
      controller.url,
      ENROLL_SECRET,
      sample,
      options.reports,
      4,
    );
    return { kind, pages, checkin, ingest };
  } finally {
    await controller.stop();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    if (databaseUrl) await dropSchema(databaseUrl, schema);
  }
}

async function dropSchema(url: string, schema: string) {
  const db = await openDatabase({
    databaseUrl: url,
    databaseSchema: "public",
    dataDir: ".",
  });
  await db.exec(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
  await db.close();
}

async function machineLine(): Promise<string> {
  // Deno reads /proc/cpuinfo only with --allow-all; cat needs no more than
  // the benchmark already has.
  const cat = await new Deno.Command("cat", { args: ["/proc/cpuinfo"] })
    .output().catch(() => undefined);
  const cpuInfo = new TextDecoder().decode(cat?.stdout);
  const model = /model name\s*:\s*(.+)/.exec(cpuInfo)?.[1] ?? "unknown CPU";
  const cores = navigator.hardwareConcurrency;
  const memory = Math.round(Deno.systemMemoryInfo().total / 2 ** 30);
  return `${cores} cores (${model}), ${memory} GiB, ${Deno.build.os}, ` +
    `Deno ${Deno.version.deno}`;
}

function render(
  machine: string,
  options: Record<string, number>,
  scan: ScanResult,
  runs: DatabaseRun[],
): string {
  const lines = [
    "# Benchmarks",
    "",
    "Written by `deno task bench`; run it again to refresh these figures.",
    "Every figure comes from a real controller process on loopback, driven",
    "by plain `fetch` from the benchmark's own process, on this machine:",
    "",
    `- ${machine}`,
    `- measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    "## Scanner",
    "",
    `A full standard-mode scan of this Linux machine (${scan.checks} checks, ` +
    `${scan.runs} runs): median ${ms(scan.latency.p50)} ms, ` +
    `slowest ${ms(scan.latency.max)} ms.`,
    "",
  ];
  for (const run of runs) {
    const name = run.kind === "pglite" ? "embedded PGlite" : "PostgreSQL";
    lines.push(
      `## Controller on ${name}`,
      "",
      `### Fleet pages with ${options.fleet} agents`,
      "",
      "Each request 30 times after one warm-up, 50 agents a page.",
      "",
      "| request | p50 ms | p95 ms | max ms |",
      "| --- | ---: | ---: | ---: |",
      ...run.pages.map((page) =>
        `| ${page.label} (\`${page.path}\`) | ${ms(page.latency.p50)} | ` +
        `${ms(page.latency.p95)} | ${ms(page.latency.max)} |`
      ),
      "",
      "### Check-in hot path",
      "",
      `${options.agents} simulated agents send heartbeats and command polls ` +
        `over ${options.concurrency} connections for ${options.seconds} s.`,
      "",
      `- ${run.checkin.requests} requests, ${run.checkin.errors} errors, ` +
        `${run.checkin.requestsPerSecond.toFixed(0)} requests/s`,
      `- latency p50 ${ms(run.checkin.latency.p50)} ms, ` +
        `p95 ${ms(run.checkin.latency.p95)} ms, ` +
        `p99 ${ms(run.checkin.latency.p99)} ms`,
      `- at one heartbeat a minute and one poll every 30 s, that rate ` +
        `carries about **${
          run.checkin.fleetCapacity.toLocaleString("en-GB")
        } ` +
        `agents** per controller process (an extrapolation: the load uses ` +
        `${options.agents} tokens, and leaves out scans, report uploads ` +
        `and a larger token cache)`,
      "",
      "### Report ingestion",
      "",
      `${run.ingest.reports} real scanner reports (${run.ingest.checksPerReport} ` +
        `checks each) from 4 agents at once: ` +
        `${run.ingest.reportsPerSecond.toFixed(1)} reports/s, ` +
        `p50 ${ms(run.ingest.latency.p50)} ms, p95 ${
          ms(run.ingest.latency.p95)
        } ms.`,
      "",
    );
  }
  return lines.join("\n");
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      fleet: { type: "string" },
      agents: { type: "string" },
      concurrency: { type: "string" },
      seconds: { type: "string" },
      reports: { type: "string" },
      scans: { type: "string" },
      database: { type: "string" },
      output: { type: "string", default: "docs/benchmarks.md" },
      "no-write": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const options = {
    fleet: positive("fleet", values.fleet, 10_000),
    agents: positive("agents", values.agents, 200),
    concurrency: positive("concurrency", values.concurrency, 32),
    seconds: positive("seconds", values.seconds, 20),
    reports: positive("reports", values.reports, 300),
    scans: positive("scans", values.scans, 5),
  };
  const postgresUrl = Deno.env.get("BENCH_DATABASE_URL") ??
    Deno.env.get("TEST_DATABASE_URL");
  const database = values.database ?? (postgresUrl ? "both" : "pglite");
  if (!["pglite", "postgres", "both"].includes(database)) {
    throw new Error(
      `Option --database must be pglite, postgres or both, got "${database}"`,
    );
  }
  if (database !== "pglite" && !postgresUrl) {
    throw new Error("Option --database postgres needs BENCH_DATABASE_URL");
  }

  progress(`scanning this machine ${options.scans} times`);
  const scan = await runScans(options.scans);
  const runs: DatabaseRun[] = [];
  if (database !== "postgres") {
    runs.push(await benchDatabase("pglite", undefined, options, scan.report));
  }
  if (database !== "pglite") {
    runs.push(
      await benchDatabase("postgres", postgresUrl, options, scan.report),
    );
  }

  const text = render(await machineLine(), options, scan, runs);
  console.log(text);
  if (!values["no-write"]) {
    await Deno.writeTextFile(values.output, text);
    // The figures live beside hand-written docs that `deno fmt --check`
    // guards, so they are written in its layout.
    await new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--quiet", values.output],
    }).output();
    progress(`figures written to ${values.output}`);
  }
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  }
}
