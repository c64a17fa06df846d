/**
 * Admin endpoints for enrollment secrets, users and the audit log.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  AuditListSchema,
  EnrollSecretCreatedSchema,
  EnrollSecretCreateSchema,
  EnrollSecretListSchema,
  OkSchema,
  PasswordResetRequestSchema,
  PasswordResetResponseSchema,
  UserCreateSchema,
  UserListSchema,
  UserSchema,
} from "../../shared/api.ts";
import { actorOf, requireAdmin } from "../../controller/auth/admin.ts";
import type { AppContext } from "../../controller/context.ts";
import { limitBody } from "./body_limit.ts";
import {
  ADMIN_ERRORS,
  apiRouter,
  BEARER,
  CONFLICT,
  json,
  jsonBody,
  NOT_FOUND,
} from "./router.ts";

const UserParams = z.object({ user_id: z.uuid() });

/** Admin routes for enrollment secrets, users and the audit log. */
export function adminRoutes(ctx: AppContext) {
  const app = apiRouter();
  const admin = requireAdmin(ctx);
  const smallBody = limitBody(ctx.config.maxBodyBytes);

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/enroll-secrets",
      tags: ["enrollment"],
      summary: "Create an enrollment secret, shown only in this answer",
      security: BEARER,
      middleware: [admin, smallBody] as const,
      request: { body: jsonBody(EnrollSecretCreateSchema) },
      responses: { 200: json(EnrollSecretCreatedSchema), ...ADMIN_ERRORS },
    }),
    async (c) => {
      const { name } = c.req.valid("json");
      const user = c.get("user");
      const created = await ctx.services.enrollment.create(name, actorOf(user));
      return c.json(created, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/enroll-secrets",
      tags: ["enrollment"],
      summary: "List enrollment secrets, without the secrets",
      security: BEARER,
      middleware: [admin] as const,
      responses: { 200: json(EnrollSecretListSchema), ...ADMIN_ERRORS },
    }),
    async (c) => c.json({ secrets: await ctx.services.enrollment.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/enroll-secrets/{secret_id}",
      tags: ["enrollment"],
      summary: "Revoke an enrollment secret",
      security: BEARER,
      middleware: [admin] as const,
      request: { params: z.object({ secret_id: z.uuid() }) },
      responses: { 200: json(OkSchema), ...ADMIN_ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { secret_id } = c.req.valid("param");
      await ctx.services.enrollment.remove(secret_id, actorOf(c.get("user")));
      return c.json({ status: "ok" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/users",
      tags: ["users"],
      summary: "List admin users",
      security: BEARER,
      middleware: [admin] as const,
      responses: { 200: json(UserListSchema), ...ADMIN_ERRORS },
    }),
    async (c) => c.json({ users: await ctx.services.users.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/users",
      tags: ["users"],
      summary: "Create an admin, who must change the password at sign-in",
      security: BEARER,
      middleware: [admin, smallBody] as const,
      request: { body: jsonBody(UserCreateSchema) },
      responses: { 200: json(UserSchema), ...ADMIN_ERRORS, ...CONFLICT },
    }),
    async (c) => {
      const user = await ctx.services.users.create(
        c.req.valid("json"),
        actorOf(c.get("user")),
      );
      return c.json(user, 200);
    },
  );

  for (const active of [true, false]) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/users/{user_id}/${active ? "enable" : "disable"}`,
        tags: ["users"],
        summary: active ? "Enable a user" : "Disable a user",
        security: BEARER,
        middleware: [admin] as const,
        request: { params: UserParams },
        responses: {
          200: json(UserSchema),
          ...ADMIN_ERRORS,
          ...NOT_FOUND,
          ...CONFLICT,
        },
      }),
      async (c) => {
        const { user_id } = c.req.valid("param");
        const user = await ctx.services.users.setActive(
          user_id,
          active,
          actorOf(c.get("user")),
        );
        return c.json(user, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/users/{user_id}/password",
      tags: ["users"],
      summary: "Reset a user's password; generated when none is given",
      security: BEARER,
      middleware: [admin, smallBody] as const,
      request: {
        params: UserParams,
        body: jsonBody(PasswordResetRequestSchema),
      },
      responses: {
        200: json(PasswordResetResponseSchema),
        ...ADMIN_ERRORS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const { user_id } = c.req.valid("param");
      const { temporaryPassword } = await ctx.services.users.resetPassword(
        user_id,
        actorOf(c.get("user")),
        c.req.valid("json").new_password,
      );
      const body = temporaryPassword
        ? { status: "ok" as const, temporary_password: temporaryPassword }
        : { status: "ok" as const };
      return c.json(body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/audit",
      tags: ["audit"],
      summary: "The audit log of admin actions, newest first",
      security: BEARER,
      middleware: [admin] as const,
      request: {
        query: z.object({
          skip: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      },
      responses: { 200: json(AuditListSchema), ...ADMIN_ERRORS },
    }),
    async (c) =>
      c.json(await ctx.services.audit.list(c.req.valid("query")), 200),
  );

  return app;
}
