/**
 * The admin's side of the REST API, over real HTTP, for end-to-end tests.
 *
 * @module
 */

/** A signed-in admin session against a running controller. */
export interface AdminApi {
  get(path: string): Promise<Record<string, unknown>>;
  post(path: string, body: unknown): Promise<Record<string, unknown>>;
  delete(path: string): Promise<Record<string, unknown>>;
}

/**
 * Signs in as `admin`, changing the one-time password first when the
 * controller asks for it.
 */
export async function signInAdmin(
  baseUrl: string,
  password: string,
  client?: Deno.HttpClient,
): Promise<AdminApi> {
  const call = async (
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
  ) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      client,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) {
      throw new Error(
        `${method} ${path}: ${response.status} ${JSON.stringify(json)}`,
      );
    }
    return json as Record<string, unknown>;
  };

  const login = await call("POST", "/api/auth/login", undefined, {
    username: "admin",
    password,
  });
  let token = String(login.access_token);
  if (login.password_change_required) {
    const changed = await call("POST", "/api/auth/password", token, {
      current_password: password,
      new_password: `${password}-changed`,
    });
    token = String(changed.access_token);
  }

  return {
    get: (path) => call("GET", path, token),
    post: (path, body) => call("POST", path, token, body),
    delete: (path) => call("DELETE", path, token),
  };
}

/** Calls `check` until it returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    // Waiting for another process to act, not timing the code under test.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
