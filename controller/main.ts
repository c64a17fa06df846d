/**
 * Start the controller: settings, database, migrations, first admin,
 * signing key, then serve until interrupted, writing buffered check-ins on
 * the way out.
 *
 * @module
 */
import { createApp } from "./app.ts";
import { loadSigningKey } from "./auth/keys.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { type AppContext, createContext } from "./context.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase } from "./db/open.ts";
import { createLogger, errorFields, type Logger } from "./logger.ts";
import { startupFailureHint } from "./startup_failure.ts";

/** A running controller. */
export interface RunningController {
  /** The URL it serves, with the real port. */
  url: string;
  /** Stop serving and close the database. */
  shutdown(): Promise<void>;
}

/** Start the controller described by `config`. */
export async function startController(
  config: Config,
  logger: Logger,
): Promise<RunningController> {
  const db = await openDatabase(config);
  const applied = await migrate(db);
  if (applied.length) logger.info("Migrations applied", { applied });

  const { key, generated } = await loadSigningKey(config);
  if (generated) logger.info("Signing key generated", { dir: config.dataDir });

  const ctx = createContext({ config, db, signingKey: key, logger });
  if (config.enrollSecret) {
    await ctx.services.enrollment.ensure(config.enrollSecret);
  }
  const stopBackgroundWork = await startBackgroundWork(ctx);

  const server = await serve(ctx, createApp(ctx).fetch);
  const url = listenUrl(config, server.addr);
  // Created only once the port is ours: an admin made by a start that then
  // failed to listen would keep a one-time password nobody ever saw.
  const admin = await ctx.services.users.ensureFirstAdmin(config.adminPassword);
  printStartup(url, admin.generatedPassword);
  logger.info("Controller started", { url, database: db.kind });

  return {
    url,
    shutdown: async () => {
      await server.shutdown();
      await stopBackgroundWork();
      await db.close();
      logger.info("Controller stopped");
    },
  };
}

async function startBackgroundWork(
  ctx: AppContext,
): Promise<() => Promise<void>> {
  const { lastSeen, commands, agents, pendingCommands } = ctx.services;
  const unfollowAgents = await agents.followChanges();
  const unfollowCommands = await pendingCommands.follow(60_000);
  lastSeen.start(ctx.config.lastSeenFlushMs);
  const expiry = setInterval(() => {
    commands.expireOverdue().catch((error) =>
      ctx.logger.warn("Expiring commands failed", errorFields(error))
    );
  }, 30_000);
  return async () => {
    clearInterval(expiry);
    await unfollowCommands();
    await unfollowAgents();
    await lastSeen.stop();
  };
}

async function serve(
  ctx: AppContext,
  handler: (
    request: Request,
    info: Deno.ServeHandlerInfo,
  ) => Response | Promise<Response>,
) {
  const { config } = ctx;
  const tls = config.tlsCert && config.tlsKey
    ? {
      cert: await Deno.readTextFile(config.tlsCert),
      key: await Deno.readTextFile(config.tlsKey),
    }
    : {};
  return Deno.serve({
    port: config.port,
    hostname: config.host,
    ...tls,
    onListen: () => {},
  }, (request, info) => handler(request, info));
}

function listenUrl(config: Config, addr: Deno.Addr): string {
  const { port } = addr as Deno.NetAddr;
  const scheme = config.tlsCert ? "https" : "http";
  // A wildcard address is not something a browser can open.
  const host = ["0.0.0.0", "::", ""].includes(config.host)
    ? "localhost"
    : config.host.includes(":")
    ? `[${config.host}]`
    : config.host;
  return `${scheme}://${host}:${port}`;
}

function printStartup(url: string, generatedPassword?: string): void {
  const lines = [
    `cefleet controller listening on ${url}`,
    `Dashboard: ${url}/`,
  ];
  if (generatedPassword) {
    const rule = "=".repeat(64);
    lines.push(
      rule,
      "  First start: an admin account was created.",
      "  Username: admin",
      `  One-time password: ${generatedPassword}`,
      "  It is shown only now; signing in asks for a new password.",
      rule,
    );
  }
  // One write, so a reader never sees the URL without the password.
  console.log(lines.join("\n"));
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    Deno.exit(2);
  }

  const logger = createLogger({ level: config.logLevel });
  const controller = await startController(config, logger).catch((error) => {
    logger.error("Start-up failed", errorFields(error));
    const hint = startupFailureHint(error, config);
    if (hint) console.error(hint);
    Deno.exit(1);
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await controller.shutdown();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

if (import.meta.main) await main();
