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

dbTest(
  "a scan created through one controller reaches an agent polling another",
  async (kind) => {
    await using t = await createTestApp(kind);
    const other = createContext({
      config: t.config,
      db: t.ctx.db,
      clock: t.clock,
      signingKey: new TextEncoder().encode("k".repeat(32)),
    });
    const agent = await t.registerAgent();
    const stop = await t.ctx.services.pendingCommands.follow(3_600_000);
    try {
      const poll = () =>
        t.request("GET", `/api/agents/${agent.id}/commands`, {
          token: agent.token,
        });
      assertEquals((await poll()).body, []);

      const id = await other.services.commands.scan(
        agent.id,
        "strict",
        SYSTEM_ACTOR,
      );

      const commands = await eventually(
        async () => {
          const answer = await poll();
          return answer.body.length ? answer.body : undefined;
        },
        "the new command to reach the polling controller",
        5000,
      );
      assertEquals(commands.map((c: { id: string }) => c.id), [id]);
    } finally {
      await stop();
    }
  },
);

dbTest(
  "polls skip the database while an agent has nothing waiting",
  async (kind) => {
    await using t = await createTestApp(kind);
    const agent = await t.registerAgent();
    const stop = await t.ctx.services.pendingCommands.follow(3_600_000);
    try {
      // The first request loads the agent's token record into the cache.
      await t.request("GET", `/api/agents/${agent.id}/commands`, {
        token: agent.token,
      });
      const { query } = t.ctx.db;
      let queries = 0;
      t.ctx.db.query = (text, params) => {
        queries += 1;
        return query(text, params);
      };
      const answer = await t.request(
        "GET",
        `/api/agents/${agent.id}/commands`,
        {
          token: agent.token,
        },
      );
      t.ctx.db.query = query;

      assertEquals(answer.body, []);
      assertEquals(queries, 0);
    } finally {
      await stop();
    }
  },
);
