/**
 * One agent as its dashboard page shows it: host facts, state and the
 * commands sent to it.
 *
 * @module
 */
import type { Queryable } from "../db/database.ts";
import {
  AGENT_COLUMNS,
  type AgentListItem,
  type RecentCheckIn,
  toAgent,
  toListItem,
} from "./agent_listing.ts";
import { isUuid } from "./report_listing.ts";

/** An agent with everything its page shows besides reports. */
export interface AgentDetail extends AgentListItem {
  approval: string;
  metadata: Record<string, unknown>;
}

/** One agent at instant `now`, or null when there is none with that id. */
export async function getAgentDetail(
  db: Queryable,
  now: Date,
  id: string,
  recentCheckIn?: RecentCheckIn,
): Promise<AgentDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query(
    `SELECT ${AGENT_COLUMNS} FROM agents WHERE agents.id = $1::uuid`,
    [id],
  );
  if (!row) return null;

  const agent = toAgent(row, now, recentCheckIn);
  return {
    ...toListItem(agent),
    approval: agent.approval,
    metadata: agent.metadata,
  };
}
