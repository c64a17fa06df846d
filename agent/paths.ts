/**
 * Where the agent keeps its configuration, token, queue, state and logs.
 *
 * Without a state directory the agent uses the operating system's standard
 * locations; with one (`--state-dir` or `CEFLEET_AGENT_DIR`) everything
 * lives under it, so several agents can run side by side without root.
 *
 * @module
 */

/** Operating systems the agent runs on, named as `Deno.build.os` names them. */
export type AgentOs = "linux" | "darwin" | "windows";

/** Every path the agent reads or writes for itself. */
export interface AgentPaths {
  /** True when a state directory replaced the standard locations. */
  custom: boolean;
  /** Holds the configuration and the stored token. */
  configDir: string;
  /** Holds the queue, the run state and the logs. */
  dataDir: string;
  configFile: string;
  stateFile: string;
  queueDir: string;
  logDir: string;
}

/** The standard locations per operating system. */
export const STANDARD_DIRS: Readonly<
  Record<AgentOs, { configDir: string; dataDir: string }>
> = {
  linux: { configDir: "/etc/cefleet", dataDir: "/var/lib/cefleet" },
  darwin: {
    configDir: "/Library/Application Support/cefleet",
    dataDir: "/Library/Application Support/cefleet",
  },
  // The build grants access to this exact folder, so it is spelled out
  // rather than read from %ProgramData% at run time.
  windows: {
    configDir: "C:\\ProgramData\\cefleet",
    dataDir: "C:\\ProgramData\\cefleet",
  },
};

/** Joins path parts with the separator of `os`. */
export function joinPath(os: AgentOs, ...parts: string[]): string {
  const separator = os === "windows" ? "\\" : "/";
  return parts
    .map((part, index) => index === 0 ? part : part.replace(/^[\\/]+/, ""))
    .map((part, index, all) =>
      index === all.length - 1 ? part : part.replace(/[\\/]+$/, "")
    )
    .join(separator);
}

/** Resolves the agent's paths for `os`, under `stateDir` when given. */
export function resolvePaths(os: AgentOs, stateDir?: string): AgentPaths {
  const dirs = stateDir
    ? { configDir: stateDir, dataDir: stateDir }
    : STANDARD_DIRS[os];

  return {
    custom: stateDir !== undefined,
    configDir: dirs.configDir,
    dataDir: dirs.dataDir,
    configFile: joinPath(os, dirs.configDir, "config.json"),
    stateFile: joinPath(os, dirs.dataDir, "state.json"),
    queueDir: joinPath(os, dirs.dataDir, "queue"),
    logDir: joinPath(os, dirs.dataDir, "logs"),
  };
}

/** Creates the agent's folders, readable by their owner only. */
export async function ensureDirs(paths: AgentPaths): Promise<void> {
  for (const dir of [paths.configDir, paths.dataDir, paths.queueDir]) {
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  }
  await Deno.mkdir(paths.logDir, { recursive: true, mode: 0o700 });
}

/** The current operating system as an {@linkcode AgentOs}. */
export function currentOs(): AgentOs {
  const os = Deno.build.os;
  if (os === "linux" || os === "darwin" || os === "windows") return os;
  throw new Error(`Unsupported operating system "${os}"`);
}
