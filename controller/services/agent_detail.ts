/**
 * One agent as its dashboard page shows it: host facts, state and the
 * commands sent to it.
 *
 * @module
 */
import type { Queryable } from "../db/database.ts";
import type { AgentListItem } from "./agent_listing.ts";
import { isoOrNull, jsonObject } from "./rows.ts";
import { agentStateSql } from "./fleet_stats.ts";
import { isUuid } from "./report_listing.ts";

/** An agent with everything its page shows besides reports. */
export interface AgentDetail extends AgentListItem {
  approval: string;
  metadata: Record<string, unknown>;
}

/** One agent, or null when there is none with that id. */
export async function getAgentDetail(
  db: Queryable,
  now: Date,
  id: string,
): Promise<AgentDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<AgentDetail>(
    `SELECT a.id::text AS id, a.hostname, a.os, a.os_version AS "osVersion",
            a.ip, ${agentStateSql("a", "$1")} AS state,
            a.last_seen AS "lastSeen", a.registered_at AS "registeredAt",
            a.latest_status AS "latestStatus",
            a.latest_score AS "latestScore",
            a.latest_report_id::text AS "latestReportId",
            a.latest_report_at AS "latestReportAt",
            a.approval, a.metadata
     FROM agents a WHERE a.id = $2::uuid`,
    [now.toISOString(), id],
  );
  if (!row) return null;

  return {
    ...row,
    lastSeen: isoOrNull(row.lastSeen),
    registeredAt: isoOrNull(row.registeredAt) ?? "",
    latestReportAt: isoOrNull(row.latestReportAt),
    metadata: jsonObject(row.metadata),
  };
}
