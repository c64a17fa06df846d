/**
 * What every agent command works with: its folders, logger, token store,
 * state, queue and, once registered, a client for the controller.
 *
 * @module
 */
import { ControllerClient } from "../client.ts";
import { type CommandRunner, runCommand } from "../command_runner.ts";
import { type AgentConfig, loadConfig } from "../config.ts";
import { AgentError } from "../errors.ts";
import { Logger } from "../log.ts";
import {
  type AgentOs,
  type AgentPaths,
  currentOs,
  ensureDirs,
  resolvePaths,
} from "../paths.ts";
import { ReportQueue } from "../queue.ts";
import { type SecretStore, selectSecretStore } from "../secret_store.ts";
import { StateStore } from "../state.ts";
import type { EnvReader, GlobalOptions } from "./options.ts";

/** Shared by the agent's commands. */
export interface AgentContext {
  os: AgentOs;
  paths: AgentPaths;
  globals: GlobalOptions;
  env: EnvReader;
  logger: Logger;
  store: SecretStore;
  state: StateStore;
  run: CommandRunner;
  /** Prints a line for the person at the terminal. */
  say: (line: string) => void;
  /** The queue, sized by the configuration when there is one. */
  queue(config?: AgentConfig): ReportQueue;
}

/** Options of {@linkcode openContext}. */
export interface OpenOptions {
  /** Create the folders and write log files (not for read-only commands). */
  writable: boolean;
  run?: CommandRunner;
  say?: (line: string) => void;
}

/** Builds the context for the current OS and the given global options. */
export async function openContext(
  globals: GlobalOptions,
  env: EnvReader,
  options: OpenOptions,
): Promise<AgentContext> {
  const os = currentOs();
  const paths = resolvePaths(os, globals.stateDir);
  if (options.writable) await ensureWritable(paths);

  const config = await loadConfig(paths.configFile).catch(() => undefined);
  const logger = new Logger({
    dir: options.writable ? paths.logDir : undefined,
    level: config?.log_level ?? "info",
  });
  const run = options.run ?? runCommand;
  const store = selectSecretStore(
    os,
    paths,
    run,
    (reason) =>
      logger.warn("systemd-creds unavailable, token kept in a root-only file", {
        reason,
      }),
  );

  return {
    os,
    paths,
    globals,
    env,
    logger,
    store,
    run,
    state: new StateStore(paths.stateFile),
    say: options.say ?? ((line) => console.log(line)),
    queue: (config) =>
      new ReportQueue({
        dir: paths.queueDir,
        maxReports: config?.queue_max_reports ?? 100,
        logger,
      }),
  };
}

async function ensureWritable(paths: AgentPaths) {
  try {
    await ensureDirs(paths);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) {
      throw new AgentError(
        "permission_denied",
        `State directory "${paths.dataDir}" is outside the folders this ` +
          "build of the agent may use; use its standard folders or a " +
          "folder inside them",
        { cause: error },
      );
    }
    throw new AgentError(
      "permission_denied",
      `Cannot create "${paths.dataDir}": ${reason(error)}; run as root ` +
        "(Administrator on Windows) or choose a folder with --state-dir",
      { cause: error },
    );
  }
}

/** The configuration and token of a registered agent. */
export interface Registration {
  config: AgentConfig & { agent_id: string };
  token: string;
}

/** Loads the registration, or says how to register. */
export async function loadRegistration(
  context: AgentContext,
): Promise<Registration> {
  const config = await loadConfig(context.paths.configFile);
  const token = config?.agent_id ? await context.store.get() : undefined;
  if (!config?.agent_id || !token) {
    throw new AgentError(
      "not_registered",
      "This agent is not registered; run " +
        '"cefleet-agent register --controller URL" first',
    );
  }
  context.logger.redact(token);
  return { config: config as Registration["config"], token };
}

/**
 * A client for the controller with the TLS settings of the command line
 * or the configuration. Warns, every time, when certificate checks are off.
 */
export async function openClient(
  context: AgentContext,
  controllerUrl: string,
  config?: AgentConfig,
): Promise<ControllerClient> {
  const caCert = context.globals.caCert ?? config?.ca_cert;
  const verify = !context.globals.noVerifySsl && (config?.verify_tls ?? true);
  if (!verify) warnInsecure(context);

  return new ControllerClient({
    baseUrl: controllerUrl,
    caCertPem: caCert ? await readCaCert(caCert) : undefined,
  });
}

function warnInsecure(context: AgentContext) {
  context.logger.warn(
    "Certificate checks of the controller are OFF (--no-verify-ssl); " +
      "anyone on the network path can pose as the controller. " +
      "Use this only in tests, and --ca-cert FILE for a private CA",
  );
}

/** Reads a PEM file of CA certificates, or says why it cannot. */
export async function readCaCert(path: string): Promise<string> {
  let pem: string;
  try {
    pem = await Deno.readTextFile(path);
  } catch (error) {
    throw new AgentError(
      "config_invalid",
      `Cannot read CA certificate "${path}": ${reason(error)}` +
        ownFolderHint(error),
      { cause: error },
    );
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new AgentError(
      "config_invalid",
      `CA certificate "${path}" holds no PEM certificate`,
    );
  }
  return pem;
}

/** Advice when a file outside the agent's folders was refused. */
export function ownFolderHint(error: unknown): string {
  return error instanceof Deno.errors.NotCapable
    ? "; keep the file in the agent's configuration folder"
    : "";
}

/** The reason part of an error, for one-line messages. */
export function reason(error: unknown): string {
  if (error instanceof Deno.errors.NotCapable) {
    return "this build of the agent may not access it";
  }
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0];
}
