/**
 * The one error type the agent shows to people: a sentence-case message
 * with a machine-readable code and the exit status it ends the program with.
 *
 * @module
 */

/** Exit status of the agent's commands (the `scan` command has its own). */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** The token no longer works; service managers must not restart. */
  reregister: 4,
} as const;

/** Machine-readable reasons an agent command stops. */
export type AgentErrorCode =
  | "usage"
  | "config_invalid"
  | "not_registered"
  | "already_registered"
  | "controller_unreachable"
  | "tls_failed"
  | "enroll_refused"
  | "token_rejected"
  | "controller_error"
  | "secret_store_failed"
  | "permission_denied"
  | "service_failed"
  | "already_running";

/** An expected failure, shown as one line, never as a stack trace. */
export class AgentError extends Error {
  /** Machine-readable reason. */
  readonly code: AgentErrorCode;
  /** Process exit status for this failure. */
  readonly exitCode: number;

  /** Builds an error; the message is shown to the operator as is. */
  constructor(
    code: AgentErrorCode,
    message: string,
    options: { exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AgentError";
    this.code = code;
    this.exitCode = options.exitCode ??
      (code === "usage" ? EXIT.usage : EXIT.failed);
  }
}
