import assert from "node:assert/strict";
import { AgentError } from "./errors.ts";
import { defaultConfig, loadConfig, saveConfig } from "./config.ts";

Deno.test("defaultConfig() checks in every 60 s and scans at 02:00", () => {
  const config = defaultConfig("https://ce.example.org");
  assert.equal(config.heartbeat_interval_s, 60);
  assert.equal(config.poll_interval_s, 30);
  assert.equal(config.scan_time, "02:00");
  assert.equal(config.verify_tls, true);
});

Deno.test("saveConfig() then loadConfig() returns the same settings", async () => {
  const path = `${await Deno.makeTempDir()}/config.json`;
  const config = {
    ...defaultConfig("https://ce.example.org"),
    scan_time: "23:15",
  };

  await saveConfig(path, config);

  assert.deepEqual(await loadConfig(path), config);
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
});

Deno.test("loadConfig() returns undefined when no file exists", async () => {
  const dir = await Deno.makeTempDir();
  assert.equal(await loadConfig(`${dir}/config.json`), undefined);
});

Deno.test("loadConfig() names the setting at fault", async () => {
  const path = `${await Deno.makeTempDir()}/config.json`;
  await Deno.writeTextFile(
    path,
    JSON.stringify({ controller_url: "https://x.org", scan_time: "25:00" }),
  );

  const error = await loadConfig(path).catch((e) => e);

  assert.ok(error instanceof AgentError);
  assert.match(error.message, /invalid "scan_time"/);
});

Deno.test("loadConfig() says the scan time's form in words", async () => {
  const path = `${await Deno.makeTempDir()}/config.json`;
  await Deno.writeTextFile(
    path,
    JSON.stringify({ controller_url: "https://x.org", scan_time: "7:30" }),
  );

  const error = await loadConfig(path).catch((e) => e);

  assert.ok(error instanceof AgentError);
  assert.match(
    error.message,
    /invalid "scan_time": "7:30" is not a 24-hour time "HH:MM" or "off"$/,
  );
});
