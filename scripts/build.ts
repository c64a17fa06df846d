/**
 * `deno task build`: compiles `cefleet-agent` for every supported OS and
 * CPU, and `cefleet-controller` with the dashboard's browser files, into
 * `dist/`.
 *
 * Each agent binary carries the permission flags of its OS, built from the
 * scanner's list of programs and files (see `agent/permissions.ts`); the
 * tests run the agent with the same flags. `deno compile` downloads Deno's
 * runtime (`denort`) once per target the first time it builds for it.
 *
 * Options:
 *   --controller URL   narrow the agents' --allow-net to this controller
 *   --target TRIPLE    build only this target (repeatable)
 *   --agent-only       skip the controller
 *   --dry-run          print the commands without running them
 *
 * @module
 */
import { parseArgs } from "node:util";
import { controllerHost } from "../agent/launch.ts";
import type { AgentOs } from "../agent/paths.ts";
import { agentPermissionFlags } from "../agent/permissions.ts";

/** A platform `deno compile` builds for. */
export interface Target {
  triple: string;
  os: AgentOs;
  /** Short name used in file names, e.g. `linux-x86_64`. */
  name: string;
}

/** Every platform the agent ships for. */
export const TARGETS: readonly Target[] = [
  { triple: "x86_64-unknown-linux-gnu", os: "linux", name: "linux-x86_64" },
  { triple: "aarch64-unknown-linux-gnu", os: "linux", name: "linux-aarch64" },
  { triple: "x86_64-apple-darwin", os: "darwin", name: "macos-x86_64" },
  { triple: "aarch64-apple-darwin", os: "darwin", name: "macos-aarch64" },
  { triple: "x86_64-pc-windows-msvc", os: "windows", name: "windows-x86_64" },
];

/** Files the compiled controller reads at run time: the dashboard's. */
export const CONTROLLER_INCLUDES = [
  "dist/islands",
  "islands",
  "routes/dashboard",
  "shared",
  "deno.json",
  "deno.lock",
] as const;

/** One `deno` invocation of the build. */
export interface BuildStep {
  label: string;
  args: string[];
}

/** Inputs of {@linkcode buildPlan}. */
export interface BuildOptions {
  controllerUrl?: string;
  targets?: readonly Target[];
  agentOnly?: boolean;
  /** Permission flags of the controller (those of the `start` task). */
  controllerFlags: string[];
}

/** The `deno compile` invocations of a build, in order. */
export function buildPlan(options: BuildOptions): BuildStep[] {
  const targets = options.targets ?? TARGETS;
  const host = options.controllerUrl
    ? controllerHost(options.controllerUrl)
    : undefined;

  const agents = targets.map((target) => ({
    label: `cefleet-agent ${target.name}`,
    args: [
      "compile",
      `--target=${target.triple}`,
      `--output=dist/${binaryName("cefleet-agent", target)}`,
      ...agentPermissionFlags({ os: target.os, controllerHost: host }),
      "agent/main.ts",
    ],
  }));
  if (options.agentOnly) return agents;

  const controllers = targets.map((target) => ({
    label: `cefleet-controller ${target.name}`,
    args: [
      "compile",
      `--target=${target.triple}`,
      `--output=dist/${binaryName("cefleet-controller", target)}`,
      ...CONTROLLER_INCLUDES.map((path) => `--include=${path}`),
      ...options.controllerFlags,
      "controller/main.ts",
    ],
  }));
  return [...agents, ...controllers];
}

/** `cefleet-agent-linux-x86_64`, or with `.exe` on Windows. */
export function binaryName(program: string, target: Target): string {
  return `${program}-${target.name}${target.os === "windows" ? ".exe" : ""}`;
}

/** Quotes an argument for a POSIX shell when it needs quoting. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg)
    ? arg
    : `'${arg.replaceAll("'", "'\\''")}'`;
}

/** Permission flags of the `start` task in deno.json. */
export async function controllerFlagsFromTask(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile("deno.json"));
  const words = String(config.tasks.start).split(/\s+/);
  return words.filter((word) => word.startsWith("--allow-"));
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      controller: { type: "string" },
      target: { type: "string", multiple: true },
      "agent-only": { type: "boolean" },
      "dry-run": { type: "boolean" },
    },
  });
  const targets = values.target?.map((triple) => {
    const target = TARGETS.find((t) => t.triple === triple);
    if (!target) throw new Error(`Unknown target "${triple}"`);
    return target;
  });

  const plan = buildPlan({
    controllerUrl: values.controller,
    targets,
    agentOnly: values["agent-only"],
    controllerFlags: await controllerFlagsFromTask(),
  });
  if (!values["agent-only"] && !values["dry-run"]) await bundleDashboard();

  for (const step of plan) {
    console.error(`Building ${step.label}`);
    if (values["dry-run"]) {
      console.log(["deno", ...step.args].map(shellQuote).join(" "));
      continue;
    }
    const { code } = await new Deno.Command("deno", {
      args: step.args,
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    if (code !== 0) {
      console.error(
        `Building ${step.label} failed (exit ${code}); the first build for ` +
          "a target downloads Deno's runtime, so this machine must reach " +
          "Deno's download server (dl.deno.land) once",
      );
      return code;
    }
  }
  return 0;
}

// The compiled controller cannot run the bundler, so the browser files are
// built now and embedded with --include.
async function bundleDashboard() {
  const { buildAssets } = await import("../routes/dashboard/assets/bundler.ts");
  const { ISLAND_NAMES } = await import("../routes/dashboard/islands.ts");
  const build = await buildAssets({
    root: Deno.cwd(),
    cacheDir: `${Deno.cwd()}/dist/islands`,
    islands: ISLAND_NAMES,
  });
  console.error(`Dashboard assets ${build.hash} ready in dist/islands`);
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
