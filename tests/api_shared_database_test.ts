/** Several controllers on one database see each other's agent changes. */
import { assertEquals } from "./helpers/assert.ts";
import { createTestApp } from "./helpers/app.ts";
import { dbTest } from "./helpers/db.ts";
import { eventually } from "./helpers/admin_api.ts";
import { createContext } from "../controller/context.ts";
import { SYSTEM_ACTOR } from "../controller/services/audit.ts";

dbTest(
  "deleting an agent through one controller revokes its token in another",
  async (kind) => {
    await using t = await createTestApp(kind);
    const other = createContext({
      config: t.config,
      db: t.ctx.db,
      clock: t.clock,
      signingKey: new TextEncoder().encode("k".repeat(32)),
    });
    const stop = await t.ctx.services.agents.followChanges();
    try {
      const agent = await t.registerAgent();
      const poll = () =>
        t.request("GET", `/api/agents/${agent.id}/commands`, {
          token: agent.token,
        });
      assertEquals((await poll()).status, 200);

      await other.services.agents.remove(agent.id, SYSTEM_ACTOR);

      // The first controller still holds the agent in its cache; only the
      // notification can tell it, as its fake clock never ages the cache.
      const refused = await eventually(
        async () => {
          const answer = await poll();
          return answer.status === 401 ? answer : undefined;
        },
        "the deletion to reach the first controller",
        5000,
      );
      assertEquals(refused.body.error.code, "agent_deleted");
    } finally {
      await stop();
    }
  },
);
