/**
 * `unregister`: forgets this machine's registration and token.
 *
 * @module
 */
import { loadConfig, saveConfig } from "../config.ts";
import type { AgentContext } from "./context.ts";

/** Help of the `unregister` command. */
export const UNREGISTER_HELP = `Usage: cefleet-agent unregister

Deletes the stored token and the agent id from this machine. The settings
(controller, schedule) stay, so "register" can run again. The controller
keeps listing the agent until an admin deletes it there.`;

/** Deletes the token and the agent id. */
export async function unregister(context: AgentContext): Promise<void> {
  const config = await loadConfig(context.paths.configFile);
  const hadToken = Boolean(await context.store.get().catch(() => undefined));
  await context.store.delete();

  if (!config?.agent_id && !hadToken) {
    context.say("This machine is not registered; nothing to do");
    return;
  }
  if (config) {
    const { agent_id: _forgotten, ...rest } = config;
    await saveConfig(context.paths.configFile, rest);
  }
  context.logger.info("Agent unregistered", { agent_id: config?.agent_id });
  context.say(
    `Unregistered agent ${config?.agent_id ?? "(unknown id)"}: token removed ` +
      `from ${context.store.location}. An admin can delete it on the controller`,
  );
}
