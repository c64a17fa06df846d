/**
 * Settings: enrollment secrets and admin users, as plain forms. A new
 * secret and a reset password are shown once, on the page the form
 * redirects to, and never stored in a URL.
 *
 * @module
 */
import type { Hono } from "hono";
import { UserCreateSchema } from "../../../shared/api.ts";
import { actorOf } from "../../../controller/auth/admin.ts";
import type { AppEnv } from "../../../controller/context.ts";
import { HttpError } from "../../../controller/errors.ts";
import { type DashboardContext, type DashboardDeps, page } from "../deps.tsx";
import { redirectWithFlash, takeFlash } from "../flash.ts";
import {
  SettingsPage,
  type SettingsPageProps,
} from "../pages/SettingsPage.tsx";
import { formPost, requireDashboardAdmin } from "../session.ts";

/** Messages shown after a redirect, keyed by the `done` parameter. */
const DONE: Record<string, string> = {
  secret_revoked: "The enrollment secret was revoked.",
  user_created: "The user was added.",
  user_disabled: "The user was disabled; their sessions have ended.",
  user_enabled: "The user was enabled.",
};

/** What the page after a form shows once. */
type SettingsFlash =
  | { kind: "secret_created"; name: string; secret: string }
  | { kind: "password_reset"; username: string; password: string };

type Extra = Partial<
  Pick<SettingsPageProps, "created" | "temporaryPassword" | "notice" | "error">
>;

/** Registers the settings page and its forms. */
export function settingsRoutes(app: Hono<AppEnv>, deps: DashboardDeps): void {
  const { ctx } = deps;
  const admin = requireDashboardAdmin(ctx);
  const form = formPost(ctx.config.maxBodyBytes, admin);

  const settings = async (c: DashboardContext, extra: Extra, status = 200) => {
    const [secrets, users] = await Promise.all([
      ctx.services.enrollment.list(),
      ctx.services.users.list(),
    ]);
    const props: SettingsPageProps = {
      secrets,
      users,
      currentUserId: c.get("user").id,
      // Behind a TLS-terminating proxy, or opened on localhost, the page's
      // own origin is not the address endpoints can reach.
      controllerUrl: ctx.config.publicUrl ?? new URL(c.req.url).origin,
      ...extra,
    };
    return page(deps, c, <SettingsPage {...props} />, status);
  };

  app.get("/settings", admin, async (c) => {
    const flash = await takeFlash(deps, c);
    const notice = DONE[c.req.query("done") ?? ""];
    return settings(c, { notice, ...flashProps(flash) });
  });

  app.post("/settings/secrets", form, async (c) => {
    const body = await c.req.parseBody();
    const name = String(body.name ?? "").trim().slice(0, 100) || "enrollment";
    const created = await ctx.services.enrollment.create(
      name,
      actorOf(c.get("user")),
    );
    return redirectWithFlash(
      deps,
      c,
      "/settings",
      {
        kind: "secret_created",
        name,
        secret: created.secret,
      } satisfies SettingsFlash,
    );
  });

  app.post("/settings/secrets/:id/revoke", form, async (c) => {
    await ctx.services.enrollment.remove(
      c.req.param("id")!,
      actorOf(c.get("user")),
    );
    return c.redirect("/settings?done=secret_revoked", 303);
  });

  app.post("/settings/users", form, async (c) => {
    const body = await c.req.parseBody();
    const input = UserCreateSchema.safeParse({
      username: String(body.username ?? "").trim(),
      email: String(body.email ?? "").trim() || null,
      password: String(body.password ?? ""),
    });
    if (!input.success) {
      const fields = input.error.issues.map((issue) => issue.path.join("."));
      return settings(c, {
        error: `Check these fields: ${[...new Set(fields)].join(", ")}`,
      }, 422);
    }
    try {
      await ctx.services.users.create(input.data, actorOf(c.get("user")));
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500) throw error;
      return settings(c, { error: error.message }, error.status);
    }
    return c.redirect("/settings?done=user_created", 303);
  });

  app.post("/settings/users/:id/:change{enable|disable}", form, async (c) => {
    const enable = c.req.param("change") === "enable";
    try {
      await ctx.services.users.setActive(
        c.req.param("id")!,
        enable,
        actorOf(c.get("user")),
      );
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500) throw error;
      return settings(c, { error: error.message }, error.status);
    }
    return c.redirect(
      `/settings?done=${enable ? "user_enabled" : "user_disabled"}`,
      303,
    );
  });

  app.post("/settings/users/:id/reset", form, async (c) => {
    const id = c.req.param("id")!;
    const user = await ctx.services.users.get(id);
    const reset = await ctx.services.users.resetPassword(
      id,
      actorOf(c.get("user")),
    );
    return redirectWithFlash(
      deps,
      c,
      "/settings",
      {
        kind: "password_reset",
        username: user?.username ?? id,
        password: reset.temporaryPassword ?? "",
      } satisfies SettingsFlash,
    );
  });
}

function flashProps(flash: unknown): Extra {
  if (flash === undefined) return {};
  if (flash === null) {
    return {
      error: "That value was shown once already or has expired. " +
        "If it was not copied, create a new secret or reset the password again.",
    };
  }
  const message = flash as SettingsFlash;
  if (message.kind === "secret_created") {
    return { created: { name: message.name, secret: message.secret } };
  }
  return {
    temporaryPassword: {
      username: message.username,
      password: message.password,
    },
  };
}
