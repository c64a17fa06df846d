/**
 * Enrollment secrets: what an agent must present to register. Only their
 * hashes are stored; a new secret is shown once, when it is created.
 *
 * @module
 */
import { randomSecret, sha256Hex } from "../auth/passwords.ts";
import type { Clock } from "../clock.ts";
import type { Database, Queryable, Row } from "../db/database.ts";
import { notFound } from "../errors.ts";
import type { Actor, AuditService } from "./audit.ts";
import { iso, isoOrNull } from "./rows.ts";

/** An enrollment secret as listed, without the secret. */
export interface EnrollSecret {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  uses: number;
}

function toSecret(row: Row): EnrollSecret {
  return {
    id: row.id as string,
    name: row.name as string,
    created_at: iso(row.created_at),
    last_used_at: isoOrNull(row.last_used_at),
    uses: Number(row.uses),
  };
}

/** Creates, lists, revokes and matches enrollment secrets. */
export class EnrollmentService {
  #db: Database;
  #clock: Clock;
  #audit: AuditService;

  /** Keep secrets in `db`. */
  constructor(db: Database, clock: Clock, audit: AuditService) {
    this.#db = db;
    this.#clock = clock;
    this.#audit = audit;
  }

  /** Create a secret; the answer is the only place the secret appears. */
  async create(
    name: string,
    actor: Actor,
  ): Promise<EnrollSecret & { secret: string }> {
    const secret = randomSecret(32);
    const created = await this.#insert(name, secret, actor.id);
    await this.#audit.record(actor, "enroll_secret.create", created.id, {
      name,
    });
    return { ...created, secret };
  }

  /**
   * Make sure `secret` (from the environment) can enroll agents, so
   * automated set-ups need no admin step.
   */
  async ensure(secret: string, name = "environment"): Promise<void> {
    const rows = await this.#db.query(
      "SELECT id FROM enroll_secrets WHERE secret_hash = $1",
      [sha256Hex(secret)],
    );
    if (rows.length === 0) await this.#insert(name, secret, null);
  }

  async #insert(
    name: string,
    secret: string,
    createdBy: string | null,
  ): Promise<EnrollSecret> {
    const rows = await this.#db.query(
      `INSERT INTO enroll_secrets (id, name, secret_hash, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (secret_hash) DO UPDATE SET name = enroll_secrets.name
       RETURNING id, name, created_at, last_used_at, uses`,
      [
        crypto.randomUUID(),
        name,
        sha256Hex(secret),
        this.#clock.now(),
        createdBy,
      ],
    );
    return toSecret(rows[0]);
  }

  /** Every secret, newest first. */
  async list(): Promise<EnrollSecret[]> {
    const rows = await this.#db.query(
      `SELECT id, name, created_at, last_used_at, uses FROM enroll_secrets
       ORDER BY created_at DESC`,
    );
    return rows.map(toSecret);
  }

  /** Revoke a secret; agents already enrolled with it keep working. */
  async remove(id: string, actor: Actor): Promise<void> {
    const rows = await this.#db.query(
      "DELETE FROM enroll_secrets WHERE id = $1 RETURNING id",
      [id],
    );
    if (rows.length === 0) throw notFound("Enrollment secret", id);
    await this.#audit.record(actor, "enroll_secret.delete", id);
  }

  /** The id of the secret matching `secret` (counting the use), or null. */
  async use(secret: string, tx: Queryable = this.#db): Promise<string | null> {
    const rows = await tx.query<{ id: string }>(
      `UPDATE enroll_secrets SET uses = uses + 1, last_used_at = $2
       WHERE secret_hash = $1 RETURNING id`,
      [sha256Hex(secret), this.#clock.now()],
    );
    return rows[0]?.id ?? null;
  }
}
