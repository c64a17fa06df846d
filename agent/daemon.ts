/**
 * The agent's daemon loop: heartbeat, command poll, daily scan and queue
 * upload, each on its own timer, run one step at a time so that only one
 * command ever runs at once.
 *
 * @module
 */
import type {
  AgentCommand,
  CommandResultRequest,
  ReportUpload,
} from "../shared/api.ts";
import type { ComplianceMode, Report } from "../shared/report.ts";
import { withJitter } from "./backoff.ts";
import { ControllerError } from "./client.ts";
import type { Clock } from "./clock.ts";
import { type CommandOutcome, executeCommand } from "./command_outcome.ts";
import type { AgentConfig } from "./config.ts";
import { AgentError, EXIT } from "./errors.ts";
import type { Logger } from "./log.ts";
import type { ReportQueue } from "./queue.ts";
import { toUpload } from "./reports.ts";
import { CATCH_UP_MS, nextScheduledScan } from "./schedule.ts";
import type { StateStore } from "./state.ts";
import { Uploader } from "./uploader.ts";
import { AGENT_VERSION } from "./version.ts";

/** The controller endpoints the daemon uses. */
export interface AgentApi {
  setToken(token: string | undefined): void;
  heartbeat(
    agentId: string,
    body: { status?: string; metadata?: Record<string, unknown> },
  ): Promise<{ approval: string; [key: string]: unknown }>;
  commands(agentId: string): Promise<AgentCommand[]>;
  commandResult(
    agentId: string,
    commandId: string,
    body: CommandResultRequest,
  ): Promise<void>;
  uploadReport(
    agentId: string,
    upload: ReportUpload,
  ): Promise<string>;
}

/** A fresh identity after re-registration. */
export interface Identity {
  agentId: string;
  token: string;
}

/** Everything the daemon works with; tests pass fakes. */
export interface DaemonDeps {
  api: AgentApi;
  config: AgentConfig;
  identity: Identity;
  state: StateStore;
  queue: ReportQueue;
  logger: Logger;
  clock: Clock;
  random?: () => number;
  /** Runs one scan. */
  scan: (mode: ComplianceMode) => Promise<Report>;
  /** Registers again; absent when no enrollment secret is configured. */
  reenroll?: () => Promise<Identity>;
}

/** Jitter applied to the heartbeat and poll intervals, either way. */
const INTERVAL_JITTER = 0.1;

