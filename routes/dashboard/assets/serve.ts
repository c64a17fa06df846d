/**
 * Serves the dashboard's built browser files under a URL that contains the
 * build's source hash, so they can be cached by browsers for good.
 *
 * @module
 */
import type { Context } from "hono";
import type { Logger } from "../../../controller/logger.ts";
import { errorFields } from "../../../controller/logger.ts";
import { type AssetBuild, buildAssets, type BundleOptions } from "./bundler.ts";

/** URL prefix of every built asset. */
export const ASSET_PREFIX = "/assets";

const CONTENT_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json",
  svg: "image/svg+xml",
};

/**
 * The dashboard's assets, built (or loaded from the on-disk cache) on first
 * use and then served from memory. Building on first use rather than at
 * construction keeps an application that never serves a page, such as one
 * made for an API test, from running the bundler at all.
 */
export class DashboardAssets {
  #options: BundleOptions;
  #logger: Logger;
  #build: Promise<AssetBuild> | null = null;

  /** Assets built from `options`, logging to `logger`. */
  constructor(options: BundleOptions, logger: Logger) {
    this.#options = options;
    this.#logger = logger;
  }

  /** The build; starts it on the first call. Rejects when bundling fails. */
  get ready(): Promise<AssetBuild> {
    this.#build ??= this.#start();
    return this.#build;
  }

  async #start(): Promise<AssetBuild> {
    const started = performance.now();
    try {
      const build = await buildAssets(this.#options);
      this.#logger.info("Dashboard assets ready", {
        hash: build.hash,
        cached: build.cached,
        duration_ms: Math.round(performance.now() - started),
      });
      return build;
    } catch (error) {
      this.#logger.error("Dashboard assets failed", errorFields(error));
      // The next request tries again, in case the cause was passing.
      this.#build = null;
      throw error;
    }
  }

  /** URL prefix of the current build, without a trailing slash. */
  async base(): Promise<string> {
    const build = await this.ready;
    return `${ASSET_PREFIX}/${build.hash}`;
  }

  /** Answers `GET /assets/:hash/*` from the build in memory. */
  async serve(c: Context): Promise<Response> {
    const build = await this.ready;
    const prefix = `${ASSET_PREFIX}/${build.hash}/`;
    const path = c.req.path.startsWith(prefix)
      ? c.req.path.slice(prefix.length)
      : null;
    const file = path === null ? undefined : build.files.get(path);
    if (!file) return c.text("Not found", 404);

    const extension = path!.slice(path!.lastIndexOf(".") + 1);
    return new Response(file as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": CONTENT_TYPES[extension] ?? "application/octet-stream",
        // The hash in the URL changes with the content, so a browser never
        // needs to ask again.
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      },
    });
  }
}
