import assert from "node:assert/strict";
import { fixture } from "../recorded_probe.ts";
import {
  isLocalSession,
  parseBsdLast,
  parseLastlog,
  parseWho,
} from "./logins.ts";

Deno.test("parseLastlog() reads dates with their offset and never-logged-in rows", () => {
  const logins = parseLastlog(fixture("linux", "uac_lastlog.txt"));
  const byUser = new Map(logins.map((l) => [l.user, l.at]));
  assert.equal(byUser.get("root"), undefined);
  assert.ok(byUser.has("root"));
  assert.equal(
    byUser.get("carol")?.toISOString(),
    "2026-06-12T08:03:27.000Z",
  );
  assert.equal(byUser.has("Username"), false);
});

Deno.test("parseBsdLast() infers each year from the weekday", () => {
  const record = parseBsdLast(
    fixture("darwin", "uac_last.txt"),
    new Date("2026-12-03T12:00:00Z"),
  );
  assert.deepEqual(
    record.logins.map((l) => [l.user, l.at?.toISOString()]),
    [
      ["alice", "2026-12-03T09:12:00.000Z"],
      ["itadmin", "2026-11-23T14:01:00.000Z"],
      ["olduser", "2026-06-02T10:15:00.000Z"],
    ],
  );
  assert.equal(record.begins?.toISOString(), "2026-02-07T11:40:00.000Z");
});

Deno.test("parseBsdLast() puts a date that cannot be this year in an earlier one", () => {
  // 3 December fell on a Tuesday in 2024.
  const record = parseBsdLast(
    "bob       console                   Tue Dec  3 10:00 - 11:00  (01:00)\n",
    new Date("2026-12-03T12:00:00Z"),
  );
  assert.equal(record.logins[0].at?.toISOString(), "2024-12-03T10:00:00.000Z");
});

Deno.test("parseWho() and isLocalSession() tell the console from SSH", () => {
  const sessions = parseWho(fixture("linux", "uac_who_console_alice.txt"));
  assert.deepEqual(sessions.map((s) => [s.user, isLocalSession(s)]), [
    ["alice", true],
    ["alice", true],
    ["bob", false],
  ]);
  assert.equal(sessions[2].from, "192.0.2.20");
  assert.ok(isLocalSession({ user: "x", line: "pts/3", from: ":0" }));
});
