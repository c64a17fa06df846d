/**
 * `scan`: one local scan through the scanner's own command line; with
 * `--upload` the report also goes into the queue and, when the controller
 * answers, up to it.
 *
 * @module
 */
import type { Report } from "../../shared/report.ts";
import { ControllerError } from "../client.ts";
import { AgentError } from "../errors.ts";
import { toUpload } from "../reports.ts";
import { scanMain } from "../scanner/cli.ts";
import type { AgentContext } from "./context.ts";
import { loadRegistration, openClient } from "./context.ts";

/** Agent options `scan` takes on top of the scanner's own. */
export const SCAN_EXTRA_HELP = `
Agent options:
  --upload            queue the report for the controller and upload it
                      now when the controller answers (needs "register")
  --output FILE       must lie inside the agent's own folders; redirect the
                      output (> FILE) to write anywhere else
`;

/** Splits the agent's own options off the scanner's. */
export function splitScanArgs(args: string[]): {
  upload: boolean;
  scannerArgs: string[];
  stateDir?: string;
  caCert?: string;
  noVerifySsl: boolean;
} {
  const scannerArgs: string[] = [];
  const result = { upload: false, noVerifySsl: false } as ReturnType<
    typeof splitScanArgs
  >;
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => inline ?? args[++i];
    if (name === "--upload") result.upload = true;
    else if (name === "--no-verify-ssl") result.noVerifySsl = true;
    else if (name === "--state-dir") result.stateDir = value();
    else if (name === "--ca-cert") result.caCert = value();
    else scannerArgs.push(args[i]);
  }
  result.scannerArgs = scannerArgs;
  return result;
}

/** Runs the scanner; queues and uploads the report when asked to. */
export async function scanCommand(
  context: AgentContext | undefined,
  scannerArgs: string[],
): Promise<number> {
  // Checked before scanning, so a missing registration fails in a second,
  // not after the scan.
  const registration = context ? await loadRegistration(context) : undefined;

  return await scanMain(scannerArgs, {
    extraHelp: SCAN_EXTRA_HELP,
    command: "cefleet-agent scan",
    afterReport: context && registration
      ? (report: Report) => queueAndUpload(context, registration, report)
      : undefined,
  });
}

async function queueAndUpload(
  context: AgentContext,
  registration: Awaited<ReturnType<typeof loadRegistration>>,
  report: Report,
) {
  const { config, token } = registration;
  const queue = context.queue(config);
  await queue.enqueue(toUpload(report));
  await context.state.update((state) => {
    state.last_scan = {
      at: report.timestamp_utc,
      report_id: report.report_id,
      mode: report.compliance_mode,
      status: report.overall.status,
      score: report.overall.score,
      trigger: "manual",
    };
  });

  const client = await openClient(context, config.controller_url, config);
  client.setToken(token);
  try {
    for (let item = await queue.peek(); item; item = await queue.peek()) {
      await client.uploadReport(config.agent_id, item.upload);
      await queue.remove(item.name);
      context.logger.info("Report uploaded", {
        report_id: item.upload.payload.report_id,
      });
    }
    console.error(
      `Report ${report.report_id} uploaded to ${config.controller_url}`,
    );
  } catch (error) {
    if (!(error instanceof ControllerError)) throw error;
    if (error.tokenGone) {
      throw new AgentError(
        "token_rejected",
        `Controller refused this agent's token (${error.code}); run register again`,
      );
    }
    context.logger.warn("Report queued, upload failed", {
      reason: error.message,
    });
    console.error(
      `Report ${report.report_id} queued; the agent uploads it when the ` +
        `controller answers (${error.message})`,
    );
  } finally {
    client.close();
  }
}
