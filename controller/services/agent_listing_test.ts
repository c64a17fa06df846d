import { assertEquals } from "../../tests/helpers/assert.ts";
import { toAgent, toListItem } from "./agent_listing.ts";

const NOW = new Date("2026-12-03T12:00:00Z");

function row(id: string, lastSeen: string | null, approval = "approved") {
  return {
    id,
    hostname: id,
    os: "Linux",
    os_version: null,
    ip: null,
    last_seen: lastSeen,
    registered_at: "2026-11-01T00:00:00.000Z",
    approval,
    metadata: {},
    latest_report_id: null,
    latest_report_at: null,
    latest_status: null,
    latest_score: null,
  };
}

function listed(
  stored: ReturnType<typeof row>,
  recent: Date | undefined,
) {
  return toListItem(toAgent(stored, NOW, () => recent));
}

Deno.test("toAgent() brings forward a check-in not yet written", () => {
  const stale = row("a", "2026-12-03T11:00:00.000Z");
  const recent = new Date("2026-12-03T11:59:30Z");
  const updated = listed(stale, recent);
  assertEquals(updated.state, "online");
  assertEquals(updated.lastSeen, "2026-12-03T11:59:30.000Z");
});

Deno.test("toAgent() keeps newer stored times and pending agents", () => {
  const fresh = row("a", "2026-12-03T11:59:00.000Z");
  const older = new Date("2026-12-03T11:00:00Z");
  assertEquals(listed(fresh, older), listed(fresh, undefined));
  assertEquals(listed(fresh, older).lastSeen, "2026-12-03T11:59:00.000Z");

  const pending = row("b", null, "pending");
  const still = listed(pending, NOW);
  assertEquals(still.state, "pending");
});

Deno.test("toListItem() shows a pending agent as pending, others by status", () => {
  const approved = toAgent(row("a", "2026-12-03T11:58:00.000Z"), NOW);
  const pending = toAgent(row("b", "2026-12-03T11:58:00.000Z", "pending"), NOW);
  assertEquals(approved.status, "online");
  assertEquals(toListItem(approved).state, "online");
  assertEquals(pending.status, "online");
  assertEquals(toListItem(pending).state, "pending");
});
