/**
 * Commands sent to agents: created by admins, fetched by agents (pending
 * to running), answered (completed or failed), or expired when an agent
 * never answers.
 *
 * @module
 */
import type {
  AgentCommand,
  Command,
  CommandListQuery,
  CommandResultRequest,
} from "../../shared/api.ts";
import type { ComplianceMode } from "../../shared/report.ts";
import type { Clock } from "../clock.ts";
import type { Database, Row } from "../db/database.ts";
import { HttpError, notFound } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { agentStatus } from "./agent_status.ts";
import type { AgentService } from "./agents.ts";
import type { Actor, AuditService } from "./audit.ts";
import type { PendingCommandHints } from "./pending_commands.ts";
import { iso, jsonObject, Params } from "./rows.ts";

const COLUMNS = `c.id, c.agent_id, a.hostname, c.command_type, c.payload,
  c.status, c.result, c.created_at, c.updated_at, c.expires_at`;

function toCommand(row: Row): Command {
  return {
    id: row.id as string,
    agent_id: row.agent_id as string,
    hostname: (row.hostname as string | null) ?? null,
    command_type: row.command_type as string,
    payload: jsonObject(row.payload),
    status: row.status as Command["status"],
    result: row.result === null ? null : jsonObject(row.result),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    expires_at: iso(row.expires_at),
  };
}

/** Why a bulk scan left an agent out. */
export interface SkippedAgent {
  agent_id: string;
  reason: "not_found" | "offline" | "pending";
}

/** Creates, hands out, settles and expires commands. */
export class CommandService {
  #db: Database;
  #clock: Clock;
  #logger: Logger;
  #audit: AuditService;
  #agents: AgentService;
  #hints: PendingCommandHints;
  #timeoutMs: number;

  /** Keep commands in `db`; unanswered ones expire after `timeoutSeconds`. */
  constructor(deps: {
    db: Database;
    clock: Clock;
    logger: Logger;
    audit: AuditService;
    agents: AgentService;
    hints: PendingCommandHints;
    timeoutSeconds: number;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#audit = deps.audit;
    this.#agents = deps.agents;
    this.#hints = deps.hints;
    this.#timeoutMs = deps.timeoutSeconds * 1000;
  }

  /**
   * Ask one approved agent to scan in `mode`.
   *
   * @throws {HttpError} 404 for an unknown agent, 409 for a pending one
   */
  async scan(agentId: string, mode: ComplianceMode, actor: Actor) {
    await this.#agents.requireApproved(agentId);
    const [commandId] = await this.#insertScans([agentId], mode, actor);
    return commandId;
  }

  /**
   * Ask many agents to scan. Unknown and pending agents are skipped, and
   * offline ones too when asked.
   */
  async bulkScan(
    agentIds: string[],
    mode: ComplianceMode,
    skipOffline: boolean,
    actor: Actor,
  ): Promise<{ commandIds: string[]; skipped: SkippedAgent[] }> {
    const unique = [...new Set(agentIds)];
    const rows = await this.#db.query<
      { id: string; approval: string; last_seen: Date | string | null }
    >(
      `SELECT id, approval, last_seen FROM agents
       WHERE id IN (
         SELECT value::uuid FROM jsonb_array_elements_text($1::text::jsonb)
       )`,
      [JSON.stringify(unique)],
    );
    const found = new Map(rows.map((row) => [row.id, row]));
    const now = this.#clock.now();

    const targets: string[] = [];
    const skipped: SkippedAgent[] = [];
    for (const id of unique) {
      const row = found.get(id);
      const reason = !row
        ? "not_found"
        : row.approval === "pending"
        ? "pending"
        : skipOffline && this.#isOffline(id, row.last_seen, now)
        ? "offline"
        : null;
      if (reason) skipped.push({ agent_id: id, reason });
      else targets.push(id);
    }

    const commandIds = await this.#insertScans(targets, mode, actor);
    return { commandIds, skipped };
  }

  #isOffline(id: string, stored: Date | string | null, now: Date): boolean {
    const lastSeen = this.#agents.lastSeen(id) ??
      (stored ? new Date(iso(stored)) : null);
    return agentStatus(lastSeen, now) !== "online";
  }