/** Runs until aborted, or until the token stops working for good. */
export class Daemon {
  #deps: DaemonDeps;
  #random: () => number;
  #identity: Identity;
  #uploader: Uploader;
  #reachable = true;
  #waitingForApproval = false;
  #next = {
    heartbeat: 0,
    poll: 0,
    scan: undefined as number | undefined,
  };

  /** A daemon over `deps`; nothing happens until {@linkcode run}. */
  constructor(deps: DaemonDeps) {
    this.#deps = deps;
    this.#random = deps.random ?? Math.random;
    this.#identity = deps.identity;
    this.#uploader = new Uploader({
      upload: (agentId, upload) => deps.api.uploadReport(agentId, upload),
      queue: deps.queue,
      state: deps.state,
      clock: deps.clock,
      logger: deps.logger,
      random: this.#random,
    });
    deps.api.setToken(deps.identity.token);
  }

  /** The agent id currently in use (changes after re-registration). */
  get agentId(): string {
    return this.#identity.agentId;
  }

  /**
   * Runs the loop until `signal` aborts. Resolves with the process exit
   * status: 0 when stopped, {@linkcode EXIT.reregister} when the token was
   * refused and no enrollment secret could replace it.
   */
  async run(signal: AbortSignal): Promise<number> {
    const { logger, clock, queue } = this.#deps;
    await queue.cleanPartialWrites();
    await this.#planScheduledScan();
    logger.info("Agent started", {
      agent_id: this.agentId,
      controller: this.#deps.config.controller_url,
      queued_reports: await queue.size(),
    });

    try {
      while (!signal.aborted) {
        await this.#tick();
        const wait = this.#nextWake() - clock.now();
        if (wait > 0) await clock.sleep(wait, signal);
      }
    } catch (error) {
      if (error instanceof AgentError) {
        logger.error(error.message, { code: error.code });
        return error.exitCode;
      }
      throw error;
    }
    logger.info("Agent stopped");
    return EXIT.ok;
  }

  async #tick() {
    const now = () => this.#deps.clock.now();

    if (now() >= this.#next.heartbeat) {
      await this.#guard("heartbeat", () => this.#heartbeat());
      this.#next.heartbeat = now() + this.#interval("heartbeat_interval_s");
    }
    if (now() >= this.#next.poll) {
      await this.#guard("poll", () => this.#poll());
      this.#next.poll = now() + this.#interval("poll_interval_s");
    }
    if (this.#next.scan !== undefined && now() >= this.#next.scan) {
      await this.#guard("scheduled scan", () => this.#scheduledScan());
    }
    if (now() >= this.#uploader.nextAttemptAt) {
      await this.#guard("upload", () => this.#flush());
    }
  }

  #nextWake(): number {
    const { heartbeat, poll, scan } = this.#next;
    const upload = this.#uploader.nextAttemptAt;
    return Math.min(heartbeat, poll, upload, scan ?? Infinity);
  }

  #interval(key: "heartbeat_interval_s" | "poll_interval_s"): number {
    return withJitter(
      this.#deps.config[key] * 1000,
      INTERVAL_JITTER,
      this.#random,
    );
  }

  /**
   * Runs one step, turning controller failures into log lines and state.
   * Only a token that will never work again escapes, as an AgentError.
   */
  async #guard(step: string, action: () => Promise<void>) {
    try {
      await action();
      this.#markReachable(true);
    } catch (error) {
      if (error instanceof AgentError) throw error;
      if (!(error instanceof ControllerError)) {
        this.#deps.logger.error(`Unexpected failure during ${step}`, {
          error: error instanceof Error ? error.stack : String(error),
        });
        return;
      }
      await this.#handleControllerError(step, error);
    }
  }

  async #handleControllerError(step: string, error: ControllerError) {
    const { logger } = this.#deps;
    if (error.tokenGone) return await this.#replaceIdentity(error);

    if (error.pendingApproval) return this.#noteApproval(true);
    // TLS and garbled answers are outages too: a renewed certificate or a
    // proxy error page must not stop a fleet that retries on its own.
    if (error.retryable || error.kind !== "http") {
      this.#markReachable(false, error.message);
      return;
    }
    logger.error(`Controller refused the ${step}`, {
      status: error.status,
      code: error.code,
      reason: error.message,
    });
  }

  #noteApproval(pending: boolean) {
    const { logger } = this.#deps;
    if (pending && !this.#waitingForApproval) {
      logger.warn("Waiting for an admin to approve this agent", {
        agent_id: this.agentId,
      });
    } else if (!pending && this.#waitingForApproval) {
      logger.info("Agent approved", { agent_id: this.agentId });
    }
    this.#waitingForApproval = pending;
  }

  #markReachable(reachable: boolean, reason?: string) {
    if (reachable === this.#reachable) return;
    this.#reachable = reachable;
    if (!reachable) {
      this.#deps.logger.warn("Controller unreachable", { reason });
      return;
    }
    this.#deps.logger.info("Controller reachable again");
    // Waiting out the upload backoff would leave reports queued after the
    // outage is known to be over; heartbeat jitter already spreads a fleet.
    this.#uploader.nextAttemptAt = this.#deps.clock.now();
  }

  async #replaceIdentity(error: ControllerError) {
    const { logger, reenroll, api } = this.#deps;
    const code = error.code ?? "token_invalid";
    if (!reenroll) {
      await this.#deps.state.update((s) => {
        s.token_refused = code;
      });
      throw new AgentError(
        "token_rejected",
        `Controller refused this agent's token (${error.code}); ` +
          "run register again with an enrollment secret",
        { exitCode: EXIT.reregister },
      );
    }

    logger.warn("Token refused, registering again", { code: error.code });
    this.#identity = await reenroll().catch(async (cause) => {
      await this.#deps.state.update((s) => {
        s.token_refused = code;
      });
      throw new AgentError(
        "token_rejected",
        `Token refused (${error.code}) and registering again failed: ${
          cause instanceof Error ? cause.message : String(cause)
        }`,
        { exitCode: EXIT.reregister, cause },
      );
    });
    api.setToken(this.#identity.token);
    logger.info("Agent registered again", { agent_id: this.agentId });
  }

  async #heartbeat() {
    const { api, state, queue, clock } = this.#deps;
    const answer = await api.heartbeat(this.agentId, {
      status: "online",
      metadata: {
        agent_version: AGENT_VERSION,
        queued_reports: await queue.size(),
      },
    });

    this.#noteApproval(answer.approval === "pending");
    await state.update((s) => {
      s.last_heartbeat_at = new Date(clock.now()).toISOString();
      s.approval = answer.approval;
      delete s.token_refused;
    });
    // The controller can ask an agent to enroll again, for example after
    // its record was rebuilt; that is handled like a refused token.
    if (answer.reenroll === true) {
      await this.#replaceIdentity(
        new ControllerError("http", "Re-enrollment requested", {
          code: "token_invalid",
        }),
      );
    }
  }

  async #poll() {
    if (this.#waitingForApproval) return;
    await this.#deliverPendingResults();

    const commands = await this.#deps.api.commands(this.agentId);
    for (const command of commands) {
      await this.#handleCommand(command);
    }
  }

  async #handleCommand(command: AgentCommand) {
    const { state, logger, clock } = this.#deps;
    const seen = await state.journalEntry(command.id);

    if (seen?.phase === "answered" || seen?.phase === "result_pending") {
      // Answered, or answer still on its way; never run a command twice.
      return;
    }
    if (seen?.phase === "running") {
      logger.warn("Command interrupted by a restart, not run again", {
        command_id: command.id,
      });
      return await this.#answer(command, {
        status: "failed",
        result: { reason: "The agent restarted while running this command" },
      });
    }

    await state.journal({
      id: command.id,
      command_type: command.command_type,
      phase: "running",
      at: new Date(clock.now()).toISOString(),
    });
    logger.info("Command received", {
      command_id: command.id,
      command_type: command.command_type,
    });
    const outcome = await executeCommand(
      command,
      (mode) =>
        this.#scanAndQueue(mode, "command").catch((error) => {
          logger.error("Scan failed", { reason: String(error) });
          throw error;
        }),
    );
    await this.#answer(command, outcome);
  }

  /**
   * Records the outcome before sending it, so an outcome that cannot be
   * delivered now is retried later instead of rerunning the command.
   */
  async #answer(
    command: AgentCommand,
    outcome: CommandOutcome,
  ) {
    const { state, clock } = this.#deps;
    await state.journal({
      id: command.id,
      command_type: command.command_type,
      phase: "result_pending",
      at: new Date(clock.now()).toISOString(),
      result: outcome,
    });

    // The report goes first, so the result never points at a report the
    // controller has not got yet.
    await this.#flush();
    await this.#deliverPendingResults();
  }

  async #deliverPendingResults() {
    const { state, api, logger } = this.#deps;
    if ((await this.#deps.queue.size()) > 0) return;

    const pending = (await state.get()).commands.filter((entry) =>
      entry.phase === "result_pending"
    );
    for (const entry of pending) {
      try {
        await api.commandResult(this.agentId, entry.id, entry.result!);
      } catch (error) {
        // A command the controller no longer knows (expired, deleted) can
        // never take its result; keeping it would retry forever.
        if (
          !(error instanceof ControllerError) || error.retryable ||
          error.tokenGone || error.pendingApproval
        ) {
          throw error;
        }
        logger.warn("Command result refused", {
          command_id: entry.id,
          reason: error.message,
        });
      }
      await state.journal({ ...entry, phase: "answered" });
      logger.info("Command answered", {
        command_id: entry.id,
        status: entry.result!.status,
      });
    }
  }

  async #scheduledScan() {
    const { state, clock, config } = this.#deps;
    const startedAt = new Date(clock.now());
    // Planned before scanning, so a failure below cannot leave the timer
    // in the past and spin the loop.
    await this.#planScheduledScan(startedAt);

    try {
      await this.#scanAndQueue(config.scan_mode, "schedule");
    } catch (error) {
      this.#deps.logger.error("Scheduled scan failed", {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    await state.update((s) => {
      s.last_scheduled_scan_at = startedAt.toISOString();
    });
    await this.#flush();
  }

  async #planScheduledScan(lastRunAt?: Date) {
    const { config, state, clock } = this.#deps;
    const stored = (await state.get()).last_scheduled_scan_at;
    const last = lastRunAt ?? (stored ? new Date(stored) : undefined);
    const next = nextScheduledScan(
      {
        time: config.scan_time,
        spreadMs: config.scan_spread_minutes * 60_000,
        catchUpMs: CATCH_UP_MS,
      },
      new Date(clock.now()),
      last,
      this.#random,
    );
    this.#next.scan = next?.getTime();
    if (next) {
      this.#deps.logger.debug("Next scheduled scan", {
        at: next.toISOString(),
      });
    }
  }

  async #scanAndQueue(
    mode: ComplianceMode,
    trigger: "command" | "schedule",
  ): Promise<Report> {
    const { scan, queue, state, logger } = this.#deps;
    const report = await scan(mode);
    await queue.enqueue(toUpload(report));
    await state.update((s) => {
      s.last_scan = {
        at: report.timestamp_utc,
        report_id: report.report_id,
        mode: report.compliance_mode,
        status: report.overall.status,
        score: report.overall.score,
        trigger,
      };
    });
    logger.info("Scan finished", {
      report_id: report.report_id,
      trigger,
      overall_status: report.overall.status,
    });
    return report;
  }

  /** Uploads the queue, unless the controller would refuse it anyway. */
  async #flush() {
    const recheck = this.#interval("poll_interval_s");
    if (this.#waitingForApproval) {
      this.#uploader.nextAttemptAt = this.#deps.clock.now() + recheck;
      return;
    }
    await this.#uploader.flush(this.agentId, recheck);
  }
}
