/**
 * The OpenAPI document and a self-contained page listing its operations,
 * so the API's documentation needs no script from a CDN.
 *
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../controller/context.ts";

const DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "cefleet API",
    version: "1.0.0",
    description: "Cyber Essentials fleet compliance controller",
  },
};

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
}

/** Serve `/api/openapi.json` and `/api/docs` from `app`'s routes. */
export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  app.doc31("/api/openapi.json", DOCUMENT);

  app.get("/api/docs", (c) => {
    const document = app.getOpenAPI31Document(DOCUMENT);
    const paths = (document.paths ?? {}) as Record<
      string,
      Record<string, unknown>
    >;
    return c.html(renderDocs(paths));
  });
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function renderDocs(paths: Record<string, Record<string, unknown>>): string {
  const rows = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, value]) => {
      const operation = value as Operation;
      const lock = operation.security?.length ? "🔒" : "";
      return `<tr><td class="m">${escape(method.toUpperCase())}</td>
<td><code>${escape(path)}</code></td><td>${lock}</td>
<td>${escape(operation.summary ?? "")}</td>
<td>${escape((operation.tags ?? []).join(", "))}</td></tr>`;
    })
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>cefleet API</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}
.m{font-weight:bold;font-family:monospace}
</style></head><body>
<h1>cefleet API</h1>
<p>Machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>
(OpenAPI 3.1). 🔒 marks operations that need a bearer token. Errors answer
<code>{"error": {"code", "message", "details"}}</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th></th><th>Summary</th>
<th>Tag</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table></body></html>`;
}
