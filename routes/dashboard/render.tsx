/**
 * Turns a page component into an HTML response with the dashboard's
 * security headers.
 *
 * @module
 */
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import {
  type PageContext,
  PageContextValue,
  type PageUser,
} from "./page_context.ts";

/**
 * Only this origin's scripts, styles and forms: islands and styles are
 * served by the controller itself, and nothing inline is needed.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

/** What a page render needs besides the page itself. */
export interface RenderOptions {
  assetBase: string;
  user: PageUser | null;
  path: string;
  status?: number;
  headers?: Record<string, string>;
}

/** Renders `page` to a complete HTML document answered with `status`. */
export function renderPage(page: VNode, options: RenderOptions): Response {
  const context: PageContext = {
    assetBase: options.assetBase,
    user: options.user,
    path: options.path,
    usesIslands: false,
    usesTimes: false,
  };
  const html = renderToString(
    <PageContextValue.Provider value={context}>
      {page}
    </PageContextValue.Provider>,
  );

  return new Response("<!DOCTYPE html>" + html, {
    status: options.status ?? 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
      ...options.headers,
    },
  });
}
