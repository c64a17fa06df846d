/**
 * What every dashboard handler shares: the controller's context, the built
 * assets, and rendering of pages and error pages.
 *
 * @module
 */
import type { Context } from "hono";
import type { VNode } from "preact";
import type { AppContext, AppEnv } from "../../controller/context.ts";
import { HttpError } from "../../controller/errors.ts";
import { errorFields } from "../../controller/logger.ts";
import type { DashboardAssets } from "./assets/serve.ts";
import { ErrorPage } from "./pages/ErrorPage.tsx";
import { renderPage } from "./render.tsx";
import { pathOf } from "./session.ts";

/** The dashboard's dependencies. */
export interface DashboardDeps {
  ctx: AppContext;
  assets: DashboardAssets;
}

/** A dashboard request's context. */
export type DashboardContext = Context<AppEnv>;

/** Renders `page` for the signed-in admin (if any) of request `c`. */
export async function page(
  deps: DashboardDeps,
  c: DashboardContext,
  vnode: VNode,
  status = 200,
): Promise<Response> {
  const user = c.get("user");
  const response = renderPage(vnode, {
    assetBase: await deps.assets.base(),
    user: user ? { username: user.username } : null,
    path: pathOf(c),
    status,
  });
  // Cookies set by the session check (a renewed session) live on the
  // context's headers, which a hand-made Response does not carry.
  for (const cookie of c.res.headers.getSetCookie()) {
    response.headers.append("set-cookie", cookie);
  }
  return response;
}

const TITLES: Record<number, string> = {
  400: "Bad request",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict",
  413: "Too large",
  422: "Not valid",
  429: "Too many requests",
};

/**
 * Answers a failed dashboard request: JSON in the API's shape for data
 * URLs, an error page otherwise. Unexpected errors are logged once.
 */
export async function errorPage(
  deps: DashboardDeps,
  c: DashboardContext,
  error: Error,
): Promise<Response> {
  const known = error instanceof HttpError
    ? error
    : new HttpError(500, "internal_error", "Something went wrong on our side");
  if (!(error instanceof HttpError)) {
    deps.ctx.logger.error("Dashboard request failed", {
      method: c.req.method,
      path: c.req.path,
      ...errorFields(error),
    });
  }

  if (c.req.path.endsWith(".json") || c.req.path.startsWith("/assets/")) {
    return c.json(known.toBody(), known.status);
  }
  try {
    return await page(
      deps,
      c,
      <ErrorPage
        title={TITLES[known.status] ?? "Something went wrong"}
        message={known.message}
      />,
      known.status,
    );
  } catch {
    // The assets themselves failed to build: a plain answer still helps.
    return c.text(known.message, known.status);
  }
}
