import assert from "node:assert/strict";
import { FakeClock } from "./clock.ts";

Deno.test("FakeClock wakes sleepers only once time passes their deadline", async () => {
  const clock = new FakeClock(1000);
  let woke = false;
  const sleeping = clock.sleep(500).then(() => woke = true);

  clock.advance(499);
  await Promise.resolve();
  assert.equal(woke, false);

  clock.advance(1);
  await sleeping;
  assert.equal(woke, true);
  assert.equal(clock.now(), 1500);
});

Deno.test("FakeClock sleep ends early when its signal aborts", async () => {
  const clock = new FakeClock();
  const controller = new AbortController();
  const sleeping = clock.sleep(10_000, controller.signal);

  controller.abort();
  await sleeping;
  assert.equal(clock.waiting, 0);
});
