/**
 * Signing in and out, and changing one's own password, including the
 * forced change after signing in with a one-time password.
 *
 * @module
 */
import type { Hono } from "hono";
import type { AppEnv } from "../../../controller/context.ts";
import { signIn } from "../../../controller/auth/admin.ts";
import { HttpError } from "../../../controller/errors.ts";
import { type DashboardDeps, page } from "../deps.tsx";
import { withQuery } from "../list_params.ts";
import { LoginPage } from "../pages/LoginPage.tsx";
import { MIN_PASSWORD_LENGTH, PasswordPage } from "../pages/PasswordPage.tsx";
import {
  endSession,
  formPost,
  type LoginReason,
  requireDashboardAdmin,
  safeNext,
  sameOriginPost,
  startSession,
} from "../session.ts";

/** Registers the sign-in, sign-out and password routes. */
export function accountRoutes(app: Hono<AppEnv>, deps: DashboardDeps): void {
  const { ctx } = deps;
  const form = formPost(ctx.config.maxBodyBytes);
  const signedIn = requireDashboardAdmin(ctx, { allowPasswordChange: true });

  app.get("/login", (c) => {
    const reason = c.req.query("reason");
    return page(
      deps,
      c,
      <LoginPage
        next={safeNext(c.req.query("next"))}
        reason={isReason(reason) ? reason : undefined}
      />,
    );
  });

  app.post("/login", form, async (c) => {
    const body = await c.req.parseBody();
    const username = String(body.username ?? "");
    const next = safeNext(String(body.next ?? "/"));

    let session;
    try {
      session = await signIn(ctx, c, {
        username,
        password: String(body.password ?? ""),
      });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const login = (
        <LoginPage next={next} username={username} error={loginError(error)} />
      );
      return page(deps, c, login, error.status);
    }

    startSession(c, session.token);
    const target = session.user.must_change_password
      ? withQuery("/account/password", next === "/" ? "" : nextQuery(next))
      : next;
    return c.redirect(target, 303);
  });

  app.post("/logout", sameOriginPost(), (c) => {
    endSession(c);
    return c.redirect("/login?reason=signed_out", 303);
  });

  app.get("/account/password", signedIn, (c) =>
    page(
      deps,
      c,
      <PasswordPage
        forced={c.get("user").must_change_password}
        next={safeNext(c.req.query("next"))}
      />,
    ));

  app.post("/account/password", form, signedIn, async (c) => {
    const user = c.get("user");
    const body = await c.req.parseBody();
    const fail = (error: string, status = 422) =>
      page(
        deps,
        c,
        <PasswordPage
          forced={user.must_change_password}
          next={safeNext(String(body.next ?? "/"))}
          error={error}
        />,
        status,
      );

    const current = String(body.current_password ?? "");
    const next = String(body.new_password ?? "");
    if (next !== String(body.confirm_password ?? "")) {
      return fail("The two new passwords differ");
    }
    if (next.length < MIN_PASSWORD_LENGTH) {
      return fail(
        `The new password needs at least ${MIN_PASSWORD_LENGTH} characters`,
      );
    }
    try {
      await ctx.services.users.changePassword(user.id, current, next);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const message = error.status === 401
        ? "The current password is not right"
        : error.message;
      return fail(message, error.status);
    }

    // The change ended every earlier session, this one included.
    startSession(c, await ctx.tokens.issueAdmin(user.id));
    ctx.logger.info("Password changed", { user: user.username });
    if (user.must_change_password) {
      return c.redirect(safeNext(String(body.next ?? "/")), 303);
    }
    return page(deps, c, <PasswordPage forced={false} changed />);
  });
}

function nextQuery(next: string): string {
  return new URLSearchParams({ next }).toString();
}

function isReason(value: string | undefined): value is LoginReason {
  return value === "expired" || value === "signed_out";
}

function loginError(error: HttpError): string {
  switch (error.code) {
    case "account_locked":
      return "Too many failed attempts: this account is locked for a while";
    case "rate_limited":
      return "Too many attempts from this address: wait a minute and retry";
    case "account_disabled":
      return "This account is disabled";
    default:
      return "The username or password is not right";
  }
}
