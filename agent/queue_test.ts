import assert from "node:assert/strict";
import type { ReportUpload } from "../shared/api.ts";
import { Logger } from "./log.ts";
import { ReportQueue } from "./queue.ts";

function upload(reportId: string): ReportUpload {
  return {
    mode: "standard",
    overall_status: "pass",
    overall_score: 1,
    payload: {
      report_id: reportId,
      scanner_version: "test",
      timestamp_utc: "2026-01-01T00:00:00Z",
      compliance_mode: "standard",
      os: { platform: "Linux", version: "12" },
      controls: [],
      overall: { status: "pass", score: 1 },
    },
  };
}

async function makeQueue(maxReports = 10) {
  const dir = await Deno.makeTempDir();
  const lines: string[] = [];
  const logger = new Logger({ console: (line) => lines.push(line) });
  let now = 1000;
  const queue = new ReportQueue({
    dir,
    maxReports,
    logger,
    now: () => now++,
  });
  return { dir, queue, lines };
}

Deno.test("ReportQueue hands reports back oldest first", async () => {
  const { queue } = await makeQueue();
  await queue.enqueue(upload("00000000-0000-4000-8000-000000000001"));
  await queue.enqueue(upload("00000000-0000-4000-8000-000000000002"));

  const first = await queue.peek();
  assert.equal(first?.upload.payload.report_id?.endsWith("1"), true);

  await queue.remove(first!.name);
  const second = await queue.peek();
  assert.equal(second?.upload.payload.report_id?.endsWith("2"), true);
});

Deno.test("ReportQueue survives a new instance, as after a restart", async () => {
  const { dir, queue } = await makeQueue();
  await queue.enqueue(upload("00000000-0000-4000-8000-000000000001"));

  const reopened = new ReportQueue({
    dir,
    maxReports: 10,
    logger: new Logger({ console: null }),
  });

  assert.equal(await reopened.size(), 1);
});

Deno.test("ReportQueue drops the oldest report when full and logs it", async () => {
  const { queue, lines } = await makeQueue(2);
  for (const n of [1, 2, 3]) {
    await queue.enqueue(upload(`00000000-0000-4000-8000-00000000000${n}`));
  }

  assert.equal(await queue.size(), 2);
  const oldest = await queue.peek();
  assert.equal(oldest?.upload.payload.report_id?.endsWith("2"), true);
  assert.ok(lines.some((line) => line.includes("Queue full")));
});

Deno.test("ReportQueue ignores and cleans half-written files", async () => {
  const { dir, queue } = await makeQueue();
  await Deno.writeTextFile(`${dir}/0001-x.json.ab12.partial`, '{"mode');

  assert.equal(await queue.size(), 0);
  await queue.cleanPartialWrites();
  assert.equal([...Deno.readDirSync(dir)].length, 0);
});

Deno.test("ReportQueue moves an unreadable report out of the way", async () => {
  const { dir, queue } = await makeQueue();
  await Deno.writeTextFile(`${dir}/000000000000001-bad.json`, "not json");
  await queue.enqueue(upload("00000000-0000-4000-8000-000000000009"));

  const next = await queue.peek();

  assert.equal(next?.upload.payload.report_id?.endsWith("9"), true);
  assert.equal(await queue.size(), 1);
});
