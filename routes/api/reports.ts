/**
 * Admin endpoints for reports and commands.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  CommandListQuerySchema,
  CommandListResponseSchema,
  CommandSchema,
  ReportDetailSchema,
  ReportListQuerySchema,
  ReportListResponseSchema,
} from "../../shared/api.ts";
import { requireAdmin } from "../../controller/auth/admin.ts";
import type { AppContext } from "../../controller/context.ts";
import { notFound } from "../../controller/errors.ts";
import { ADMIN_ERRORS, apiRouter, BEARER, json, NOT_FOUND } from "./router.ts";

/** Admin routes for reports and commands. */
export function reportRoutes(ctx: AppContext) {
  const app = apiRouter();
  const admin = requireAdmin(ctx);

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/reports",
      tags: ["reports"],
      summary: "List reports, newest first",
      security: BEARER,
      middleware: [admin] as const,
      request: { query: ReportListQuerySchema },
      responses: { 200: json(ReportListResponseSchema), ...ADMIN_ERRORS },
    }),
    async (c) =>
      c.json(await ctx.services.reports.list(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/reports/{report_id}",
      tags: ["reports"],
      summary: "One report with its full payload and checks",
      security: BEARER,
      middleware: [admin] as const,
      request: { params: z.object({ report_id: z.uuid() }) },
      responses: {
        200: json(ReportDetailSchema),
        ...ADMIN_ERRORS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const { report_id } = c.req.valid("param");
      const report = await ctx.services.reports.get(report_id);
      if (!report) throw notFound("Report", report_id);
      return c.json(report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/commands",
      tags: ["commands"],
      summary: "List commands, newest first",
      security: BEARER,
      middleware: [admin] as const,
      request: { query: CommandListQuerySchema },
      responses: { 200: json(CommandListResponseSchema), ...ADMIN_ERRORS },
    }),
    async (c) =>
      c.json(await ctx.services.commands.list(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/commands/{command_id}",
      tags: ["commands"],
      summary: "One command",
      security: BEARER,
      middleware: [admin] as const,
      request: { params: z.object({ command_id: z.uuid() }) },
      responses: { 200: json(CommandSchema), ...ADMIN_ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { command_id } = c.req.valid("param");
      const command = await ctx.services.commands.get(command_id);
      if (!command) throw notFound("Command", command_id);
      return c.json(command, 200);
    },
  );

  return app;
}
