/**
 * `register`: enrolls this machine with a controller and stores the token.
 *
 * @module
 */
import type { RegisterRequest } from "../../shared/api.ts";
import { ControllerError } from "../client.ts";
import { defaultConfig, loadConfig, saveConfig } from "../config.ts";
import { AgentError } from "../errors.ts";
import type { Identity } from "../daemon.ts";
import { createSystemProbe } from "../scanner/probe.ts";
import { readHostInfo } from "../scanner/host.ts";
import { AGENT_VERSION } from "../version.ts";
import type { AgentContext } from "./context.ts";
import { openClient, ownFolderHint, reason } from "./context.ts";
import type { ControllerClient } from "../client.ts";
import type { AgentConfig } from "../config.ts";

/** Help of the `register` command. */
export const REGISTER_HELP =
  `Usage: cefleet-agent register --controller URL [--enroll-secret SECRET |
       --enroll-secret-file FILE] [--force]

Registers this machine with the controller and stores its token in the
operating system's credential store. The enrollment secret can also come
from CEFLEET_ENROLL_SECRET, the controller from CEFLEET_CONTROLLER_URL.
A file given with --enroll-secret-file is remembered, so the agent can
register again on its own if its token is ever revoked.

Options:
  --controller URL           the controller, e.g. https://ce.example.org
  --enroll-secret SECRET     enrollment secret (visible to other local users;
                             prefer the file or the environment)
  --enroll-secret-file FILE  read the enrollment secret from FILE
  --force                    register again even if already registered`;

/** Inputs of {@linkcode register}. */
export interface RegisterOptions {
  controller?: string;
  enrollSecret?: string;
  enrollSecretFile?: string;
  force: boolean;
}

/** Registers, stores the token and saves the configuration. */
export async function register(
  context: AgentContext,
  options: RegisterOptions,
): Promise<void> {
  const existing = await loadConfig(context.paths.configFile);
  const url = controllerUrl(
    options.controller ?? context.env("CEFLEET_CONTROLLER_URL") ??
      existing?.controller_url,
  );

  // A token the controller has refused for good is no registration to
  // keep, so registering again needs no --force.
  const refused = Boolean((await context.state.get()).token_refused);
  if (
    existing?.agent_id && !options.force && !refused &&
    await context.store.get()
  ) {
    context.say(
      `Already registered with ${existing.controller_url} as agent ` +
        `${existing.agent_id}; nothing changed (use --force to register again)`,
    );
    return;
  }

  const secret = await enrollSecret(context, options);
  const config: AgentConfig = {
    ...(existing ?? defaultConfig(url)),
    controller_url: url,
    ca_cert: context.globals.caCert ?? existing?.ca_cert,
    verify_tls: !context.globals.noVerifySsl,
    enroll_secret_file: options.enrollSecretFile ??
      existing?.enroll_secret_file,
    machine_id: existing?.machine_id ?? crypto.randomUUID(),
  };

  const client = await openClient(context, url, config);
  try {
    const identity = await enroll(context, client, secret, config.machine_id);
    await saveConfig(context.paths.configFile, {
      ...config,
      agent_id: identity.agentId,
    });
    await context.state.update((state) => {
      state.approval = identity.approval;
      delete state.token_refused;
    });
    context.logger.info("Agent registered", {
      agent_id: identity.agentId,
      controller: url,
      token_store: context.store.kind,
    });
    context.say(
      `Registered with ${url} as agent ${identity.agentId}` +
        (identity.approval === "pending"
          ? "; it waits for an admin to approve it"
          : "") +
        `. Token stored in ${context.store.location}`,
    );
  } finally {
    client.close();
  }
}

/**
 * Posts the host's facts with the secret and stores the new token. Used
 * by `register` and by the daemon when its token is refused.
 */
