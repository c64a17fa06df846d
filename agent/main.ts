/**
 * Entry point of `cefleet-agent`, compiled per OS by `deno task build` and
 * run by `deno task agent` with the same permission flags.
 *
 * @module
 */
import { agentMain } from "./cli/main.ts";

if (import.meta.main) {
  Deno.exit(await agentMain(Deno.args));
}
