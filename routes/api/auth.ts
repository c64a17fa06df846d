/**
 * Admin sign-in, password change and sign-out.
 *
 * @module
 */
import { createRoute } from "@hono/zod-openapi";
import {
  LoginRequestSchema,
  LoginResponseSchema,
  OkSchema,
  PasswordChangeRequestSchema,
  UserSchema,
} from "../../shared/api.ts";
import {
  actorOf,
  clearSessionCookie,
  requireAdmin,
  signIn,
} from "../../controller/auth/admin.ts";
import { ADMIN_TOKEN_SECONDS } from "../../controller/auth/tokens.ts";
import type { AppContext } from "../../controller/context.ts";
import { publicUser } from "../../controller/services/users.ts";
import { limitBody } from "./body_limit.ts";
import {
  ADMIN_ERRORS,
  apiRouter,
  BEARER,
  INVALID,
  json,
  jsonBody,
  RATE_LIMITED,
  UNAUTHORIZED,
} from "./router.ts";

/** Authentication routes. */
export function authRoutes(ctx: AppContext) {
  const app = apiRouter();
  const smallBody = limitBody(ctx.config.maxBodyBytes);
  const signedIn = requireAdmin(ctx, { allowPasswordChange: true });

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/auth/login",
      tags: ["auth"],
      summary: "Sign in and receive a 30-minute session token",
      middleware: [smallBody] as const,
      request: { body: jsonBody(LoginRequestSchema) },
      responses: {
        200: json(LoginResponseSchema),
        ...UNAUTHORIZED,
        ...INVALID,
        ...RATE_LIMITED,
      },
    }),
    async (c) => {
      const session = await signIn(ctx, c, c.req.valid("json"));
      return c.json({
        access_token: session.token,
        token_type: "bearer" as const,
        expires_in: session.expiresIn,
        password_change_required: session.user.must_change_password,
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/auth/password",
      tags: ["auth"],
      summary: "Change one's own password; answers a fresh session token",
      description:
        "Sessions issued before the change stop working, so the answer " +
        "carries a new token.",
      security: BEARER,
      middleware: [signedIn, smallBody] as const,
      request: { body: jsonBody(PasswordChangeRequestSchema) },
      responses: { 200: json(LoginResponseSchema), ...ADMIN_ERRORS },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const user = c.get("user");
      await ctx.services.users.changePassword(
        user.id,
        body.current_password,
        body.new_password,
      );
      await ctx.services.audit.record(
        actorOf(user),
        "user.change_password",
        user.id,
      );
      ctx.logger.info("Password changed", { user: user.username });
      return c.json({
        access_token: await ctx.tokens.issueAdmin(user.id),
        token_type: "bearer" as const,
        expires_in: ADMIN_TOKEN_SECONDS,
        password_change_required: false,
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/auth/me",
      tags: ["auth"],
      summary: "The signed-in user",
      security: BEARER,
      middleware: [signedIn] as const,
      responses: { 200: json(UserSchema), ...ADMIN_ERRORS },
    }),
    (c) => c.json(publicUser(c.get("user")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/auth/logout",
      tags: ["auth"],
      summary: "Remove the dashboard's session cookie",
      responses: { 200: json(OkSchema) },
    }),
    (c) => {
      clearSessionCookie(c);
      return c.json({ status: "ok" as const }, 200);
    },
  );

  return app;
}
