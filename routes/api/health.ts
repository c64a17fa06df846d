/**
 * `GET /health`: whether the controller can reach its database.
 *
 * @module
 */
import { createRoute } from "@hono/zod-openapi";
import { HealthSchema } from "../../shared/api.ts";
import type { AppContext } from "../../controller/context.ts";
import { apiRouter, json } from "./router.ts";

const PROBE_TIMEOUT_MS = 3000;

/** The health route, open to load balancers without authentication. */
export function healthRoutes(ctx: AppContext) {
  const app = apiRouter();

  app.openapi(
    createRoute({
      method: "get",
      path: "/health",
      tags: ["health"],
      summary: "Check the controller and its database",
      responses: {
        200: json(HealthSchema),
        503: json(HealthSchema, "The database cannot be reached"),
      },
    }),
    async (c) => {
      if (await databaseAnswers(ctx)) {
        return c.json({ status: "ok" as const, database: "ok" as const }, 200);
      }
      const down = "unavailable" as const;
      return c.json({ status: down, database: down }, 503);
    },
  );

  return app;
}

async function databaseAnswers(ctx: AppContext): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  const probe = ctx.db.query("SELECT 1").then(() => true, () => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
