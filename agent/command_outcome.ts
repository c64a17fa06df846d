/**
 * What the agent does with each command the controller sends, and what it
 * answers. Every command gets an answer: one the agent will not run is
 * answered `failed` with the reason, never left to expire in silence.
 *
 * @module
 */
import { type AgentCommand, ScanCommandPayloadSchema } from "../shared/api.ts";
import type { ComplianceMode, Report } from "../shared/report.ts";

/** The answer posted for a command. */
export interface CommandOutcome {
  status: "completed" | "failed";
  result: Record<string, unknown>;
}

/** Why `update` is refused. */
export const UPDATE_REFUSAL = "This agent does not update itself; deploy " +
  "the new version with your software distribution tool";

/**
 * Runs `command`: a scan through `scan` (which also queues the report),
 * anything else refused with a reason.
 */
export async function executeCommand(
  command: AgentCommand,
  scan: (mode: ComplianceMode) => Promise<Report>,
): Promise<CommandOutcome> {
  if (command.command_type === "update") return failed(UPDATE_REFUSAL);
  if (command.command_type !== "scan") {
    return failed(`Unknown command type "${command.command_type}"`);
  }

  const payload = ScanCommandPayloadSchema.safeParse(command.payload);
  if (!payload.success) {
    return failed(`Scan command has an invalid mode "${command.payload.mode}"`);
  }

  try {
    const report = await scan(payload.data.mode);
    return {
      status: "completed",
      result: {
        report_id: report.report_id,
        overall_status: report.overall.status,
        overall_score: report.overall.score,
        mode: report.compliance_mode,
      },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failed(`Scan failed: ${reason}`);
  }
}

function failed(reason: string): CommandOutcome {
  return { status: "failed", result: { reason } };
}
