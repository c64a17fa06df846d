/**
 * Which agents may have commands waiting, kept in memory so that a poll
 * from an agent with nothing waiting costs no database query. Controllers
 * sharing a database tell each other about new commands with `NOTIFY`.
 *
 * @module
 */
import type { Database } from "../db/database.ts";
import { errorFields, type Logger } from "../logger.ts";

const CHANNEL = "cefleet_new_commands";
// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; larger batches
// are announced as "*", which makes every listener re-read the database.
const MAX_PAYLOAD = 7000;
const EVERYONE = "*";

/** Agents that may have pending commands. */
export class PendingCommandHints {
  #agents = new Set<string>();
  #following = false;
  #db: Database;
  #logger: Logger;

  /** Read and announce through `db`. */
  constructor(db: Database, logger: Logger) {
    this.#db = db;
    this.#logger = logger;
  }

  /**
   * Start following new commands: load who has some, listen for
   * announcements, and re-read every `resyncMs` in case one was missed.
   * Resolves to a function that stops.
   */
  async follow(resyncMs: number): Promise<() => Promise<void>> {
    const unlisten = await this.#db.listen(CHANNEL, (payload) => {
      if (payload === EVERYONE) void this.resync();
      else for (const id of payload.split(",")) this.#agents.add(id);
    });
    await this.resync();
    this.#following = true;
    const timer = setInterval(() => void this.resync(), resyncMs);

    return async () => {
      clearInterval(timer);
      this.#following = false;
      await unlisten();
    };
  }

  /**
   * Whether agent `agentId` may have pending commands, forgetting it until
   * the next announcement. Always true while not following, since nothing
   * else would tell.
   */
  take(agentId: string): boolean {
    if (!this.#following) return true;
    return this.#agents.delete(agentId);
  }

  /** Tell every controller that `agentIds` have new commands. */
  async announce(agentIds: string[]): Promise<void> {
    for (const id of agentIds) this.#agents.add(id);
    const payload = agentIds.join(",");
    await this.#db.query("SELECT pg_notify($1, $2)", [
      CHANNEL,
      payload.length <= MAX_PAYLOAD ? payload : EVERYONE,
    ]);
  }

  /** Add every agent with a pending command according to the database. */
  async resync(): Promise<void> {
    try {
      const rows = await this.#db.query<{ agent_id: string }>(
        "SELECT DISTINCT agent_id FROM commands WHERE status = 'pending'",
      );
      // Adding, never replacing: an announcement that arrived while the
      // query ran must not be lost.
      for (const row of rows) this.#agents.add(row.agent_id);
    } catch (error) {
      this.#logger.warn("Reading pending commands failed", errorFields(error));
    }
  }
}
