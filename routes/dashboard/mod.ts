/**
 * The admin dashboard: server-rendered pages, their exports and the built
 * island assets, mounted on the controller's application at `/`.
 *
 * @module
 */
import { Hono } from "hono";
import type { AppContext, AppEnv } from "../../controller/context.ts";
import { DashboardAssets } from "./assets/serve.ts";
import { ISLAND_NAMES } from "./islands.ts";
import { type DashboardDeps, errorPage } from "./deps.tsx";
import { accountRoutes } from "./handlers/account.tsx";
import { exportRoutes } from "./handlers/exports.ts";
import { fleetRoutes } from "./handlers/fleet.tsx";
import { settingsRoutes } from "./handlers/settings.tsx";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** Options of {@linkcode dashboardRoutes}. */
export interface DashboardOptions {
  /** Already started assets, such as a build shared between tests. */
  assets?: DashboardAssets;
}

/**
 * The dashboard's routes. Island bundles are built, or loaded from their
 * on-disk cache, when the first page or asset is asked for.
 */
export function dashboardRoutes(
  ctx: AppContext,
  options: DashboardOptions = {},
): Hono<AppEnv> {
  const assets = options.assets ?? startAssets(ctx);
  const deps: DashboardDeps = { ctx, assets };
  const app = new Hono<AppEnv>();

  app.get("/assets/:hash/*", (c) => assets.serve(c));
  accountRoutes(app, deps);
  exportRoutes(app, deps);
  fleetRoutes(app, deps);
  settingsRoutes(app, deps);

  app.onError((error, c) => errorPage(deps, c, error));
  return app;
}

/** Builds the dashboard's assets into the project's `dist/` folder. */
export function startAssets(ctx: Pick<AppContext, "logger">): DashboardAssets {
  return new DashboardAssets({
    root: ROOT,
    cacheDir: `${ROOT}/dist/islands`,
    islands: ISLAND_NAMES,
  }, ctx.logger);
}
