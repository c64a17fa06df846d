/**
 * An agent's status from its last check-in: online under 5 minutes,
 * offline under 30 days, inactive after that.
 *
 * @module
 */
import type { AgentStatus } from "../../shared/api.ts";

/** Check-ins younger than this keep an agent online. */
export const ONLINE_MS = 5 * 60 * 1000;
/** Agents silent for longer than this are inactive. */
export const INACTIVE_MS = 30 * 24 * 60 * 60 * 1000;

/** The status of an agent last seen at `lastSeen`, as of `now`. */
export function agentStatus(lastSeen: Date | null, now: Date): AgentStatus {
  if (!lastSeen) return "inactive";
  const age = now.getTime() - lastSeen.getTime();
  if (age < ONLINE_MS) return "online";
  if (age < INACTIVE_MS) return "offline";
  return "inactive";
}
