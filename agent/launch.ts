/**
 * How to start the agent from source exactly as the compiled binary runs:
 * `deno run` with the build's permission flags. Used by `deno task agent`
 * and by the tests that run the agent as a process.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { agentPermissionFlags } from "./permissions.ts";
import type { AgentOs } from "./paths.ts";

/** Inputs of {@linkcode denoRunArgs}. */
export interface LaunchOptions {
  os: AgentOs;
  /** Arguments for the agent itself. */
  agentArgs: string[];
  /** State directory in use; the OS's folders when absent. */
  stateDir?: string;
  /** Folder given to `install-service --root`, granted like the state. */
  serviceRoot?: string;
  /** Controller URL, when known, to narrow `--allow-net` to its host. */
  controllerUrl?: string;
  /**
   * Turn off certificate checks for the controller's host. Deno can only
   * do this when it starts, so `--no-verify-ssl` needs the launcher.
   */
  insecure?: boolean;
}

/** Path of the agent's entry module. */
export const AGENT_MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
/** Path of the project's deno.json, whose import map the agent needs. */
export const DENO_CONFIG = fileURLToPath(
  new URL("../deno.json", import.meta.url),
);

/** The `deno` arguments that run the agent as shipped. */
export function denoRunArgs(options: LaunchOptions): string[] {
  // A URL that does not parse leaves the network open to any host, so the
  // agent itself starts and explains what is wrong with the URL.
  const host = options.controllerUrl && URL.canParse(options.controllerUrl)
    ? controllerHost(options.controllerUrl)
    : undefined;
  const flags = agentPermissionFlags({
    os: options.os,
    stateDirs: options.stateDir ? [options.stateDir] : undefined,
    serviceRoot: options.serviceRoot,
    controllerHost: host,
  });
  const insecure = options.insecure
    ? [
      `--unsafely-ignore-certificate-errors${host ? `=${hostname(host)}` : ""}`,
    ]
    : [];

  return [
    "run",
    "--no-prompt",
    "--quiet",
    `--config=${DENO_CONFIG}`,
    ...flags,
    ...insecure,
    AGENT_MAIN,
    ...options.agentArgs,
  ];
}

/** `host:port` of a URL, with the scheme's default port made explicit. */
export function controllerHost(url: string): string {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
  return `${parsed.hostname}:${port}`;
}

function hostname(hostAndPort: string): string {
  return hostAndPort.replace(/:\d+$/, "");
}

/** The value of `--name VALUE` or `--name=VALUE` in `args`, if present. */
export function optionValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}
