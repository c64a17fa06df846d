/**
 * Body size limits answered with 413 in the API's error shape.
 *
 * @module
 */
import { bodyLimit } from "hono/body-limit";
import type { MiddlewareHandler } from "hono";
import { HttpError } from "../../controller/errors.ts";

/** Middleware refusing bodies over `maxBytes` with 413. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HttpError(
        413,
        "payload_too_large",
        `Body is larger than ${maxBytes} bytes`,
      );
    },
  });
}
