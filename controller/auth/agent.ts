/**
 * Agent authentication: the agent's own token, valid only on its own
 * paths. Every check-in is noted for the batched `last_seen` write.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../context.ts";
import { HttpError } from "../errors.ts";
import { bearerToken } from "./admin.ts";
import { sha256Hex } from "./passwords.ts";

/**
 * Middleware that admits the agent named by the `agent_id` path parameter
 * only, and leaves its id and approval on the context.
 */
export function requireAgent(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    if (!token) {
      throw new HttpError(401, "token_missing", "Agent token is required");
    }
    const claims = await ctx.tokens.verifyAgent(token);

    const record = await ctx.services.agents.authRecord(claims.agentId);
    if (!record) {
      throw new HttpError(401, "agent_deleted", "Agent no longer exists");
    }
    if (record.authKeyHash !== sha256Hex(claims.tokenId)) {
      throw new HttpError(401, "token_revoked", "Token has been revoked");
    }
    if (c.req.param("agent_id") !== claims.agentId) {
      throw new HttpError(403, "forbidden", "Token belongs to another agent");
    }

    c.set("agentId", claims.agentId);
    c.set("agentApproval", record.approval);
    const now = ctx.clock.now();
    c.set("checkedInAt", now);
    ctx.services.lastSeen.touch(claims.agentId, now);
    await next();
  };
}

/**
 * Fail unless the calling agent is approved.
 *
 * @throws {HttpError} 403 `agent_pending` while it awaits approval
 */
export function requireApproval(approval: "approved" | "pending"): void {
  if (approval === "pending") {
    throw new HttpError(403, "agent_pending", "Agent is waiting for approval");
  }
}
