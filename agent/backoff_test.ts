import assert from "node:assert/strict";
import { backoffDelay, withJitter } from "./backoff.ts";

const options = { baseMs: 1000, maxMs: 60_000 };

Deno.test("backoffDelay() doubles its ceiling with each attempt", () => {
  const ceilings = [0, 1, 2, 3].map((attempt) =>
    backoffDelay(attempt, { ...options, random: () => 1 })
  );
  assert.deepEqual(ceilings, [1000, 2000, 4000, 8000]);
});

Deno.test("backoffDelay() never exceeds its cap", () => {
  assert.equal(backoffDelay(50, { ...options, random: () => 1 }), 60_000);
});

Deno.test("backoffDelay() keeps at least half the ceiling", () => {
  assert.equal(backoffDelay(2, { ...options, random: () => 0 }), 2000);
});

Deno.test("withJitter() spreads an interval both ways", () => {
  assert.equal(withJitter(60_000, 0.1, () => 0), 54_000);
  assert.equal(withJitter(60_000, 0.1, () => 1), 66_000);
  assert.equal(withJitter(60_000, 0.1, () => 0.5), 60_000);
});