export async function enroll(
  context: AgentContext,
  client: ControllerClient,
  secret: string | undefined,
  machineId: string | undefined,
): Promise<Identity & { approval: string }> {
  context.logger.redact(secret);
  const body = await registrationBody(context, secret, machineId);

  let answer;
  try {
    answer = await client.register(body);
  } catch (error) {
    throw registrationError(error, client.baseUrl);
  }

  context.logger.redact(answer.agent_token);
  await context.store.set(answer.agent_token);
  return {
    agentId: answer.agent_id,
    token: answer.agent_token,
    approval: answer.approval,
  };
}

/** The enrollment secret from the options, a file or the environment. */
export async function enrollSecret(
  context: AgentContext,
  options: { enrollSecret?: string; enrollSecretFile?: string },
): Promise<string | undefined> {
  if (options.enrollSecret) return options.enrollSecret;
  if (options.enrollSecretFile) {
    try {
      const text = (await Deno.readTextFile(options.enrollSecretFile)).trim();
      if (text) return text;
    } catch (error) {
      throw new AgentError(
        "config_invalid",
        `Cannot read enrollment secret file "${options.enrollSecretFile}": ${
          reason(error)
        }${ownFolderHint(error)}`,
        { cause: error },
      );
    }
    throw new AgentError(
      "config_invalid",
      `Enrollment secret file "${options.enrollSecretFile}" is empty`,
    );
  }
  return context.env("CEFLEET_ENROLL_SECRET");
}

function controllerUrl(value: string | undefined): string {
  if (!value) {
    throw new AgentError(
      "usage",
      "No controller given; pass --controller URL or set CEFLEET_CONTROLLER_URL",
    );
  }
  // A bare host name is not a URL at all, and it needs the same hint as
  // a URL of another scheme.
  const invalid = new AgentError(
    "usage",
    `Invalid controller URL "${value}": use https:// (or http:// in tests)`,
  );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalid;
  return url.href.replace(/\/+$/, "");
}

async function registrationBody(
  context: AgentContext,
  secret: string | undefined,
  machineId: string | undefined,
): Promise<RegisterRequest> {
  const host = await readHostInfo(createSystemProbe(), context.os);
  return {
    hostname: host.hostname,
    os: { linux: "Linux", darwin: "macOS", windows: "Windows" }[context.os],
    os_version: host.osVersion || null,
    ip: primaryAddress(),
    metadata: {
      machine_id: machineId,
      agent_version: AGENT_VERSION,
      os_name: host.osName,
      kernel: host.kernel,
      arch: host.arch,
      is_server: host.isServer,
    },
    enroll_secret: secret ?? null,
  };
}

function primaryAddress(): string | null {
  try {
    const address = Deno.networkInterfaces().find((i) =>
      i.family === "IPv4" && !i.address.startsWith("127.")
    );
    return address?.address ?? null;
  } catch {
    return null;
  }
}

/** One line saying why registration failed, and what to do. */
function registrationError(error: unknown, url: string): AgentError {
  if (!(error instanceof ControllerError)) {
    return new AgentError(
      "controller_error",
      `Registration failed: ${reason(error)}`,
      { cause: error },
    );
  }
  if (error.kind === "tls") {
    return new AgentError(
      "tls_failed",
      `${error.message}; to trust a private CA, pass --ca-cert FILE`,
      { cause: error },
    );
  }
  if (error.kind === "network" || error.kind === "timeout") {
    return new AgentError("controller_unreachable", error.message, {
      cause: error,
    });
  }
  if (
    error.code === "enroll_secret_invalid" || error.status === 401 ||
    error.status === 403
  ) {
    return new AgentError(
      "enroll_refused",
      `Controller at ${url} refused the enrollment secret: ${error.message}`,
      { cause: error },
    );
  }
  if (
    error.status === 404 || error.status === 405 || error.kind === "protocol"
  ) {
    return new AgentError(
      "controller_error",
      `No cefleet controller answers at ${url} (${error.message})`,
      { cause: error },
    );
  }
  return new AgentError(
    "controller_error",
    `Controller at ${url} refused the registration: ${error.message}`,
    { cause: error },
  );
}
