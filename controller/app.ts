/**
 * The controller's HTTP application: API routes, documentation, the
 * dashboard, and one error handler that answers in the API's error shape.
 *
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { agentRoutes } from "../routes/api/agents.ts";
import { agentCheckinRoutes } from "../routes/api/agent_checkin.ts";
import { adminRoutes } from "../routes/api/admin.ts";
import { authRoutes } from "../routes/api/auth.ts";
import { mountDocs } from "../routes/api/docs.ts";
import { healthRoutes } from "../routes/api/health.ts";
import { reportRoutes } from "../routes/api/reports.ts";
import { dashboardRoutes } from "../routes/dashboard/mod.ts";
import type { AppContext, AppEnv } from "./context.ts";
import { HttpError } from "./errors.ts";
import { errorFields } from "./logger.ts";

/** Build the Hono application serving `ctx`. */
export function createApp(ctx: AppContext): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();

  app.route("/", healthRoutes(ctx));
  app.route("/", authRoutes(ctx));
  app.route("/", agentCheckinRoutes(ctx));
  app.route("/", agentRoutes(ctx));
  app.route("/", reportRoutes(ctx));
  app.route("/", adminRoutes(ctx));
  mountDocs(app);

  // --- dashboard: server-rendered pages under "/" are mounted here ---
  app.route("/", dashboardRoutes(ctx));

  app.notFound((c) =>
    c.json(
      new HttpError(404, "not_found", `Path "${c.req.path}" was not found`)
        .toBody(),
      404,
    )
  );
  app.onError((error, c) => answerError(ctx, c, error));
  return app;
}

function answerError(ctx: AppContext, c: Context, error: Error): Response {
  const known = asHttpError(error);
  if (known) {
    return c.json(
      known.toBody(),
      known.status as ContentfulStatusCode,
      known.headers,
    );
  }

  ctx.logger.error("Request failed", {
    method: c.req.method,
    path: c.req.path,
    ...errorFields(error),
  });
  const internal = new HttpError(500, "internal_error", "Internal error");
  return c.json(internal.toBody(), 500);
}

function asHttpError(error: Error): HttpError | null {
  if (error instanceof HttpError) return error;
  if (!(error instanceof HTTPException)) return null;
  if (error.status === 413) {
    return new HttpError(413, "payload_too_large", "Body is too large");
  }
  if (error.status === 400) {
    return new HttpError(400, "bad_request", error.message || "Bad request");
  }
  return null;
}
