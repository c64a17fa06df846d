/**
 * The endpoints agents call: register, heartbeat, poll for commands, post
 * a command's result and upload a report. Paths and bodies are the
 * original fleet protocol's.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  AgentCommandListSchema,
  CommandResultRequestSchema,
  HeartbeatRequestSchema,
  HeartbeatResponseSchema,
  OkSchema,
  RegisterRequestSchema,
  RegisterResponseSchema,
  ReportUploadResponseSchema,
  ReportUploadSchema,
} from "../../shared/api.ts";
import { requireAgent, requireApproval } from "../../controller/auth/agent.ts";
import { clientAddress } from "../../controller/auth/client_address.ts";
import type { AppContext } from "../../controller/context.ts";
import { limitBody } from "./body_limit.ts";
import {
  AGENT_ERRORS,
  apiRouter,
  BEARER,
  CONFLICT,
  INVALID,
  json,
  jsonBody,
  NOT_FOUND,
  RATE_LIMITED,
  TOO_LARGE,
  UNAUTHORIZED,
} from "./router.ts";

const AgentParams = z.object({ agent_id: z.uuid() });
const CommandParams = AgentParams.extend({ cmd_id: z.uuid() });

/** Routes agents call. */
export function agentCheckinRoutes(ctx: AppContext) {
  const app = apiRouter();
  const agent = requireAgent(ctx);
  const smallBody = limitBody(ctx.config.maxBodyBytes);

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/agents/register",
      tags: ["agent"],
      summary: "Register an agent and receive its token",
      middleware: [smallBody] as const,
      request: { body: jsonBody(RegisterRequestSchema) },
      responses: {
        200: json(RegisterResponseSchema),
        ...UNAUTHORIZED,
        ...INVALID,
        ...TOO_LARGE,
        ...RATE_LIMITED,
      },
    }),
    async (c) => {
      const address = clientAddress(c, ctx.config.trustedProxies);
      ctx.limits.register.take(address);
      const body = c.req.valid("json");
      const registered = await ctx.services.registration.register(
        body,
        address,
      );
      return c.json(registered, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/agents/{agent_id}/heartbeat",
      tags: ["agent"],
      summary: "Tell the controller the agent is alive",
      security: BEARER,
      middleware: [agent, smallBody] as const,
      request: { params: AgentParams, body: jsonBody(HeartbeatRequestSchema) },
      responses: {
        200: json(HeartbeatResponseSchema),
        ...AGENT_ERRORS,
        ...TOO_LARGE,
      },
    }),
    (c) => {
      const { metadata } = c.req.valid("json");
      const now = c.get("checkedInAt");
      if (metadata) {
        ctx.services.lastSeen.touch(c.get("agentId"), now, metadata);
      }
      return c.json({
        status: "ok" as const,
        approval: c.get("agentApproval"),
        server_time: now.toISOString(),
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/agents/{agent_id}/commands",
      tags: ["agent"],
      summary: "Fetch pending commands, which become running",
      security: BEARER,
      middleware: [agent] as const,
      request: { params: AgentParams },
      responses: { 200: json(AgentCommandListSchema), ...AGENT_ERRORS },
    }),
    async (c) => {
      requireApproval(c.get("agentApproval"));
      const commands = await ctx.services.commands.fetchForAgent(
        c.get("agentId"),
      );
      return c.json(commands, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/agents/{agent_id}/command/{cmd_id}/result",
      tags: ["agent"],
      summary: "Report a command's outcome",
      security: BEARER,
      middleware: [agent, limitBody(ctx.config.maxReportBytes)] as const,
      request: {
        params: CommandParams,
        body: jsonBody(CommandResultRequestSchema),
      },
      responses: {
        200: json(OkSchema),
        ...AGENT_ERRORS,
        ...NOT_FOUND,
        ...CONFLICT,
        ...TOO_LARGE,
      },
    }),
    async (c) => {
      requireApproval(c.get("agentApproval"));
      const { cmd_id } = c.req.valid("param");
      await ctx.services.commands.settle(
        c.get("agentId"),
        cmd_id,
        c.req.valid("json"),
      );
      return c.json({ status: "ok" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/agents/{agent_id}/report",
      tags: ["agent"],
      summary: "Upload a compliance report",
      security: BEARER,
      middleware: [agent, limitBody(ctx.config.maxReportBytes)] as const,
      request: { params: AgentParams, body: jsonBody(ReportUploadSchema) },
      responses: {
        200: json(ReportUploadResponseSchema),
        ...AGENT_ERRORS,
        ...CONFLICT,
        ...TOO_LARGE,
      },
    }),
    async (c) => {
      requireApproval(c.get("agentApproval"));
      const stored = await ctx.services.reports.store(
        c.get("agentId"),
        c.req.valid("json"),
      );
      if (stored.created) {
        ctx.logger.info("Report stored", {
          agent_id: c.get("agentId"),
          report_id: stored.reportId,
        });
      }
      return c.json({ status: "ok" as const, report_id: stored.reportId }, 200);
    },
  );

  return app;
}
