/**
 * The agent's Deno permission flags, in one place. The build compiles them
 * into each binary, and the tests and `deno task agent` run the agent with
 * the same list, so a permission the agent lacks fails a test first.
 *
 * What the agent may touch: the scanner's programs, files and variables
 * (from the scanner's own list), its token store tool, its service
 * manager, its own folders and service definition, and the controller.
 *
 * @module
 */
import { SCANNER_ACCESS } from "./scanner/commands.ts";
import { type AgentOs, STANDARD_DIRS } from "./paths.ts";
import { LAUNCHD_LABEL, SERVICE_NAME } from "./service.ts";

/** Environment variables the agent itself reads. */
export const AGENT_ENV = [
  "CEFLEET_AGENT_DIR",
  "CEFLEET_CONTROLLER_URL",
  "CEFLEET_ENROLL_SECRET",
] as const;

/** Tools the agent runs besides the scanner's, per OS. */
const AGENT_RUN: Readonly<Record<AgentOs, readonly string[]>> = {
  linux: ["systemd-creds", "systemctl"],
  darwin: ["security", "launchctl"],
  windows: ["powershell", "schtasks", "icacls"],
};

/** Service definition files the agent writes, per OS. */
const SERVICE_FILES: Readonly<Record<AgentOs, readonly string[]>> = {
  linux: [`/etc/systemd/system/${SERVICE_NAME}.service`],
  darwin: [`/Library/LaunchDaemons/${LAUNCHD_LABEL}.plist`],
  windows: [],
};

/** System facts the agent and scanner look up. */
const SYS = ["hostname", "osRelease", "networkInterfaces"] as const;

/** Inputs of {@linkcode agentPermissions}. */
export interface PermissionOptions {
  os: AgentOs;
  /**
   * Folders the agent keeps its state in. The OS's standard folders by
   * default; tests and `--state-dir` runs name their own.
   */
  stateDirs?: readonly string[];
  /**
   * Folder `install-service --root` writes the service definition below,
   * so it can be inspected; only the launcher from source grants one.
   */
  serviceRoot?: string;
  /**
   * `host` or `host:port` of the controller, when known at build time; the
   * agent may then open no other connection.
   */
  controllerHost?: string;
}

/** Every permission of the agent, as lists. */
export interface AgentPermissions {
  run: string[];
  read: string[];
  write: string[];
  env: string[];
  sys: string[];
  /** Hosts the agent may connect to; empty means any. */
  net: string[];
}

/** The agent's permissions on one OS. */
export function agentPermissions(options: PermissionOptions): AgentPermissions {
  const { os } = options;
  const scanner = SCANNER_ACCESS[os];
  const stateDirs = options.stateDirs ?? uniqueDirs(os);
  const own = [
    ...stateDirs,
    ...SERVICE_FILES[os],
    ...(options.serviceRoot ? [options.serviceRoot] : []),
  ];

  return {
    run: sorted([...scanner.run, ...AGENT_RUN[os]]),
    read: sorted([...scanner.read, ...own]),
    write: sorted(own),
    env: sorted([...scanner.env, ...AGENT_ENV]),
    sys: [...SYS],
    net: options.controllerHost ? [options.controllerHost] : [],
  };
}

/** The permissions as Deno command-line flags. */
export function agentPermissionFlags(options: PermissionOptions): string[] {
  const p = agentPermissions(options);
  return [
    `--allow-run=${p.run.join(",")}`,
    `--allow-read=${p.read.join(",")}`,
    `--allow-write=${p.write.join(",")}`,
    `--allow-env=${p.env.join(",")}`,
    `--allow-sys=${p.sys.join(",")}`,
    p.net.length ? `--allow-net=${p.net.join(",")}` : "--allow-net",
  ];
}

function uniqueDirs(os: AgentOs): string[] {
  const { configDir, dataDir } = STANDARD_DIRS[os];
  return [...new Set([configDir, dataDir])];
}

function sorted(items: string[]): string[] {
  return [...new Set(items)].sort();
}
