import assert from "node:assert/strict";
import { type AgentStatus, formatStatus } from "./status.ts";

const STATUS: AgentStatus = {
  registered: true,
  agent_id: "00000000-0000-4000-8000-000000000001",
  controller_url: "https://ce.example.org",
  approval: "approved",
  token_refused: null,
  token_store: "file (/tmp/agent/agent-token)",
  token_stored: true,
  controller_reachable: true,
  controller_error: null,
  last_heartbeat_at: null,
  last_upload_at: null,
  last_scan: null,
  queued_reports: 0,
};

Deno.test("formatStatus() shows the approval of a working registration", () => {
  assert.equal(
    formatStatus(STATUS)[0],
    "Registration:    agent 00000000-0000-4000-8000-000000000001 (approved)",
  );
});

Deno.test("formatStatus() says when the controller refused the token and what to do", () => {
  const lines = formatStatus({ ...STATUS, token_refused: "agent_deleted" });

  assert.equal(
    lines[0],
    "Registration:    agent 00000000-0000-4000-8000-000000000001, " +
      "refused by the controller (agent_deleted); run register again",
  );
});