  async #insertScans(
    agentIds: string[],
    mode: ComplianceMode,
    actor: Actor,
  ): Promise<string[]> {
    if (agentIds.length === 0) return [];
    const now = this.#clock.now();
    const expires = new Date(now.getTime() + this.#timeoutMs);
    const commands = agentIds.map((agent_id) => ({
      id: crypto.randomUUID(),
      agent_id,
    }));

    await this.#db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO commands (id, agent_id, command_type, payload, status,
           created_at, updated_at, expires_at, created_by)
         SELECT v.id, v.agent_id, 'scan', $2::text::jsonb, 'pending', $3, $3,
           $4, $5
         FROM jsonb_to_recordset($1::text::jsonb) AS v(id uuid, agent_id uuid)`,
        [
          JSON.stringify(commands),
          JSON.stringify({ mode }),
          now,
          expires,
          actor.id,
        ],
      );
      await this.#audit.record(actor, "command.scan", null, {
        mode,
        agents: agentIds.length,
        command_ids: commands.slice(0, 100).map((command) => command.id),
      }, tx);
    });
    await this.#hints.announce(agentIds);
    this.#logger.info("Scan requested", { mode, agents: agentIds.length });
    return commands.map((command) => command.id);
  }

  /** Hand agent `agentId` its pending commands, now marked running. */
  async fetchForAgent(agentId: string): Promise<AgentCommand[]> {
    if (!this.#hints.take(agentId)) return [];
    const now = this.#clock.now();
    const rows = await this.#db.query(
      `UPDATE commands SET status = 'running', updated_at = $2
       WHERE agent_id = $1 AND status = 'pending' AND expires_at > $2
       RETURNING id, command_type, payload, status, created_at`,
      [agentId, now],
    );
    return rows
      .sort((a, b) => iso(a.created_at).localeCompare(iso(b.created_at)))
      .map((row) => ({
        id: row.id as string,
        command_type: row.command_type as string,
        payload: jsonObject(row.payload),
        status: "running" as const,
      }));
  }

  /**
   * Record agent `agentId`'s outcome of command `commandId`. Repeating the
   * same outcome answers the same, so an agent may retry.
   *
   * @throws {HttpError} 404 when the command is not this agent's, 409 when
   * it already ended otherwise
   */
  async settle(
    agentId: string,
    commandId: string,
    outcome: CommandResultRequest,
  ): Promise<void> {
    const now = this.#clock.now();
    const rows = await this.#db.query<{ status: string }>(
      `UPDATE commands SET status = $3, result = $4::text::jsonb, updated_at = $5
       WHERE id = $1 AND agent_id = $2
         AND status IN ('pending', 'running') AND expires_at > $5
       RETURNING status`,
      [
        commandId,
        agentId,
        outcome.status,
        JSON.stringify(outcome.result ?? {}),
        now,
      ],
    );
    if (rows.length > 0) return;

    const [current] = await this.#db.query<{ status: string; open: boolean }>(
      `SELECT status, status IN ('pending', 'running') AS open
       FROM commands WHERE id = $1 AND agent_id = $2`,
      [commandId, agentId],
    );
    if (!current) throw notFound("Command", commandId);
    if (current.status === outcome.status) return;
    // Still open here means the update above found it past its expiry.
    const state = current.open ? "expired" : current.status;
    throw new HttpError(
      409,
      "conflict",
      `Command "${commandId}" is already ${state}`,
    );
  }

  /** Mark commands not answered in time as expired; returns how many. */
  async expireOverdue(): Promise<number> {
    const now = this.#clock.now();
    const rows = await this.#db.query(
      `UPDATE commands SET status = 'expired', updated_at = $1
       WHERE status IN ('pending', 'running') AND expires_at <= $1
       RETURNING id`,
      [now],
    );
    if (rows.length > 0) {
      this.#logger.info("Commands expired", { commands: rows.length });
    }
    return rows.length;
  }

  /** A page of commands, newest first, and the match count. */
  async list(
    query: CommandListQuery,
  ): Promise<{ commands: Command[]; total: number }> {
    await this.expireOverdue();
    const params = new Params();
    const clauses: string[] = [];
    if (query.agent_id) {
      clauses.push(`c.agent_id = ${params.add(query.agent_id)}`);
    }
    if (query.status) clauses.push(`c.status = ${params.add(query.status)}`);
    const where = clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";

    const [{ n }] = await this.#db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM commands c ${where}`,
      params.values,
    );
    const rows = await this.#db.query(
      `SELECT ${COLUMNS} FROM commands c
       LEFT JOIN agents a ON a.id = c.agent_id
       ${where}
       ORDER BY c.created_at DESC, c.id
       LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.skip)}`,
      params.values,
    );
    return { commands: rows.map(toCommand), total: Number(n) };
  }

  /** One command, or null. */
  async get(id: string): Promise<Command | null> {
    await this.expireOverdue();
    const rows = await this.#db.query(
      `SELECT ${COLUMNS} FROM commands c
       LEFT JOIN agents a ON a.id = c.agent_id WHERE c.id = $1`,
      [id],
    );
    return rows.length ? toCommand(rows[0]) : null;
  }
}
