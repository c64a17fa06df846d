/**
 * Admin authentication for API and dashboard: a session token from the
 * `Authorization` header or the `cefleet_session` cookie.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppContext, AppEnv } from "../context.ts";
import { HttpError } from "../errors.ts";
import type { Actor } from "../services/audit.ts";
import type { UserRecord } from "../services/users.ts";
import { clientAddress } from "./client_address.ts";
import { ADMIN_TOKEN_SECONDS } from "./tokens.ts";

/** Name of the dashboard's session cookie. */
export const SESSION_COOKIE = "cefleet_session";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Options of {@linkcode requireAdmin}. */
export interface RequireAdminOptions {
  /**
   * Let through a user who must still change a one-time password; only
   * the password change itself (and reading who one is) should.
   */
  allowPasswordChange?: boolean;
}

/**
 * Middleware that admits signed-in admins only and leaves the user on the
 * context as `user`.
 */
export function requireAdmin(
  ctx: AppContext,
  options: RequireAdminOptions = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = await authenticateAdmin(ctx, c);
    if (user.must_change_password && !options.allowPasswordChange) {
      throw new HttpError(
        403,
        "password_change_required",
        "Password must be changed before anything else",
      );
    }
    c.set("user", user);
    await next();
  };
}

/**
 * The admin behind a request.
 *
 * @throws {HttpError} 401 without a valid session, 403 for a cookie sent
 * with a state-changing request from another origin
 */
export async function authenticateAdmin(
  ctx: AppContext,
  c: Context,
): Promise<UserRecord> {
  const bearer = bearerToken(c);
  const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE);
  const token = bearer ?? cookie;
  if (!token) {
    throw new HttpError(401, "token_missing", "Authentication is required");
  }
  // Browsers send cookies with cross-site requests; the Origin header is
  // what tells a forged form post from our own dashboard.
  if (cookie && !SAFE_METHODS.has(c.req.method) && !sameOrigin(c)) {
    throw new HttpError(403, "forbidden", "Request origin is not allowed");
  }

  const claims = await ctx.tokens.verifyAdmin(token);
  const user = await ctx.services.users.get(claims.userId);
  if (!user || !user.is_active) {
    throw new HttpError(401, "account_disabled", "Account is disabled");
  }
  const validFrom = Math.floor(user.sessionsValidFrom.getTime() / 1000);
  if (claims.issuedAt.getTime() / 1000 < validFrom) {
    throw new HttpError(401, "token_revoked", "Session has ended");
  }
  return user;
}

/** The bearer token of the `Authorization` header, if any. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function sameOrigin(c: Context): boolean {
  const origin = c.req.header("origin");
  if (!origin) return false;
  const host = c.req.header("host") ?? new URL(c.req.url).host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Put a session token in the dashboard's HttpOnly cookie. */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: ADMIN_TOKEN_SECONDS,
  });
}

/** Remove the dashboard's session cookie. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

/** The audit actor for a signed-in user. */
export function actorOf(user: UserRecord): Actor {
  return { id: user.id, name: user.username };
}

/** Result of {@linkcode signIn}. */
export interface SignInResult {
  /** The session token. */
  token: string;
  /** Seconds until it expires. */
  expiresIn: number;
  /** The signed-in user. */
  user: UserRecord;
}

/**
 * Check a username and password under the per-address rate limit and the
 * per-username lockout, and issue a session token.
 */
export async function signIn(
  ctx: AppContext,
  c: Context,
  credentials: { username: string; password: string },
): Promise<SignInResult> {
  const address = clientAddress(c, ctx.config.trustedProxies);
  ctx.limits.login.take(address);
  const user = await ctx.services.users
    .authenticate(credentials.username, credentials.password)
    .catch((error) => {
      ctx.logger.warn("Sign-in refused", {
        user: credentials.username,
        address,
        code: error instanceof HttpError ? error.code : "internal_error",
      });
      throw error;
    });

  const token = await ctx.tokens.issueAdmin(user.id);
  await ctx.services.audit.record(actorOf(user), "auth.login", user.id, {
    address,
  });
  ctx.logger.info("Admin signed in", { user: user.username, address });
  return { token, expiresIn: ADMIN_TOKEN_SECONDS, user };
}
