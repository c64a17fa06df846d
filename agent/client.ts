/**
 * The agent's side of the controller's REST API. Every failure becomes a
 * {@linkcode ControllerError} that says what went wrong in one line and
 * tells the caller what to do about it (retry, stop, re-register, wait).
 *
 * @module
 */
import {
  type AgentCommand,
  AgentCommandListSchema,
  type CommandResultRequest,
  ErrorBodySchema,
  HeartbeatResponseSchema,
  type RegisterRequest,
  type RegisterResponse,
  RegisterResponseSchema,
  type ReportUpload,
  ReportUploadResponseSchema,
} from "../shared/api.ts";
import type { z } from "zod";

/** How a request to the controller failed. */
export type FailureKind = "http" | "network" | "tls" | "timeout" | "protocol";

/** Error codes after which the token will never work again. */
const TOKEN_GONE_CODES = new Set([
  "token_revoked",
  "token_expired",
  "token_invalid",
  "agent_deleted",
]);

/** A failed request, with enough detail to decide what to do next. */
export class ControllerError extends Error {
  /** Which layer failed. */
  readonly kind: FailureKind;
  /** HTTP status, for `http` failures. */
  readonly status?: number;
  /** Machine-readable code from the controller's error body. */
  readonly code?: string;
  /** The underlying cause in a few words, without the controller's URL. */
  readonly reason: string;

  /** Builds an error; `message` is one sentence-case line. */
  constructor(
    kind: FailureKind,
    message: string,
    options: {
      status?: number;
      code?: string;
      cause?: unknown;
      reason?: string;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ControllerError";
    this.kind = kind;
    this.status = options.status;
    this.code = options.code;
    this.reason = options.reason ?? message;
  }

  /** True when the token was revoked, expired or its agent deleted. */
  get tokenGone(): boolean {
    return this.code !== undefined && TOKEN_GONE_CODES.has(this.code);
  }

  /** True while an admin has not yet approved the agent. */
  get pendingApproval(): boolean {
    return this.code === "agent_pending";
  }

  /**
   * True when trying again later may succeed: the network, a timeout, a
   * rate limit or a server-side error.
   */
  get retryable(): boolean {
    if (this.kind === "network" || this.kind === "timeout") return true;
    if (this.kind !== "http") return false;
    return this.status === 429 || (this.status ?? 0) >= 500;
  }
}

/** Settings of {@linkcode ControllerClient}. */
export interface ControllerClientOptions {
  /** Base URL, e.g. `https://ce.example.org`. */
  baseUrl: string;
  /** PEM text of a private CA to trust besides the system's roots. */
  caCertPem?: string;
  /** Longest wait for one request, in milliseconds. */
  timeoutMs?: number;
}

/** Calls the controller's agent endpoints. */
export class ControllerClient {
  /** The controller's base URL, without a trailing slash. */
  readonly baseUrl: string;
  #token: string | undefined;
  #timeoutMs: number;
  #httpClient: Deno.HttpClient | undefined;

  /** A client for `options.baseUrl`. */
  constructor(options: ControllerClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#httpClient = options.caCertPem
      ? Deno.createHttpClient({ caCerts: [options.caCertPem] })
      : undefined;
  }

  /** Sets the bearer token sent with agent requests. */
  setToken(token: string | undefined): void {
    this.#token = token;
  }

  /** Releases the connection pool. */
  close(): void {
    this.#httpClient?.close();
  }

  /** `POST /api/agents/register`. */
  register(body: RegisterRequest): Promise<RegisterResponse> {
    return this.#call(
      "POST",
      "/api/agents/register",
      body,
      RegisterResponseSchema,
      false,
    );
  }

  /** `POST /api/agents/{id}/heartbeat`. */
  heartbeat(
    agentId: string,
    body: { status?: string; metadata?: Record<string, unknown> },
  ) {
    return this.#call(
      "POST",
      `/api/agents/${agentId}/heartbeat`,
      body,
      HeartbeatResponseSchema,
    );
  }

  /** `GET /api/agents/{id}/commands`. */
  commands(agentId: string): Promise<AgentCommand[]> {
    return this.#call(
      "GET",
      `/api/agents/${agentId}/commands`,
      undefined,
      AgentCommandListSchema,
    );
  }

  /** `POST /api/agents/{id}/command/{cmd}/result`. */
  async commandResult(
    agentId: string,
    commandId: string,
    body: CommandResultRequest,
  ): Promise<void> {
    await this.#call(
      "POST",
      `/api/agents/${agentId}/command/${commandId}/result`,
      body,
      undefined,
    );
  }

  /** `POST /api/agents/{id}/report`; returns the stored report's id. */
  async uploadReport(agentId: string, upload: ReportUpload): Promise<string> {
    const answer = await this.#call(
      "POST",
      `/api/agents/${agentId}/report`,
      upload,
      ReportUploadResponseSchema,
    );
    return answer.report_id;
  }

  /** `GET /health`: resolves when the controller answers at all. */
  async health(): Promise<void> {
    await this.#call("GET", "/health", undefined, undefined, false);
  }

  async #call<T>(
    method: string,
    path: string,
    body: unknown,
    schema: z.ZodType<T> | undefined,
    authorized = true,
  ): Promise<T> {
    const response = await this.#fetch(method, path, body, authorized);
    const text = await response.text().catch(() => "");

    if (!response.ok) throw httpError(response.status, text, method, path);
    if (!schema) return undefined as T;

    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new ControllerError(
        "protocol",
        `Controller answered ${method} ${path} with an unexpected body`,
      );
    }
    return parsed.data;
  }

  async #fetch(
    method: string,
    path: string,
    body: unknown,
    authorized: boolean,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (authorized && this.#token) {
      headers.authorization = `Bearer ${this.#token}`;
    }

    try {
      return await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
        client: this.#httpClient,
      });
    } catch (error) {
      throw transportError(error, this.baseUrl, this.#timeoutMs);
    }
  }
}

function httpError(status: number, text: string, method: string, path: string) {
  const parsed = ErrorBodySchema.safeParse(safeJson(text));
  if (!parsed.success) {
    return new ControllerError(
      "http",
      `Controller answered ${method} ${path} with HTTP ${status}`,
      { status },
    );
  }
  const { code, message } = parsed.data.error;
  return new ControllerError("http", message, { status, code });
}

/**
 * Turns what `fetch` threw into one line. Deno reports TLS and connection
 * failures as a `TypeError` whose cause holds the underlying reason.
 */
function transportError(error: unknown, baseUrl: string, timeoutMs: number) {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return new ControllerError(
      "timeout",
      `Controller at ${baseUrl} did not answer within ${timeoutMs / 1000} s`,
      { cause: error, reason: `no answer within ${timeoutMs / 1000} s` },
    );
  }

  const reason = innermostReason(error);
  if (/certificate|tls|handshake|ssl/i.test(reason)) {
    return new ControllerError(
      "tls",
      `TLS connection to ${baseUrl} failed: ${reason}`,
      { cause: error, reason },
    );
  }
  return new ControllerError(
    "network",
    `Cannot reach the controller at ${baseUrl}: ${reason}`,
    { cause: error, reason },
  );
}

function innermostReason(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && messages.length < 5) {
    messages.push(current.message);
    current = current.cause;
  }
  const deepest = messages.at(-1) ?? String(error);
  // "error sending request for url (...): client error (Connect): reason"
  return deepest.split(/\):\s+/).at(-1)?.trim() || deepest;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
