/**
 * A controller application on a test database with a fake clock, driven
 * through `app.request()`, with shortcuts for the usual set-up steps.
 *
 * @module
 */
import { createApp } from "../../controller/app.ts";
import { type Config, loadConfig } from "../../controller/config.ts";
import { type AppContext, createContext } from "../../controller/context.ts";
import { createLogger, silentLogger } from "../../controller/logger.ts";
import { type DatabaseKind, openTestDatabase } from "./db.ts";
import { FakeClock } from "./fake_clock.ts";

/** The first admin's password in test apps. */
export const ADMIN_PASSWORD = "test-admin-password-1";
/** An enrollment secret that exists in test apps. */
export const ENROLL_SECRET = "test-enroll-secret-0123456789";
/** The address requests come from unless a test says otherwise. */
export const CLIENT_ADDRESS = "203.0.113.7";

/** Options of one test request. */
export interface RequestOptions {
  /** Bearer token. */
  token?: string;
  /** JSON body, or a raw string sent as is. */
  body?: unknown;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** The direct peer's address. */
  from?: string;
}

/** An answer, with its body parsed as JSON when it is JSON. */
export interface TestResponse {
  status: number;
  headers: Headers;
  // deno-lint-ignore no-explicit-any -- tests read arbitrary answer shapes
  body: any;
}

/** A registered agent. */
export interface TestAgent {
  id: string;
  token: string;
}

/** A controller application under test. */
export interface TestApp {
  ctx: AppContext;
  clock: FakeClock;
  config: Config;
  /** Send a request through the application. */
  request(
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<TestResponse>;
  /** A session token of the first admin. */
  adminToken(): Promise<string>;
  /** Register an agent with the test enrollment secret. */
  registerAgent(fields?: Record<string, unknown>): Promise<TestAgent>;
  /** Release the database. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Build a test application on `kind` with settings from `env`. */
export async function createTestApp(
  kind: DatabaseKind,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  const clock = new FakeClock();
  const config = loadConfig({ CEFLEET_DATA_DIR: "/nonexistent", ...env });
  const ctx = createContext({
    config,
    db: database.db,
    clock,
    // TEST_LOG=1 shows the controller's logs when a test needs explaining.
    logger: Deno.env.get("TEST_LOG") ? createLogger() : silentLogger,
    signingKey: new TextEncoder().encode("k".repeat(32)),
    bcryptCost: 4,
  });
  await ctx.services.users.ensureFirstAdmin(ADMIN_PASSWORD);
  await ctx.services.enrollment.ensure(ENROLL_SECRET);
  const app = createApp(ctx);

  const request = async (
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<TestResponse> => {
    const headers = new Headers(options.headers);
    if (options.token) headers.set("authorization", `Bearer ${options.token}`);
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
      if (!headers.has("content-type")) {
        headers.set("content-type", "application/json");
      }
    }
    const remoteAddr = { hostname: options.from ?? CLIENT_ADDRESS, port: 1 };
    const response = await app.request(
      `http://cefleet.test${path}`,
      { method, headers, body },
      { remoteAddr },
    );
    const text = await response.text();
    const isJson = response.headers.get("content-type")?.includes("json");
    return {
      status: response.status,
      headers: response.headers,
      body: isJson && text ? JSON.parse(text) : text,
    };
  };

  const close = async () => {
    await database.close();
  };

  return {
    ctx,
    clock,
    config,
    request,
    adminToken: async () => {
      const answer = await request("POST", "/api/auth/login", {
        body: { username: "admin", password: ADMIN_PASSWORD },
        from: "198.51.100.200",
      });
      if (answer.status !== 200) {
        throw new Error(`Admin login failed: ${JSON.stringify(answer.body)}`);
      }
      return answer.body.access_token;
    },
    registerAgent: async (fields = {}) => {
      const answer = await request("POST", "/api/agents/register", {
        body: {
          hostname: `host-${crypto.randomUUID().slice(0, 8)}`,
          os: "Linux",
          os_version: "Debian 12",
          enroll_secret: ENROLL_SECRET,
          ...fields,
        },
        from: `198.51.100.${Math.floor(Math.random() * 200)}`,
      });
      if (answer.status !== 200) {
        throw new Error(`Registration failed: ${JSON.stringify(answer.body)}`);
      }
      return { id: answer.body.agent_id, token: answer.body.agent_token };
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
