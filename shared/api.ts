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
  /**
   * Set when the controller wants the agent to register again (for
   * example after its record was rebuilt); agents with an enrollment
   * secret do so at once.
   */
  reenroll: z.boolean().optional(),
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

// --- admin views --------------------------------------------------------------

/** An agent's status, derived from its last check-in. */
export const AGENT_STATUSES = ["online", "offline", "inactive"] as const;
/** An agent's status. */
export type AgentStatus = typeof AGENT_STATUSES[number];

/** Status filter of the agent list: a status, or awaiting approval. */
export const AGENT_STATUS_FILTERS = [...AGENT_STATUSES, "pending"] as const;

/** Compliance filter of the agent list: the latest report's outcome. */
export const COMPLIANCE_FILTERS = ["pass", "warn", "fail", "none"] as const;

/** Columns the agent list can be sorted by. */
export const AGENT_SORT_KEYS = [
  "hostname",
  "last_seen",
  "registered_at",
  "os",
  "compliance",
  "score",
] as const;

/** One agent as admins see it. */
export const AgentSchema = z.object({
  id: z.uuid(),
  hostname: z.string(),
  os: z.string(),
  os_version: z.string().nullable(),
  ip: z.string().nullable(),
  last_seen: z.string().nullable(),
  registered_at: z.string(),
  status: z.enum(AGENT_STATUSES),
  approval: z.enum(APPROVAL_STATES),
  metadata: z.record(z.string(), z.unknown()),
  latest_report_id: z.uuid().nullable(),
  latest_report_at: z.string().nullable(),
  latest_status: OverallStatusSchema.nullable(),
  latest_score: z.number().nullable(),
});
/** One agent as admins see it. */
export type Agent = z.infer<typeof AgentSchema>;

const pageQuery = {
  skip: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
};

/** `GET /api/agents` query. */
export const AgentListQuerySchema = z.object({
  ...pageQuery,
  q: z.string().max(255).optional(),
  status: z.enum(AGENT_STATUS_FILTERS).optional(),
  os: z.string().max(64).optional(),
  compliance: z.enum(COMPLIANCE_FILTERS).optional(),
  /** Only agents whose latest report fails the check with this id. */
  check: z.string().max(200).optional(),
  sort: z.enum(AGENT_SORT_KEYS).default("hostname"),
  order: z.enum(["asc", "desc"]).default("asc"),
});
/** `GET /api/agents` query. */
export type AgentListQuery = z.infer<typeof AgentListQuerySchema>;

/** `GET /api/agents` response. */
export const AgentListResponseSchema = z.object({
  agents: z.array(AgentSchema),
  total: z.number().int(),
});

/** `POST /api/agents/{agent_id}/scan` response. */
export const ScanResponseSchema = z.object({
  status: z.literal("ok"),
  command_id: z.uuid(),
});

/** An agent a bulk scan left out, and why. */
export const SkippedAgentSchema = z.object({
  agent_id: z.uuid(),
  reason: z.enum(["not_found", "offline", "pending"]),
});

/** `POST /api/agents/scan` response. */
export const BulkScanResponseSchema = z.object({
  status: z.literal("ok"),
  command_ids: z.array(z.uuid()),
  agents_count: z.number().int(),
  skipped: z.array(SkippedAgentSchema),
});

/** A report's summary, as listed. */
export const ReportSummarySchema = z.object({
  id: z.uuid(),
  agent_id: z.uuid(),
  hostname: z.string().nullable(),
  timestamp: z.string(),
  received_at: z.string(),
  mode: ComplianceModeSchema,
  overall_status: OverallStatusSchema,
  overall_score: z.number(),
});
/** A report's summary. */
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

/** One stored check result of a report. */
export const StoredCheckSchema = z.object({
  id: z.string(),
  control: z.string(),
  title: z.string(),
  status: z.string(),
  severity: z.string(),
  requirement: z.string(),
  expected: z.string(),
  actual: z.string(),
  evidence: z.array(z.string()),
  remediation: z.string(),
});

/** `GET /api/reports/{report_id}` response: summary, full report, checks. */
export const ReportDetailSchema = ReportSummarySchema.extend({
  payload: z.record(z.string(), z.unknown()),
  checks: z.array(StoredCheckSchema),
});
/** A report with its full payload and checks. */
export type ReportDetail = z.infer<typeof ReportDetailSchema>;

/** `GET /api/reports` query. */
export const ReportListQuerySchema = z.object({
  ...pageQuery,
  agent_id: z.uuid().optional(),
  status: OverallStatusSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
/** `GET /api/reports` query. */
export type ReportListQuery = z.infer<typeof ReportListQuerySchema>;

/** `GET /api/reports` response. */
export const ReportListResponseSchema = z.object({
  reports: z.array(ReportSummarySchema),
  total: z.number().int(),
});

/** A command as admins see it. */
export const CommandSchema = z.object({
  id: z.uuid(),
  agent_id: z.uuid(),
  hostname: z.string().nullable(),
  command_type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(COMMAND_STATUSES),
  result: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  expires_at: z.string(),
});
/** A command as admins see it. */
export type Command = z.infer<typeof CommandSchema>;

/** `GET /api/commands` query. */
export const CommandListQuerySchema = z.object({
  ...pageQuery,
  agent_id: z.uuid().optional(),
  status: z.enum(COMMAND_STATUSES).optional(),
});
/** `GET /api/commands` query. */
export type CommandListQuery = z.infer<typeof CommandListQuerySchema>;

/** `GET /api/commands` response. */
export const CommandListResponseSchema = z.object({
  commands: z.array(CommandSchema),
  total: z.number().int(),
});

/** `POST /api/enroll-secrets` request. */
export const EnrollSecretCreateSchema = z.object({
  name: z.string().min(1).max(100).default("enrollment"),
});

/** An enrollment secret as listed: never the secret itself. */
export const EnrollSecretSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  uses: z.number().int(),
});

/** `POST /api/enroll-secrets` response: the only time the secret is shown. */
export const EnrollSecretCreatedSchema = EnrollSecretSchema.extend({
  secret: z.string(),
});

/** `GET /api/enroll-secrets` response. */
export const EnrollSecretListSchema = z.object({
  secrets: z.array(EnrollSecretSchema),
});

/** An admin user. */
export const UserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  email: z.string().nullable(),
  is_active: z.boolean(),
  is_admin: z.boolean(),
  must_change_password: z.boolean(),
  created_at: z.string(),
  locked_until: z.string().nullable(),
});
/** An admin user. */
export type User = z.infer<typeof UserSchema>;

/** `POST /api/users` request. */
export const UserCreateSchema = z.object({
  username: z.string().regex(/^[A-Za-z0-9_.@-]{1,100}$/),
  email: z.email().max(255).nullish(),
  password: z.string().min(12).max(1000),
});

/** `GET /api/users` response. */
export const UserListSchema = z.object({ users: z.array(UserSchema) });

/** `POST /api/users/{user_id}/password` request; omit to generate one. */
export const PasswordResetRequestSchema = z.object({
  new_password: z.string().min(12).max(1000).optional(),
});

/** `POST /api/users/{user_id}/password` response. */
export const PasswordResetResponseSchema = z.object({
  status: z.literal("ok"),
  temporary_password: z.string().optional(),
});

/** One audit log entry: an admin action. */
export const AuditEntrySchema = z.object({
  id: z.uuid(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** `GET /api/audit` response. */
export const AuditListSchema = z.object({
  entries: z.array(AuditEntrySchema),
  total: z.number().int(),
});

/** `GET /health` response. */
export const HealthSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["ok", "unavailable"]),
});
