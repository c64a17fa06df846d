import assert from "node:assert/strict";
import type { ReportUpload } from "../shared/api.ts";
import { ControllerError } from "./client.ts";
import { FakeClock } from "./clock.ts";
import { Logger } from "./log.ts";
import { ReportQueue } from "./queue.ts";
import { toUpload } from "./reports.ts";
import { StateStore } from "./state.ts";
import { fakeReport } from "./testdata/fake_controller.ts";
import { UPLOAD_RETRY_BASE_MS, Uploader } from "./uploader.ts";

const AGENT_ID = "00000000-0000-4000-8000-000000000001";

async function setup(upload: (u: ReportUpload) => Promise<unknown>) {
  const dir = await Deno.makeTempDir();
  const lines: string[] = [];
  const logger = new Logger({ console: (line) => lines.push(line) });
  const clock = new FakeClock(1_000_000);
  const queue = new ReportQueue({
    dir: `${dir}/queue`,
    maxReports: 10,
    logger,
  });
  const uploader = new Uploader({
    upload: (_id, u) => upload(u),
    queue,
    state: new StateStore(`${dir}/state.json`),
    clock,
    logger,
    random: () => 1,
  });
  return { uploader, queue, clock, lines };
}

const refused = (status: number) =>
  new ControllerError("http", `HTTP ${status}`, { status });

Deno.test("Uploader backs off twice as long after each failed attempt", async () => {
  const { uploader, queue, clock } = await setup(() =>
    Promise.reject(new ControllerError("network", "down"))
  );
  await queue.enqueue(toUpload(fakeReport()));

  const delays: number[] = [];
  for (let i = 0; i < 3; i++) {
    await assert.rejects(uploader.flush(AGENT_ID, 30_000));
    delays.push(uploader.nextAttemptAt - clock.now());
  }

  assert.deepEqual(delays, [
    UPLOAD_RETRY_BASE_MS,
    UPLOAD_RETRY_BASE_MS * 2,
    UPLOAD_RETRY_BASE_MS * 4,
  ]);
  assert.equal(await queue.size(), 1);
});

Deno.test("Uploader drops a report the controller rejects as invalid, and goes on", async () => {
  const sent: string[] = [];
  const first = fakeReport();
  const { uploader, queue, lines } = await setup((u) => {
    sent.push(u.payload.report_id!);
    return u.payload.report_id === first.report_id
      ? Promise.reject(refused(422))
      : Promise.resolve();
  });
  await queue.enqueue(toUpload(first));
  await queue.enqueue(toUpload(fakeReport()));

  await uploader.flush(AGENT_ID, 30_000);

  assert.equal(sent.length, 2);
  assert.equal(await queue.size(), 0);
  assert.ok(lines.some((l) => l.includes("Report dropped from the queue")));
});

Deno.test("Uploader treats 409 as a report the controller already holds", async () => {
  const { uploader, queue } = await setup(() => Promise.reject(refused(409)));
  await queue.enqueue(toUpload(fakeReport()));

  await uploader.flush(AGENT_ID, 30_000);

  assert.equal(await queue.size(), 0);
});
