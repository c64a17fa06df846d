import { assertEquals } from "../../tests/helpers/assert.ts";
import { type AgentListItem, withRecentCheckIns } from "./agent_listing.ts";

const NOW = new Date("2026-12-03T12:00:00Z");

function agent(id: string, state: string, lastSeen: string | null) {
  return {
    id,
    hostname: id,
    os: "Linux",
    osVersion: null,
    ip: null,
    state,
    lastSeen,
    registeredAt: "2026-11-01T00:00:00.000Z",
    latestStatus: null,
    latestScore: null,
    latestReportId: null,
    latestReportAt: null,
  } as AgentListItem;
}

Deno.test("withRecentCheckIns() brings forward a check-in not yet written", () => {
  const stale = agent("a", "offline", "2026-12-03T11:00:00.000Z");
  const recent = new Date("2026-12-03T11:59:30Z");
  const [updated] = withRecentCheckIns([stale], () => recent, NOW);
  assertEquals(updated.state, "online");
  assertEquals(updated.lastSeen, "2026-12-03T11:59:30.000Z");
});

Deno.test("withRecentCheckIns() keeps newer stored times and pending agents", () => {
  const fresh = agent("a", "online", "2026-12-03T11:59:00.000Z");
  const older = new Date("2026-12-03T11:00:00Z");
  assertEquals(withRecentCheckIns([fresh], () => older, NOW), [fresh]);

  const pending = agent("b", "pending", null);
  const [still] = withRecentCheckIns([pending], () => NOW, NOW);
  assertEquals(still.state, "pending");
});
