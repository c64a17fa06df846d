/**
 * The agent inventory: listing and filtering for admins, approval and
 * deletion, and the cached token record checked on every agent request.
 *
 * @module
 */
import type { Agent, AgentListQuery } from "../../shared/api.ts";
import type { Clock } from "../clock.ts";
import type { Database, Row } from "../db/database.ts";
import { HttpError, notFound } from "../errors.ts";
import { agentStatus, INACTIVE_MS, ONLINE_MS } from "./agent_status.ts";
import type { Actor, AuditService } from "./audit.ts";
import type { LastSeenTracker } from "./last_seen.ts";
import { iso, isoOrNull, jsonObject, likePattern, Params } from "./rows.ts";

/** What the token check needs to know about an agent. */
export interface AgentAuthRecord {
  /** Hash of the current token's id; other tokens are revoked. */
  authKeyHash: string | null;
  /** Whether an admin still has to approve the agent. */
  approval: "approved" | "pending";
}

const COLUMNS = `id, hostname, os, os_version, ip, last_seen, registered_at,
  approval, metadata, latest_report_id, latest_report_at, latest_status,
  latest_score`;

const SORT_COLUMNS: Record<AgentListQuery["sort"], string> = {
  hostname: "lower(hostname)",
  last_seen: "last_seen",
  registered_at: "registered_at",
  os: "lower(os)",
  compliance: "latest_status",
  score: "latest_score",
};

// Long enough to spare the database on the hot path; short enough that a
// change made by another controller process is seen soon.
const AUTH_CACHE_MS = 30_000;
const AUTH_CACHE_MAX = 100_000;

// Controllers sharing a database tell each other which agents changed, so
// a deleted agent's token stops working everywhere at once.
const AGENT_CHANGES = "cefleet_agent_changed";

/** Reads and changes agents. */
export class AgentService {
  #db: Database;
  #clock: Clock;
  #audit: AuditService;
  #lastSeen: LastSeenTracker;
  #authCache = new Map<string, { record: AgentAuthRecord; until: number }>();

  /** Keep agents in `db`. */
  constructor(
    db: Database,
    clock: Clock,
    audit: AuditService,
    lastSeen: LastSeenTracker,
  ) {
    this.#db = db;
    this.#clock = clock;
    this.#audit = audit;
    this.#lastSeen = lastSeen;
  }

