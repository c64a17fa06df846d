/**
 * Shared pieces of the API routes: a router whose validation failures
 * answer 422 in the API's error shape, and the error responses each route
 * documents.
 *
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { ErrorBodySchema } from "../../shared/api.ts";
import type { AppEnv } from "../../controller/context.ts";
import { HttpError } from "../../controller/errors.ts";

interface ValidationIssue {
  path: PropertyKey[];
  message: string;
}

/** A router for API routes that share the validation-failure answer. */
export function apiRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issues = (result.error as { issues: ValidationIssue[] }).issues;
      const fields = issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      }));
      const target = (result as { target?: string }).target;
      throw new HttpError(422, "validation_failed", "Request is not valid", {
        details: { target, fields },
      });
    },
  });
}

function errorResponse(description: string) {
  return {
    description,
    content: { "application/json": { schema: ErrorBodySchema } },
  };
}

/** Error answers of every route that reads a body or parameters. */
export const INVALID = { 422: errorResponse("Request is not valid") };

/** Error answers of admin routes. */
export const ADMIN_ERRORS = {
  401: errorResponse("Missing, expired or revoked session"),
  403: errorResponse("Password change required, or origin not allowed"),
  ...INVALID,
};

/** Error answers of agent routes. */
export const AGENT_ERRORS = {
  401: errorResponse(
    "Missing, expired, revoked or forged token (`token_*`, `agent_deleted`)",
  ),
  403: errorResponse("Token of another agent, or agent pending approval"),
  ...INVALID,
};

/** A 401 answer. */
export const UNAUTHORIZED = { 401: errorResponse("Not authenticated") };
/** A 404 answer. */
export const NOT_FOUND = { 404: errorResponse("No such resource") };
/** A 409 answer. */
export const CONFLICT = { 409: errorResponse("Conflicts with current state") };
/** A 413 answer. */
export const TOO_LARGE = { 413: errorResponse("Body is too large") };
/** A 429 answer. */
export const RATE_LIMITED = { 429: errorResponse("Too many requests") };

/** A JSON response documented with `schema`. */
export function json<T>(schema: T, description = "Success") {
  return { description, content: { "application/json": { schema } } };
}

/** A required JSON body validated with `schema`. */
export function jsonBody<T>(schema: T) {
  return {
    required: true,
    content: { "application/json": { schema } },
  };
}

/** Security requirement of routes that need a bearer token. */
export const BEARER = [{ bearer: [] }];
