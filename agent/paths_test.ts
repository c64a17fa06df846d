import assert from "node:assert/strict";
import { resolvePaths } from "./paths.ts";

Deno.test("resolvePaths() uses /etc and /var/lib on Linux", () => {
  const paths = resolvePaths("linux");
  assert.equal(paths.configFile, "/etc/cefleet/config.json");
  assert.equal(paths.queueDir, "/var/lib/cefleet/queue");
  assert.equal(paths.logDir, "/var/lib/cefleet/logs");
  assert.equal(paths.custom, false);
});

Deno.test("resolvePaths() uses ProgramData on Windows", () => {
  const paths = resolvePaths("windows");
  assert.equal(paths.configFile, "C:\\ProgramData\\cefleet\\config.json");
  assert.equal(paths.stateFile, "C:\\ProgramData\\cefleet\\state.json");
});

Deno.test("resolvePaths() uses Application Support on macOS", () => {
  const paths = resolvePaths("darwin");
  assert.equal(
    paths.queueDir,
    "/Library/Application Support/cefleet/queue",
  );
});

Deno.test("resolvePaths() puts everything under a state directory", () => {
  const paths = resolvePaths("linux", "/tmp/agent-a/");
  assert.equal(paths.configFile, "/tmp/agent-a/config.json");
  assert.equal(paths.stateFile, "/tmp/agent-a/state.json");
  assert.equal(paths.queueDir, "/tmp/agent-a/queue");
  assert.equal(paths.custom, true);
});
