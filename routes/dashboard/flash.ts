/**
 * Show a one-time value after a redirect: a form post stores it sealed and
 * answers 303 with a ticket in an HttpOnly cookie; the page it redirects
 * to reads it once. A reload then neither repeats the post nor shows the
 * value again, and the value never enters a URL, a log or browser history.
 *
 * @module
 */
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { FLASH_SECONDS } from "../../controller/services/flash.ts";
import type { DashboardContext, DashboardDeps } from "./deps.tsx";

/** Cookie holding the ticket of a value waiting to be shown. */
export const FLASH_COOKIE = "cefleet_flash";

/** Store `message` for the signed-in admin and redirect to `path`. */
export async function redirectWithFlash(
  deps: DashboardDeps,
  c: DashboardContext,
  path: string,
  message: unknown,
): Promise<Response> {
  const ticket = await deps.ctx.services.flash.put(c.get("user").id, message);
  setCookie(c, FLASH_COOKIE, ticket, {
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    path,
    maxAge: FLASH_SECONDS,
  });
  return c.redirect(path, 303);
}

/**
 * The message waiting for this request's page, removed as it is read:
 * undefined when there was none, null when its ticket no longer opens
 * anything (already shown, or expired).
 */
export async function takeFlash(
  deps: DashboardDeps,
  c: DashboardContext,
): Promise<unknown | null | undefined> {
  const ticket = getCookie(c, FLASH_COOKIE);
  if (ticket === undefined) return undefined;

  deleteCookie(c, FLASH_COOKIE, { path: c.req.path });
  return await deps.ctx.services.flash.take(c.get("user").id, ticket);
}
