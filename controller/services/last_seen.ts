/**
 * Gathers agents' check-ins in memory and writes them in one statement
 * every few seconds, so heartbeats and polls cost no write each.
 *
 * @module
 */
import type { Database } from "../db/database.ts";
import { errorFields, type Logger } from "../logger.ts";

interface CheckIn {
  at: Date;
  metadata?: Record<string, unknown>;
}

/** Buffers `last_seen` (and heartbeat metadata) until the next flush. */
export class LastSeenTracker {
  #pending = new Map<string, CheckIn>();
  #db: Database;
  #logger: Logger;
  #timer?: ReturnType<typeof setInterval>;
  #flushing?: Promise<void>;

  /** Write to `db`. */
  constructor(db: Database, logger: Logger) {
    this.#db = db;
    this.#logger = logger;
  }

  /** Note that `agentId` checked in at `at`. */
  touch(agentId: string, at: Date, metadata?: Record<string, unknown>): void {
    const previous = this.#pending.get(agentId);
    const merged = previous?.metadata && metadata
      ? { ...previous.metadata, ...metadata }
      : metadata ?? previous?.metadata;
    this.#pending.set(agentId, { at, metadata: merged });
  }

  /** The check-in of `agentId` not yet written, if any. */
  peek(agentId: string): Date | undefined {
    return this.#pending.get(agentId)?.at;
  }

  /** Forget an agent's unwritten check-in, e.g. when it is deleted. */
  forget(agentId: string): void {
    this.#pending.delete(agentId);
  }

  /** Write every buffered check-in now, in one statement. */
  async flush(): Promise<void> {
    // One flush at a time keeps check-ins in order.
    while (this.#flushing) await this.#flushing;
    if (this.#pending.size === 0) return;
    this.#flushing = this.#write().finally(() => this.#flushing = undefined);
    await this.#flushing;
  }

  async #write(): Promise<void> {
    const batch = this.#pending;
    this.#pending = new Map();
    const rows = [...batch].map(([id, checkIn]) => ({
      id,
      at: checkIn.at.toISOString(),
      metadata: checkIn.metadata ?? null,
    }));

    try {
      await this.#db.query(
        `UPDATE agents AS a
         SET last_seen = v.at, status = 'online',
             metadata = CASE WHEN v.metadata IS NULL THEN a.metadata
                             ELSE a.metadata || v.metadata END
         FROM jsonb_to_recordset($1::text::jsonb)
           AS v(id uuid, at timestamptz, metadata jsonb)
         WHERE a.id = v.id AND (a.last_seen IS NULL OR a.last_seen <= v.at)`,
        [JSON.stringify(rows)],
      );
    } catch (error) {
      // Keep the batch for the next attempt unless newer check-ins came.
      for (const [id, checkIn] of batch) {
        if (!this.#pending.has(id)) this.#pending.set(id, checkIn);
      }
      this.#logger.warn("Writing last_seen failed", {
        agents: rows.length,
        ...errorFields(error),
      });
    }
  }

  /** Flush every `intervalMs` until {@linkcode stop}. */
  start(intervalMs: number): void {
    this.#timer = setInterval(() => void this.flush(), intervalMs);
  }

  /** Stop the timer and write what is left. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }
}