  /** The agent with `id`, or null. */
  async get(id: string): Promise<Agent | null> {
    const rows = await this.#db.query(
      `SELECT ${COLUMNS} FROM agents WHERE id = $1`,
      [id],
    );
    return rows.length ? this.#toAgent(rows[0]) : null;
  }

  /** A page of agents matching the query's filters, and the match count. */
  async list(
    query: AgentListQuery,
  ): Promise<{ agents: Agent[]; total: number }> {
    const params = new Params();
    const where = this.#filters(query, params);
    const sort = SORT_COLUMNS[query.sort];
    const order = query.order === "desc" ? "DESC" : "ASC";

    const rows = await this.#db.query(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM agents
       ${where}
       ORDER BY ${sort} ${order} NULLS LAST, id
       LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.skip)}`,
      params.values,
    );
    const total = rows.length > 0
      ? Number(rows[0].total)
      : await this.#count(query);
    return { agents: rows.map((row) => this.#toAgent(row)), total };
  }

  async #count(query: AgentListQuery): Promise<number> {
    if (query.skip === 0) return 0;
    const params = new Params();
    const where = this.#filters(query, params);
    const [row] = await this.#db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM agents ${where}`,
      params.values,
    );
    return Number(row.n);
  }

  #filters(query: AgentListQuery, params: Params): string {
    const clauses: string[] = [];
    if (query.q) {
      const pattern = params.add(likePattern(query.q));
      clauses.push(`(lower(hostname) LIKE ${pattern} OR ip LIKE ${pattern})`);
    }
    if (query.os) clauses.push(`lower(os) = lower(${params.add(query.os)})`);
    if (query.compliance === "none") clauses.push("latest_status IS NULL");
    else if (query.compliance) {
      clauses.push(`latest_status = ${params.add(query.compliance)}`);
    }
    if (query.status) clauses.push(this.#statusClause(query.status, params));
    return clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
  }

  #statusClause(status: string, params: Params): string {
    if (status === "pending") return "approval = 'pending'";
    const now = this.#clock.now().getTime();
    const since = (ms: number) =>
      `${params.add(new Date(now - ms))}::timestamptz`;
    const approved = "approval = 'approved'";
    if (status === "online") {
      return `${approved} AND last_seen >= ${since(ONLINE_MS)}`;
    }
    if (status === "offline") {
      return `${approved} AND last_seen < ${since(ONLINE_MS)}` +
        ` AND last_seen >= ${since(INACTIVE_MS)}`;
    }
    return `${approved} AND (last_seen IS NULL OR last_seen < ${
      since(INACTIVE_MS)
    })`;
  }

  #toAgent(row: Row): Agent {
    const id = row.id as string;
    const stored = row.last_seen ? new Date(iso(row.last_seen)) : null;
    // A check-in not yet flushed is newer than the stored one.
    const lastSeen = this.#lastSeen.peek(id) ?? stored;
    return {
      id,
      hostname: row.hostname as string,
      os: row.os as string,
      os_version: (row.os_version as string | null) ?? null,
      ip: (row.ip as string | null) ?? null,
      last_seen: lastSeen ? lastSeen.toISOString() : null,
      registered_at: iso(row.registered_at),
      status: agentStatus(lastSeen, this.#clock.now()),
      approval: row.approval as Agent["approval"],
      metadata: jsonObject(row.metadata),
      latest_report_id: (row.latest_report_id as string | null) ?? null,
      latest_report_at: isoOrNull(row.latest_report_at),
      latest_status: (row.latest_status as Agent["latest_status"]) ?? null,
      latest_score: row.latest_score === null || row.latest_score === undefined
        ? null
        : Number(row.latest_score),
    };
  }

  /** Approve a pending agent so it may receive commands and send reports. */
  async approve(id: string, actor: Actor): Promise<Agent> {
    const rows = await this.#db.query(
      `UPDATE agents SET approval = 'approved' WHERE id = $1
       RETURNING ${COLUMNS}`,
      [id],
    );
    if (rows.length === 0) throw notFound("Agent", id);
    await this.announceChange(id);
    await this.#audit.record(actor, "agent.approve", id);
    return this.#toAgent(rows[0]);
  }

  /** Delete an agent with its reports and commands; its token stops working. */
  async remove(id: string, actor: Actor): Promise<void> {
    const rows = await this.#db.query<{ hostname: string }>(
      "DELETE FROM agents WHERE id = $1 RETURNING hostname",
      [id],
    );
    if (rows.length === 0) throw notFound("Agent", id);
    await this.announceChange(id);
    this.#lastSeen.forget(id);
    await this.#audit.record(actor, "agent.delete", id, {
      hostname: rows[0].hostname,
    });
  }

  /** The token record of agent `id`, or null when it does not exist. */
  async authRecord(id: string): Promise<AgentAuthRecord | null> {
    const now = this.#clock.now().getTime();
    const cached = this.#authCache.get(id);
    if (cached && cached.until > now) return cached.record;

    const rows = await this.#db.query<
      { auth_key_hash: string; approval: string }
    >(
      "SELECT auth_key_hash, approval FROM agents WHERE id = $1",
      [id],
    );
    if (rows.length === 0) {
      this.#authCache.delete(id);
      return null;
    }
    const record: AgentAuthRecord = {
      authKeyHash: rows[0].auth_key_hash,
      approval: rows[0].approval as AgentAuthRecord["approval"],
    };
    if (this.#authCache.size >= AUTH_CACHE_MAX) this.#authCache.clear();
    this.#authCache.set(id, { record, until: now + AUTH_CACHE_MS });
    return record;
  }

  /** The unwritten check-in of agent `id`, if any. */
  lastSeen(id: string): Date | undefined {
    return this.#lastSeen.peek(id);
  }

  /** Drop the cached token record of `id` after its row changed. */
  invalidate(id: string): void {
    this.#authCache.delete(id);
  }

  /** Drop the cached token record of `id` here and in other controllers. */
  async announceChange(id: string): Promise<void> {
    this.invalidate(id);
    await this.#db.query("SELECT pg_notify($1, $2)", [AGENT_CHANGES, id]);
  }

  /** Follow changes other controllers announce; resolves to a stop function. */
  followChanges(): Promise<() => Promise<void>> {
    return this.#db.listen(AGENT_CHANGES, (id) => this.invalidate(id));
  }

  /**
   * Fail unless agent `id` exists and is approved.
   *
   * @throws {HttpError} 404 when missing, 409 when awaiting approval
   */
  async requireApproved(id: string): Promise<Agent> {
    const agent = await this.get(id);
    if (!agent) throw notFound("Agent", id);
    if (agent.approval === "pending") {
      throw new HttpError(
        409,
        "agent_pending",
        `Agent "${id}" is waiting for approval`,
      );
    }
    return agent;
  }
}
