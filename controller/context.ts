/**
 * Everything a request handler needs, built once at start-up: settings,
 * database, clock, logger, tokens, services and rate limits.
 *
 * @module
 */
import { RateLimiter } from "./auth/rate_limit.ts";
import { TokenService } from "./auth/tokens.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/database.ts";
import { type Logger, silentLogger } from "./logger.ts";
import { AgentService } from "./services/agents.ts";
import { AuditService } from "./services/audit.ts";
import { CommandService } from "./services/commands.ts";
import { EnrollmentService } from "./services/enrollment.ts";
import { FlashService } from "./services/flash.ts";
import { LastSeenTracker } from "./services/last_seen.ts";
import { PendingCommandHints } from "./services/pending_commands.ts";
import { RegistrationService } from "./services/registration.ts";
import { ReportService } from "./services/reports.ts";
import { type UserRecord, UserService } from "./services/users.ts";

/** The controller's services. */
export interface Services {
  audit: AuditService;
  users: UserService;
  enrollment: EnrollmentService;
  agents: AgentService;
  registration: RegistrationService;
  reports: ReportService;
  commands: CommandService;
  lastSeen: LastSeenTracker;
  pendingCommands: PendingCommandHints;
  flash: FlashService;
}

/** What every part of the controller shares. */
export interface AppContext {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  tokens: TokenService;
  services: Services;
  limits: { login: RateLimiter; register: RateLimiter };
}

/** Values that authentication middleware leaves on a request's context. */
export interface AppEnv {
  Variables: {
    /** The signed-in admin, on admin routes. */
    user: UserRecord;
    /** The calling agent's id, on agent routes. */
    agentId: string;
    /** Whether the calling agent is approved, on agent routes. */
    agentApproval: "approved" | "pending";
    /** When the calling agent's check-in was noted, on agent routes. */
    checkedInAt: Date;
  };
}

/** What {@linkcode createContext} needs. */
export interface ContextOptions {
  config: Config;
  db: Database;
  signingKey: Uint8Array;
  clock?: Clock;
  logger?: Logger;
  /** bcrypt work factor; tests lower it to stay fast. */
  bcryptCost?: number;
}

/** Wire the services together over one database. */
export function createContext(options: ContextOptions): AppContext {
  const { config, db } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const tokens = new TokenService(options.signingKey, clock);

  const audit = new AuditService(db, clock);
  const lastSeen = new LastSeenTracker(db, logger);
  const agents = new AgentService(db, clock, audit, lastSeen);
  const enrollment = new EnrollmentService(db, clock, audit);
  const pendingCommands = new PendingCommandHints(db, logger);
  const services: Services = {
    audit,
    pendingCommands,
    lastSeen,
    agents,
    enrollment,
    flash: new FlashService(db, clock),
    users: new UserService(db, clock, audit, {
      bcryptCost: options.bcryptCost,
      lockoutThreshold: config.lockoutThreshold,
      lockoutMinutes: config.lockoutMinutes,
    }),
    registration: new RegistrationService({
      db,
      clock,
      logger,
      tokens,
      agents,
      enrollment,
      mode: config.registration,
    }),
    reports: new ReportService(db, clock),
    commands: new CommandService({
      db,
      clock,
      logger,
      audit,
      agents,
      hints: pendingCommands,
      timeoutSeconds: config.commandTimeoutSeconds,
    }),
  };

  const limits = {
    login: new RateLimiter(config.loginRatePerMinute, 60_000, clock),
    register: new RateLimiter(config.registerRatePerMinute, 60_000, clock),
  };
  return { config, db, clock, logger, tokens, services, limits };
}
