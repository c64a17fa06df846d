/**
 * Admin endpoints for agents: list and filter, details, scans, approval
 * and deletion.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  AgentListQuerySchema,
  AgentListResponseSchema,
  AgentSchema,
  BulkScanRequestSchema,
  BulkScanResponseSchema,
  OkSchema,
  ScanRequestSchema,
  ScanResponseSchema,
} from "../../shared/api.ts";
import { actorOf, requireAdmin } from "../../controller/auth/admin.ts";
import type { AppContext } from "../../controller/context.ts";
import { notFound } from "../../controller/errors.ts";
import { limitBody } from "./body_limit.ts";
import {
  ADMIN_ERRORS,
  apiRouter,
  BEARER,
  CONFLICT,
  json,
  jsonBody,
  NOT_FOUND,
  TOO_LARGE,
} from "./router.ts";

const AgentParams = z.object({ agent_id: z.uuid() });

/** Admin routes for agents. */
export function agentRoutes(ctx: AppContext) {
  const app = apiRouter();
  const admin = requireAdmin(ctx);
  const bulkBody = limitBody(Math.max(ctx.config.maxBodyBytes, 1024 * 1024));
  const smallBody = limitBody(ctx.config.maxBodyBytes);

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/agents",
      tags: ["agents"],
      summary: "List agents, filtered, sorted and paged",
      security: BEARER,
      middleware: [admin] as const,
      request: { query: AgentListQuerySchema },
      responses: { 200: json(AgentListResponseSchema), ...ADMIN_ERRORS },
    }),
    async (c) =>
      c.json(await ctx.services.agents.list(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/agents/scan",
      tags: ["agents"],
      summary: "Ask many agents to scan",
      security: BEARER,
      middleware: [admin, bulkBody] as const,
      request: { body: jsonBody(BulkScanRequestSchema) },
      responses: {
        200: json(BulkScanResponseSchema),
        ...ADMIN_ERRORS,
        ...TOO_LARGE,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { commandIds, skipped } = await ctx.services.commands.bulkScan(
        body.agent_ids,
        body.mode,
        body.skip_offline,
        actorOf(c.get("user")),
      );
      return c.json({
        status: "ok" as const,
        command_ids: commandIds,
        agents_count: commandIds.length,
        skipped,
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/agents/{agent_id}",
      tags: ["agents"],
      summary: "One agent's details",
      security: BEARER,
      middleware: [admin] as const,
      request: { params: AgentParams },
      responses: { 200: json(AgentSchema), ...ADMIN_ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { agent_id } = c.req.valid("param");
      const agent = await ctx.services.agents.get(agent_id);
      if (!agent) throw notFound("Agent", agent_id);
      return c.json(agent, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/agents/{agent_id}/scan",
      tags: ["agents"],
      summary: "Ask one agent to scan",
      security: BEARER,
      middleware: [admin, smallBody] as const,
      request: { params: AgentParams, body: jsonBody(ScanRequestSchema) },
      responses: {
        200: json(ScanResponseSchema),
        ...ADMIN_ERRORS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const { agent_id } = c.req.valid("param");
      const commandId = await ctx.services.commands.scan(
        agent_id,
        c.req.valid("json").mode,
        actorOf(c.get("user")),
      );
      return c.json({ status: "ok" as const, command_id: commandId }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/agents/{agent_id}/approve",
      tags: ["agents"],
      summary: "Approve an agent waiting for approval",
      security: BEARER,
      middleware: [admin] as const,
      request: { params: AgentParams },
      responses: { 200: json(AgentSchema), ...ADMIN_ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { agent_id } = c.req.valid("param");
      const agent = await ctx.services.agents.approve(
        agent_id,
        actorOf(c.get("user")),
      );
      return c.json(agent, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/agents/{agent_id}",
      tags: ["agents"],
      summary: "Delete an agent and revoke its token",
      security: BEARER,
      middleware: [admin] as const,
      request: { params: AgentParams },
      responses: { 200: json(OkSchema), ...ADMIN_ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { agent_id } = c.req.valid("param");
      await ctx.services.agents.remove(agent_id, actorOf(c.get("user")));
      return c.json({ status: "ok" as const }, 200);
    },
  );

  return app;
}
