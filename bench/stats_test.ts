import { assertEquals } from "../tests/helpers/assert.ts";
import { percentile, summarise } from "./stats.ts";

Deno.test("percentile() takes the nearest rank of a sorted sample", () => {
  const sample = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assertEquals(percentile(sample, 0.5), 5);
  assertEquals(percentile(sample, 0.95), 10);
  assertEquals(percentile(sample, 0), 1);
});

Deno.test("summarise() sorts before ranking and reports the maximum", () => {
  const summary = summarise([30, 10, 20]);
  assertEquals(summary, { count: 3, p50: 20, p95: 30, p99: 30, max: 30 });
});

Deno.test("summarise() of no samples gives NaN rather than zero", () => {
  assertEquals(Number.isNaN(summarise([]).p50), true);
});
