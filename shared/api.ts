/**
 * Request and response bodies of the REST API that agents, scripts and the
 * dashboard share. Paths and field names follow the original fleet design;
 * fields added since are optional for clients written against it.
 *
 * @module
 */
import { z } from "zod";
import {
  ComplianceModeSchema,
  IncomingReportSchema,
  OverallStatusSchema,
} from "./report.ts";

/**
 * Machine-readable error codes. Agents act on some of them: on
 * `token_revoked`, `token_expired` or `agent_deleted` they stop using their
 * token (and re-register when they hold an enrollment secret); on
 * `agent_pending` they keep checking in and wait for approval.
 */
export const ERROR_CODES = [
  "bad_request",
  "validation_failed",
  "unauthorized",
  "token_missing",
  "token_invalid",
  "token_expired",
  "token_revoked",
  "agent_deleted",
  "agent_pending",
  "forbidden",
  "password_change_required",
  "invalid_credentials",
  "account_locked",
  "account_disabled",
  "enroll_secret_invalid",
  "not_found",
  "conflict",
  "payload_too_large",
  "rate_limited",
  "internal_error",
  "service_unavailable",
] as const;
/** A machine-readable error code. */
export type ErrorCode = typeof ERROR_CODES[number];

/** The single error shape every failed API call answers with. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
/** The single error shape every failed API call answers with. */
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// --- admin authentication -------------------------------------------------

/** `POST /api/auth/login` request. */
export const LoginRequestSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});

/** `POST /api/auth/login` response. */
export const LoginResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal("bearer"),
  expires_in: z.number().int(),
  password_change_required: z.boolean(),
});

/** `POST /api/auth/password` request. */
export const PasswordChangeRequestSchema = z.object({
  current_password: z.string().min(1).max(1000),
  new_password: z.string().min(12).max(1000),
});

// --- agents -----------------------------------------------------------------

/** Approval state of an agent, separate from its online status. */
export const APPROVAL_STATES = ["approved", "pending"] as const;

/** `POST /api/agents/register` request. */
export const RegisterRequestSchema = z.object({
  hostname: z.string().min(1).max(255),
  os: z.string().min(1).max(64),
  os_version: z.string().max(255).nullish(),
  ip: z.string().max(64).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  enroll_secret: z.string().max(500).nullish(),
});
/** `POST /api/agents/register` request. */
export type RegisterRequest = z.infer<typeof RegisterRequestSchema>;

/** `POST /api/agents/register` response. */
export const RegisterResponseSchema = z.object({
  agent_id: z.uuid(),
  agent_token: z.string(),
  approval: z.enum(APPROVAL_STATES),
});
/** `POST /api/agents/register` response. */
export type RegisterResponse = z.infer<typeof RegisterResponseSchema>;

/** `POST /api/agents/{agent_id}/heartbeat` request. */
export const HeartbeatRequestSchema = z.object({
  status: z.string().max(64).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

/** `POST /api/agents/{agent_id}/heartbeat` response. */
export const HeartbeatResponseSchema = z.object({
  status: z.literal("ok"),
  approval: z.enum(APPROVAL_STATES),
  server_time: z.string(),
});

/**
 * `POST /api/agents/{agent_id}/report` request: the seed's summary fields
 * with the full report as `payload`.
 */
export const ReportUploadSchema = z.object({
  mode: ComplianceModeSchema,
  overall_status: OverallStatusSchema,
  overall_score: z.number().min(0).max(1),
  payload: IncomingReportSchema,
});
/** `POST /api/agents/{agent_id}/report` request. */
export type ReportUpload = z.infer<typeof ReportUploadSchema>;

/** `POST /api/agents/{agent_id}/report` response. */
export const ReportUploadResponseSchema = z.object({
  status: z.literal("ok"),
  report_id: z.uuid(),
});

// --- commands ---------------------------------------------------------------

/** Life of a command: pending, then running once fetched, then an outcome. */
export const COMMAND_STATUSES = [
  "pending",
  "running",
  "completed",
  "failed",
  "expired",
] as const;
/** Life of a command. */
export type CommandStatus = typeof COMMAND_STATUSES[number];

/** Command types the controller sends. Agents answer others `failed`. */
export const COMMAND_TYPES = ["scan", "update"] as const;

/** Payload of a `scan` command. */
export const ScanCommandPayloadSchema = z.object({
  mode: ComplianceModeSchema,
});

/** One command as an agent receives it from its poll. */
export const AgentCommandSchema = z.object({
  id: z.uuid(),
  command_type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(COMMAND_STATUSES),
});
/** One command as an agent receives it. */
export type AgentCommand = z.infer<typeof AgentCommandSchema>;

/** `GET /api/agents/{agent_id}/commands` response: a bare array. */
export const AgentCommandListSchema = z.array(AgentCommandSchema);

/** `POST /api/agents/{agent_id}/command/{cmd_id}/result` request. */
export const CommandResultRequestSchema = z.object({
  status: z.enum(["completed", "failed"]),
  result: z.record(z.string(), z.unknown()).nullish(),
});
/** `POST /api/agents/{agent_id}/command/{cmd_id}/result` request. */
export type CommandResultRequest = z.infer<typeof CommandResultRequestSchema>;

/** `POST /api/agents/{agent_id}/scan` request. */
export const ScanRequestSchema = z.object({
  mode: ComplianceModeSchema.default("standard"),
});

/** `POST /api/agents/scan` request. */
export const BulkScanRequestSchema = z.object({
  agent_ids: z.array(z.uuid()).min(1).max(10000),
  mode: ComplianceModeSchema.default("standard"),
  skip_offline: z.boolean().default(false),
});

/** Generic `{status: "ok"}` acknowledgement. */
export const OkSchema = z.object({ status: z.literal("ok") });
