/**
 * Agent registration: check the enrollment secret, create the agent (or
 * take over the row of the same machine) and issue its token.
 *
 * @module
 */
import type { RegisterRequest, RegisterResponse } from "../../shared/api.ts";
import { sha256Hex } from "../auth/passwords.ts";
import type { TokenService } from "../auth/tokens.ts";
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Database, Queryable } from "../db/database.ts";
import { HttpError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { AgentService } from "./agents.ts";
import type { EnrollmentService } from "./enrollment.ts";

/** Registers agents. */
export class RegistrationService {
  #db: Database;
  #clock: Clock;
  #logger: Logger;
  #tokens: TokenService;
  #agents: AgentService;
  #enrollment: EnrollmentService;
  #mode: Config["registration"];

  /** Register into `db` under the given registration mode. */
  constructor(deps: {
    db: Database;
    clock: Clock;
    logger: Logger;
    tokens: TokenService;
    agents: AgentService;
    enrollment: EnrollmentService;
    mode: Config["registration"];
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#tokens = deps.tokens;
    this.#agents = deps.agents;
    this.#enrollment = deps.enrollment;
    this.#mode = deps.mode;
  }

  /**
   * Register an agent. A machine that registers again (same
   * `metadata.machine_id`) keeps its agent id and gets a new token, which
   * revokes the old one.
   *
   * @throws {HttpError} 401 `enroll_secret_invalid` when the secret is
   * wrong, or missing while registration requires one
   */
  async register(
    request: RegisterRequest,
    clientAddress: string,
  ): Promise<RegisterResponse> {
    const machineId = typeof request.metadata?.machine_id === "string"
      ? request.metadata.machine_id.slice(0, 255)
      : null;

    const result = await this.#db.transaction(async (tx) => {
      const secretId = await this.#checkSecret(request.enroll_secret, tx);
      const approval = secretId ? "approved" : "pending";
      const agentId = await this.#existingMachine(machineId, tx) ??
        crypto.randomUUID();
      const { token, tokenId } = await this.#tokens.issueAgent(agentId);
      await this.#upsert(tx, {
        agentId,
        request,
        machineId,
        secretId,
        approval,
        tokenHash: sha256Hex(tokenId),
        ip: request.ip ?? clientAddress,
      });
      return { agent_id: agentId, agent_token: token, approval } as const;
    });

    await this.#agents.announceChange(result.agent_id);
    this.#logger.info("Agent registered", {
      agent_id: result.agent_id,
      hostname: request.hostname,
      approval: result.approval,
    });
    return result;
  }

  async #checkSecret(
    secret: string | null | undefined,
    tx: Queryable,
  ): Promise<string | null> {
    if (secret) {
      const id = await this.#enrollment.use(secret, tx);
      if (id) return id;
      throw new HttpError(
        401,
        "enroll_secret_invalid",
        "Enrollment secret is not valid",
      );
    }
    if (this.#mode === "approval") return null;
    throw new HttpError(
      401,
      "enroll_secret_invalid",
      "Enrollment secret is required",
    );
  }

  // TODO: anyone holding an enrollment secret can claim another machine's
  // id and so revoke its token; binding the id to the old token (or to a
  // key the agent proves it holds) would stop that.
  async #existingMachine(
    machineId: string | null,
    tx: Queryable,
  ): Promise<string | null> {
    if (!machineId) return null;
    const rows = await tx.query<{ id: string }>(
      "SELECT id FROM agents WHERE machine_id = $1 FOR UPDATE",
      [machineId],
    );
    return rows[0]?.id ?? null;
  }

  async #upsert(tx: Queryable, row: {
    agentId: string;
    request: RegisterRequest;
    machineId: string | null;
    secretId: string | null;
    approval: string;
    tokenHash: string;
    ip: string;
  }): Promise<void> {
    const now = this.#clock.now();
    const { request } = row;
    const { enroll_secret: _, ...facts } = request;
    await tx.query(
      `INSERT INTO agents (id, hostname, os, os_version, ip, last_seen,
         registered_at, status, auth_key_hash, metadata, approval, machine_id,
         enroll_secret_id)
       VALUES ($1, $2, $3, $4, $5, $6, $6, 'online', $7, $8::text::jsonb, $9,
         $10, $11)
       ON CONFLICT (id) DO UPDATE SET hostname = EXCLUDED.hostname,
         os = EXCLUDED.os, os_version = EXCLUDED.os_version, ip = EXCLUDED.ip,
         last_seen = EXCLUDED.last_seen, auth_key_hash = EXCLUDED.auth_key_hash,
         metadata = EXCLUDED.metadata, approval = EXCLUDED.approval,
         enroll_secret_id = EXCLUDED.enroll_secret_id`,
      [
        row.agentId,
        facts.hostname,
        facts.os,
        facts.os_version ?? null,
        row.ip,
        now,
        row.tokenHash,
        JSON.stringify(facts.metadata ?? {}),
        row.approval,
        row.machineId,
        row.secretId,
      ],
    );
  }
}
