import { assertEquals } from "../../tests/helpers/assert.ts";
import { agentStatus } from "./agent_status.ts";

const now = new Date("2026-01-31T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

Deno.test("agentStatus() is online for a check-in under 5 minutes old", () => {
  assertEquals(agentStatus(ago(4 * 60_000), now), "online");
});

Deno.test("agentStatus() is offline from 5 minutes to 30 days", () => {
  assertEquals(agentStatus(ago(5 * 60_000), now), "offline");
  assertEquals(agentStatus(ago(29 * 86_400_000), now), "offline");
});

Deno.test("agentStatus() is inactive after 30 days or with no check-in", () => {
  assertEquals(agentStatus(ago(30 * 86_400_000), now), "inactive");
  assertEquals(agentStatus(null, now), "inactive");
});
