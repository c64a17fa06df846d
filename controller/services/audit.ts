/**
 * The audit log: who did what to which thing, for every admin action.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { Database, Queryable } from "../db/database.ts";
import { iso, jsonObject } from "./rows.ts";

/** Who performed an action. */
export interface Actor {
  /** The user's id, or null for the controller itself. */
  id: string | null;
  /** The user's name, kept even after the user is gone. */
  name: string;
}

/** The controller acting on its own, at start-up. */
export const SYSTEM_ACTOR: Actor = { id: null, name: "system" };

/** Writes and reads the audit log. */
export class AuditService {
  #db: Database;
  #clock: Clock;

  /** Store entries in `db`. */
  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** Record an action, inside the caller's transaction when given. */
  async record(
    actor: Actor,
    action: string,
    target: string | null,
    details: Record<string, unknown> = {},
    tx: Queryable = this.#db,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (id, at, actor_id, actor, action, target, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb)`,
      [
        crypto.randomUUID(),
        this.#clock.now(),
        actor.id,
        actor.name,
        action,
        target,
        JSON.stringify(details),
      ],
    );
  }

  /** The newest entries first. */
  async list(page: { skip: number; limit: number }) {
    const rows = await this.#db.query(
      `SELECT id, at, actor, action, target, details,
         count(*) OVER ()::int AS total
       FROM audit_log ORDER BY at DESC, id LIMIT $1 OFFSET $2`,
      [page.limit, page.skip],
    );
    const entries = rows.map((row) => ({
      id: row.id as string,
      at: iso(row.at),
      actor: row.actor as string,
      action: row.action as string,
      target: row.target as string | null,
      details: jsonObject(row.details),
    }));
    const total = rows.length > 0 ? Number(rows[0].total) : await this.#count();
    return { entries, total };
  }

  async #count(): Promise<number> {
    const [row] = await this.#db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log",
    );
    return Number(row.n);
  }
}
