import assert from "node:assert/strict";
import { LOG_FILE, Logger } from "./log.ts";

Deno.test("Logger writes JSON lines with level, message and fields", async () => {
  const dir = await Deno.makeTempDir();
  const logger = new Logger({ dir, console: null, now: () => 0 });

  logger.info("Report uploaded", { report_id: "r1" });

  const line = JSON.parse(await Deno.readTextFile(`${dir}/${LOG_FILE}`));
  assert.deepEqual(line, {
    time: "1970-01-01T00:00:00.000Z",
    level: "info",
    msg: "Report uploaded",
    report_id: "r1",
  });
});

Deno.test("Logger masks registered secrets in files and on the console", async () => {
  const dir = await Deno.makeTempDir();
  const console: string[] = [];
  const logger = new Logger({ dir, console: (line) => console.push(line) });
  logger.redact("eyJ-secret-token");

  logger.error("Unexpected answer", { body: "token eyJ-secret-token" });

  const file = await Deno.readTextFile(`${dir}/${LOG_FILE}`);
  assert.equal(file.includes("eyJ-secret-token"), false);
  assert.equal(console.join("").includes("eyJ-secret-token"), false);
  assert.match(file, /\[redacted\]/);
});

Deno.test("Logger rotates files and keeps a bounded number", async () => {
  const dir = await Deno.makeTempDir();
  const logger = new Logger({ dir, console: null, maxBytes: 200, keep: 2 });

  for (let i = 0; i < 30; i++) logger.info("line", { i });

  const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  assert.deepEqual(names, [LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`]);
  const current = await Deno.readTextFile(`${dir}/${LOG_FILE}`);
  assert.match(current, /"i":29/);
});

Deno.test("Logger drops entries below its level", () => {
  const lines: string[] = [];
  const logger = new Logger({ level: "warn", console: (l) => lines.push(l) });

  logger.info("quiet");
  logger.warn("loud");

  assert.deepEqual(lines, ["WARN  loud"]);
});
