/**
 * The one error type the API answers with: an HTTP status and a
 * machine-readable code that clients can act on.
 *
 * @module
 */
import type { ErrorBody, ErrorCode } from "../shared/api.ts";

/** HTTP statuses the API uses for failures. */
export type ErrorStatus =
  | 400
  | 401
  | 403
  | 404
  | 409
  | 413
  | 422
  | 429
  | 500
  | 503;

/** A failure that becomes one `{"error": {...}}` answer. */
export class HttpError extends Error {
  /** The HTTP status to answer with. */
  readonly status: ErrorStatus;
  /** The machine-readable code. */
  readonly code: ErrorCode;
  /** Extra data for the client, such as the fields at fault. */
  readonly details?: unknown;
  /** Headers to add to the answer, such as `Retry-After`. */
  readonly headers: Record<string, string>;

  /** Build an error answered with `status` and `code`. */
  constructor(
    status: ErrorStatus,
    code: ErrorCode,
    message: string,
    options: { details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }

  /** The JSON body of the answer. */
  toBody(): ErrorBody {
    const error: ErrorBody["error"] = {
      code: this.code,
      message: this.message,
    };
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

/** A 404 for a thing of `kind` with the given id. */
export function notFound(kind: string, id: string): HttpError {
  return new HttpError(404, "not_found", `${kind} "${id}" was not found`);
}
