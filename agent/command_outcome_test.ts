import assert from "node:assert/strict";
import type { AgentCommand } from "../shared/api.ts";
import { executeCommand, UPDATE_REFUSAL } from "./command_outcome.ts";
import { fakeReport } from "./testdata/fake_controller.ts";

const ID = "00000000-0000-4000-8000-0000000000c1";

function command(type: string, payload: Record<string, unknown> = {}) {
  return {
    id: ID,
    command_type: type,
    payload,
    status: "running",
  } as AgentCommand;
}

const neverScan = () => Promise.reject(new Error("must not scan"));

Deno.test("executeCommand() answers a scan with its report's summary", async () => {
  const report = fakeReport("strict");
  const outcome = await executeCommand(
    command("scan", { mode: "strict" }),
    () => Promise.resolve(report),
  );
  assert.deepEqual(outcome, {
    status: "completed",
    result: {
      report_id: report.report_id,
      overall_status: "pass",
      overall_score: 1,
      mode: "strict",
    },
  });
});

Deno.test("executeCommand() refuses update with a reason", async () => {
  const outcome = await executeCommand(command("update"), neverScan);
  assert.deepEqual(outcome, {
    status: "failed",
    result: { reason: UPDATE_REFUSAL },
  });
});

Deno.test("executeCommand() refuses a scan with an unknown mode", async () => {
  const outcome = await executeCommand(
    command("scan", { mode: "paranoid" }),
    neverScan,
  );
  assert.equal(
    outcome.result.reason,
    'Scan command has an invalid mode "paranoid"',
  );
});

Deno.test("executeCommand() reports a scan that throws as failed", async () => {
  const outcome = await executeCommand(
    command("scan", { mode: "standard" }),
    () => Promise.reject(new Error("Unsupported operating system")),
  );
  assert.deepEqual(outcome, {
    status: "failed",
    result: { reason: "Scan failed: Unsupported operating system" },
  });
});
