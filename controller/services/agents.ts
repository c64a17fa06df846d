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
import { AGENT_COLUMNS, agentPage, toAgent } from "./agent_listing.ts";
import type { Actor, AuditService } from "./audit.ts";
import type { LastSeenTracker } from "./last_seen.ts";

/** What the token check needs to know about an agent. */
export interface AgentAuthRecord {
  /** Hash of the current token's id; other tokens are revoked. */
  authKeyHash: string | null;
  /** Whether an admin still has to approve the agent. */
  approval: "approved" | "pending";
}

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
  #recent = (id: string) => this.#lastSeen.peek(id);

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
      `SELECT ${AGENT_COLUMNS} FROM agents WHERE id = $1`,
      [id],
    );
    return rows.length ? this.#toAgent(rows[0]) : null;
  }

  /** A page of agents matching the query's filters, and the match count. */
  async list(
    query: AgentListQuery,
  ): Promise<{ agents: Agent[]; total: number }> {
    return await agentPage(this.#db, this.#clock.now(), query, this.#recent);
  }

  #toAgent(row: Row): Agent {
    return toAgent(row, this.#clock.now(), this.#recent);
  }

  /** Approve a pending agent so it may receive commands and send reports. */
  async approve(id: string, actor: Actor): Promise<Agent> {
    const rows = await this.#db.query(
      `UPDATE agents SET approval = 'approved' WHERE id = $1
       RETURNING ${AGENT_COLUMNS}`,
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
