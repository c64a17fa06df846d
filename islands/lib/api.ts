/**
 * How islands talk to the controller: same-origin JSON requests carried by
 * the session cookie. An expired session sends the admin to the login page,
 * which brings them back here afterwards.
 *
 * @module
 */

/** A failed request, with the API's machine-readable code. */
export class ApiError extends Error {
  /** HTTP status of the answer. */
  readonly status: number;
  /** The API's error code, or `network_error` when no answer came. */
  readonly code: string;

  /** An error answered with `status` and `code`. */
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/** The login page that returns to the current page after signing in. */
export function expiredSessionUrl(location: Location): string {
  const next = location.pathname + location.search;
  return `/login?reason=expired&next=${encodeURIComponent(next)}`;
}

/**
 * Sends a JSON request and returns the parsed answer.
 *
 * @throws {ApiError} when the controller answers with an error
 */
export async function requestJson<T>(
  method: "GET" | "POST" | "DELETE",
  url: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: body === undefined
        ? { accept: "application/json" }
        : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network_error", "The controller cannot be reached");
  }

  if (response.status === 401) {
    globalThis.location.assign(expiredSessionUrl(globalThis.location));
    throw new ApiError(401, "unauthorized", "Your session has expired");
  }
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = parsed?.error ?? {};
    throw new ApiError(
      response.status,
      error.code ?? "internal_error",
      error.message ?? `Request failed with status ${response.status}`,
    );
  }
  return parsed as T;
}

/** How often a poller checks whether its task is due. */
const POLL_TICK_MS = 500;

/**
 * Calls `task` every `intervalMs()` milliseconds, never overlapping itself,
 * and returns a function that stops it. The interval is read again on
 * every tick, so a poller that speeds up (a command was just sent) does
 * not first sit out the slow interval it was waiting on. Polling pauses
 * while the tab is hidden so idle dashboards do not load the controller.
 */
export function poll(
  task: () => Promise<void>,
  intervalMs: () => number,
): () => void {
  let lastRun = Date.now();
  let running = false;

  const timer = setInterval(async () => {
    const due = Date.now() - lastRun >= intervalMs();
    if (running || !due || document.visibilityState === "hidden") return;

    running = true;
    try {
      await task();
    } catch (error) {
      console.error(error);
    } finally {
      lastRun = Date.now();
      running = false;
    }
  }, POLL_TICK_MS);

  return () => clearInterval(timer);
}
