/**
 * `run` (or `--daemon`): the long-running agent a service manager starts.
 *
 * @module
 */
import { saveConfig } from "../config.ts";
import { systemClock } from "../clock.ts";
import { Daemon, type Identity } from "../daemon.ts";
import { AgentError } from "../errors.ts";
import { acquireRunLock } from "../run_lock.ts";
import { runScan } from "../scanner/mod.ts";
import {
  type AgentContext,
  loadRegistration,
  openClient,
  type Registration,
} from "./context.ts";
import { enroll, enrollSecret, register } from "./register.ts";

/** Help of the `run` command. */
export const RUN_HELP = `Usage: cefleet-agent run

Runs the agent until stopped: a heartbeat every minute, a command poll every
30 seconds, a daily scan (02:00 local time by default) and the upload of
queued reports. Intervals, scan time and mode are set in config.json.
The original agent's spelling "--daemon" is accepted too.

Not yet registered, it registers first when CEFLEET_CONTROLLER_URL (and
CEFLEET_ENROLL_SECRET) are set, so a deployment tool can set them and
install the service.

Exit status: 0 when stopped, 4 when the controller refused the token and no
enrollment secret is configured to register again.`;

/** Runs the daemon until SIGINT/SIGTERM; resolves with the exit status. */
export async function runDaemon(context: AgentContext): Promise<number> {
  const lock = await acquireRunLock(`${context.paths.dataDir}/agent.lock`);
  const registration = await registrationForRun(context);
  const { config } = registration;
  const client = await openClient(context, config.controller_url, config);
  const stop = new AbortController();
  const removeSignals = onStopSignals(() => stop.abort());

  try {
    const daemon = new Daemon({
      api: client,
      config,
      identity: { agentId: config.agent_id, token: registration.token },
      state: context.state,
      queue: context.queue(config),
      logger: context.logger,
      clock: systemClock,
      scan: (mode) => runScan({ mode }),
      reenroll: reenroller(context, registration, client),
    });
    return await daemon.run(stop.signal);
  } finally {
    removeSignals();
    client.close();
    lock.close();
  }
}

/**
 * The registration, made now when there is none and the environment names
 * the controller: a machine deployed with `CEFLEET_CONTROLLER_URL` and
 * `CEFLEET_ENROLL_SECRET` registers on the service's first start.
 */
async function registrationForRun(
  context: AgentContext,
): Promise<Registration> {
  try {
    return await loadRegistration(context);
  } catch (error) {
    const unregistered = error instanceof AgentError &&
      error.code === "not_registered";
    if (!unregistered || !context.env("CEFLEET_CONTROLLER_URL")) throw error;
  }
  await register(context, { force: false });
  return await loadRegistration(context);
}

/**
 * Registration again with the configured secret, or undefined when the
 * agent has none and must stop once its token is refused.
 */
function reenroller(
  context: AgentContext,
  registration: Registration,
  client: Parameters<typeof enroll>[1],
): (() => Promise<Identity>) | undefined {
  const { config } = registration;
  const secretFile = config.enroll_secret_file;
  if (!secretFile && !context.env("CEFLEET_ENROLL_SECRET")) return undefined;

  return async () => {
    const secret = await enrollSecret(context, {
      enrollSecretFile: secretFile,
    });
    const identity = await enroll(context, client, secret, config.machine_id);
    await saveConfig(context.paths.configFile, {
      ...config,
      agent_id: identity.agentId,
    });
    return identity;
  };
}

function onStopSignals(stop: () => void): () => void {
  const signals: Deno.Signal[] = Deno.build.os === "windows"
    ? ["SIGINT", "SIGBREAK"]
    : ["SIGINT", "SIGTERM"];
  for (const signal of signals) Deno.addSignalListener(signal, stop);
  return () => {
    for (const signal of signals) Deno.removeSignalListener(signal, stop);
  };
}
