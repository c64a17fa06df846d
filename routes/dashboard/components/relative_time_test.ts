import assert from "node:assert/strict";
import { formatRelative, formatUtc } from "./relative_time.ts";

const NOW = Date.parse("2026-12-03T12:00:00Z");

Deno.test("formatRelative() words a past instant in minutes", () => {
  const threeMinutesAgo = NOW - 3 * 60_000;
  assert.equal(formatRelative(threeMinutesAgo, NOW, "en"), "3 minutes ago");
});

Deno.test("formatRelative() picks the largest whole unit", () => {
  assert.equal(formatRelative(NOW - 26 * 3600_000, NOW, "en"), "yesterday");
  assert.equal(formatRelative(NOW + 2 * 3600_000, NOW, "en"), "in 2 hours");
});

Deno.test("formatRelative() calls anything under a minute now", () => {
  assert.equal(formatRelative(NOW - 20_000, NOW, "en"), "now");
});

Deno.test("formatRelative() follows the viewer's locale", () => {
  assert.equal(formatRelative(NOW - 3 * 60_000, NOW, "de"), "vor 3 Minuten");
});

Deno.test("formatUtc() prints minutes in UTC and keeps bad input", () => {
  assert.equal(formatUtc("2026-12-03T12:34:56.789Z"), "2026-12-03 12:34 UTC");
  assert.equal(formatUtc("not a time"), "not a time");
});
