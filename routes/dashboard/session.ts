/**
 * Dashboard sessions: the admin cookie checked on every page, a redirect
 * to the login page (with the page to come back to) when it is missing or
 * expired, the forced password change, and a quiet renewal so an admin at
 * work is not signed out mid-task.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import {
  authenticateAdmin,
  SESSION_COOKIE,
  setSessionCookie,
} from "../../controller/auth/admin.ts";
import type { AppContext, AppEnv } from "../../controller/context.ts";
import { HttpError } from "../../controller/errors.ts";
import { limitBody } from "../api/body_limit.ts";

/**
 * Marks a browser that held a session, so a missing session cookie can be
 * told apart: expired (say so) or never signed in (just ask to sign in).
 * It holds no secret and lives only as long as the browser session.
 */
export const SIGNED_IN_MARKER = "cefleet_signed_in";

/** Sessions older than this are reissued on the next page view. */
const RENEW_AFTER_MS = 5 * 60_000;

/** Why the login page is shown, as the `reason` query parameter. */
export type LoginReason = "expired" | "signed_out";

/** Where to send a visitor who must sign in before seeing `next`. */
export function loginUrl(next: string, reason?: LoginReason): string {
  const params = new URLSearchParams();
  if (reason) params.set("reason", reason);
  if (next && next !== "/") params.set("next", next);
  const query = params.toString();
  return query ? `/login?${query}` : "/login";
}

/**
 * A path on this site to return to after signing in. Anything else (other
 * hosts, scheme-relative URLs, the login page itself) falls back to `/`,
 * so the login form cannot be used to send admins elsewhere.
 */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//")) return "/";
  if (next.startsWith("/\\") || next.startsWith("/login")) return "/";
  return next;
}

/** The page path and query of a request. */
export function pathOf(c: Context): string {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}

/**
 * Middleware for dashboard pages: admits signed-in admins and leaves the
 * user on the context; sends everyone else to the login page.
 */
export function requireDashboardAdmin(
  ctx: AppContext,
  options: { allowPasswordChange?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let user;
    try {
      user = await authenticateAdmin(ctx, c);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 401) throw error;
      // A script asking for data wants the 401 itself, to send the page
      // (not the data URL) through the login.
      if (wantsJson(c)) throw error;
      return c.redirect(loginUrl(returnPath(c), expiryReason(c, error)), 303);
    }

    if (user.must_change_password && !options.allowPasswordChange) {
      return c.redirect("/account/password", 303);
    }
    c.set("user", user);
    await renewSession(ctx, c, user.id);
    await next();
  };
}

function wantsJson(c: Context): boolean {
  const accept = c.req.header("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

/**
 * Where to come back to: the page itself for page views; for a form post
 * (which cannot be replayed) or a data request, the page it came from.
 */
function returnPath(c: Context): string {
  if (c.req.method === "GET" && !c.req.path.endsWith(".json")) {
    return pathOf(c);
  }
  const referer = c.req.header("referer");
  if (!referer) return "/";
  const url = new URL(referer);
  return url.host === new URL(c.req.url).host ? url.pathname + url.search : "/";
}

function expiryReason(c: Context, error: HttpError): LoginReason | undefined {
  if (error.code === "token_expired" || error.code === "token_revoked") {
    return "expired";
  }
  const hadSession = getCookie(c, SIGNED_IN_MARKER) !== undefined;
  return hadSession ? "expired" : undefined;
}

async function renewSession(
  ctx: AppContext,
  c: Context,
  userId: string,
): Promise<void> {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie || c.req.method !== "GET") return;

  const claims = await ctx.tokens.verifyAdmin(cookie);
  const age = ctx.clock.now().getTime() - claims.issuedAt.getTime();
  if (age < RENEW_AFTER_MS) return;
  setSessionCookie(c, await ctx.tokens.issueAdmin(userId));
}

/** Start a dashboard session: the token cookie and the signed-in marker. */
export function startSession(c: Context, token: string): void {
  setSessionCookie(c, token);
  setCookie(c, SIGNED_IN_MARKER, "1", {
    path: "/",
    sameSite: "Strict",
    httpOnly: true,
  });
}

/** End a dashboard session. */
export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
  deleteCookie(c, SIGNED_IN_MARKER, { path: "/" });
}

/**
 * Refuses a state-changing form post from another origin. Authenticated
 * posts are checked by the admin check as well; this also covers the login
 * form, which has no session yet.
 */
export function sameOriginPost(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "POST") {
      const origin = c.req.header("origin");
      const host = c.req.header("host") ?? new URL(c.req.url).host;
      let allowed = false;
      try {
        allowed = origin !== undefined && new URL(origin).host === host;
      } catch {
        allowed = false;
      }
      if (!allowed) {
        throw new HttpError(403, "forbidden", "Request origin is not allowed");
      }
    }
    await next();
  };
}

/**
 * Middleware for every dashboard form: a same-origin post with a bounded
 * body, then `guards` (such as the admin check) in order. The origin is
 * checked first so a foreign page learns nothing from the other answers.
 */
export function formPost(
  maxBodyBytes: number,
  ...guards: MiddlewareHandler<AppEnv>[]
): MiddlewareHandler<AppEnv> {
  return every(sameOriginPost(), limitBody(maxBodyBytes), ...guards);
}
