/**
 * `install-service` and `uninstall-service`.
 *
 * @module
 */
import { denoRunArgs } from "../launch.ts";
import { installService, uninstallService } from "../service.ts";
import type { AgentContext } from "./context.ts";

/** Help of the service commands. */
export const SERVICE_HELP =
  `Usage: cefleet-agent install-service [--binary PATH] [--root DIR]
       cefleet-agent uninstall-service [--root DIR]

Installs the agent as a system service that runs "cefleet-agent run" at
boot and restarts it when it fails: a systemd unit on Linux, a launchd
daemon on macOS, a start-up task running as SYSTEM on Windows. The
--state-dir given here is passed on to the service.

Options:
  --binary PATH   the installed agent binary (default: this program)
  --root DIR      write the definition below DIR and call no service
                  manager, to inspect what would be installed`;

/** Options of the service commands. */
export interface ServiceOptions {
  binary?: string;
  root?: string;
}

/** Installs the service and says what it did. */
export async function installServiceCommand(
  context: AgentContext,
  options: ServiceOptions,
): Promise<void> {
  const message = await installService(
    serviceContext(context, options),
    daemonCommand(context, options.binary),
  );
  context.logger.info("Service installed", { detail: message });
  context.say(message);
}

/** Removes the service and says what it did. */
export async function uninstallServiceCommand(
  context: AgentContext,
  options: ServiceOptions,
): Promise<void> {
  const message = await uninstallService(serviceContext(context, options));
  context.logger.info("Service removed", { detail: message });
  context.say(message);
}

function serviceContext(context: AgentContext, options: ServiceOptions) {
  return {
    os: context.os,
    paths: context.paths,
    run: context.run,
    logger: context.logger,
    root: options.root,
  };
}

/**
 * The command line the service runs. A compiled agent runs itself; an
 * agent started by `deno run` is started the same way, with the same
 * permission flags.
 */
export function daemonCommand(
  context: AgentContext,
  binary?: string,
): string[] {
  const stateArgs = context.paths.custom
    ? ["--state-dir", context.paths.configDir]
    : [];
  if (binary) return [binary, "run", ...stateArgs];
  if (Deno.build.standalone) return [Deno.execPath(), "run", ...stateArgs];

  const args = denoRunArgs({
    os: context.os,
    agentArgs: ["run", ...stateArgs],
    stateDir: context.paths.custom ? context.paths.configDir : undefined,
  });
  return [Deno.execPath(), ...args];
}
