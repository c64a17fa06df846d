/**
 * `deno task agent <command>`: runs the agent from source with the same
 * permission flags as the compiled binary for this OS, so what works here
 * works on a customer's machine.
 *
 * @module
 */
import { denoRunArgs, optionValue } from "../agent/launch.ts";
import { currentOs, resolvePaths } from "../agent/paths.ts";

const args = Deno.args;
const os = currentOs();
const stateDir = optionValue(args, "--state-dir") ??
  (Deno.env.get("CEFLEET_AGENT_DIR") || undefined);
const saved = await savedConnection(resolvePaths(os, stateDir).configFile);

const child = new Deno.Command("deno", {
  args: denoRunArgs({
    os,
    agentArgs: args,
    stateDir,
    serviceRoot: optionValue(args, "--root"),
    controllerUrl: optionValue(args, "--controller") ??
      (Deno.env.get("CEFLEET_CONTROLLER_URL") || saved.controllerUrl),
    insecure: args.includes("--no-verify-ssl") || saved.verifyTls === false,
  }),
  stdin: "inherit",
  stdout: "inherit",
  stderr: "inherit",
}).spawn();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  if (os !== "windows" || signal === "SIGINT") {
    Deno.addSignalListener(signal, () => child.kill(signal));
  }
}
Deno.exit((await child.status).code);

// The registered controller narrows --allow-net for `run`, as a build made
// for that controller would.
async function savedConnection(path: string) {
  try {
    const config = JSON.parse(await Deno.readTextFile(path));
    return {
      controllerUrl: typeof config.controller_url === "string"
        ? config.controller_url as string
        : undefined,
      verifyTls: config.verify_tls as boolean | undefined,
    };
  } catch {
    return { controllerUrl: undefined, verifyTls: undefined };
  }
}
