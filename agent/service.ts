/**
 * Runs the agent as a system service: a systemd unit on Linux, a launchd
 * daemon on macOS, a start-up task running as SYSTEM on Windows. Each
 * definition starts the daemon with `run` and restarts it when it fails.
 *
 * @module
 */
import { writeFileAtomic } from "./atomic_file.ts";
import type { CommandRunner } from "./command_runner.ts";
import { AgentError, EXIT } from "./errors.ts";
import type { Logger } from "./log.ts";
import { type AgentOs, type AgentPaths, joinPath } from "./paths.ts";
import { restrictedAclArgs } from "./secret_store.ts";

/** Name of the systemd unit and of the Windows task. */
export const SERVICE_NAME = "cefleet-agent";
/** Label of the launchd daemon. */
export const LAUNCHD_LABEL = "org.cefleet.agent";
/** Read by people in service managers. */
const DESCRIPTION = "cefleet Cyber Essentials compliance agent";

/** Where each OS keeps the service definition, below `root`. */
export function serviceFilePath(
  os: AgentOs,
  paths: AgentPaths,
  root = "/",
): string {
  if (os === "linux") {
    return joinPath(os, root, `/etc/systemd/system/${SERVICE_NAME}.service`);
  }
  if (os === "darwin") {
    return joinPath(os, root, `/Library/LaunchDaemons/${LAUNCHD_LABEL}.plist`);
  }
  // Task Scheduler keeps its own copy; this one is what was registered.
  if (root) return `${root}/service-task.xml`;
  return joinPath(os, paths.dataDir, "service-task.xml");
}

/** The systemd unit that runs `command`. */
export function systemdUnit(command: string[]): string {
  return `[Unit]
Description=${DESCRIPTION}
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart=${command.map(systemdQuote).join(" ")}
Restart=on-failure
RestartSec=30
# Exit status ${EXIT.reregister} means the token was refused for good;
# restarting cannot help until someone registers the agent again.
RestartPreventExitStatus=${EXIT.reregister}
UMask=0077
NoNewPrivileges=yes
PrivateTmp=yes
ProtectHome=read-only
TimeoutStopSec=30

[Install]
WantedBy=multi-user.target
`;
}

/** The launchd daemon property list that runs `command`. */
export function launchdPlist(command: string[], logDir: string): string {
  const args = command
    .map((arg) => `    <string>${xmlEscape(arg)}</string>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ThrottleInterval</key>
  <integer>30</integer>
  <key>ProcessType</key>
  <string>Background</string>
  <key>Umask</key>
  <integer>63</integer>
  <key>StandardErrorPath</key>
  <string>${xmlEscape(`${logDir}/stderr.log`)}</string>
</dict>
</plist>
`;
}

/** The Task Scheduler definition: at boot, as SYSTEM, restarted on failure. */
export function windowsTaskXml(command: string[]): string {
  const [program, ...args] = command;
  return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>${DESCRIPTION}</Description>
    <URI>\\${SERVICE_NAME}</URI>
  </RegistrationInfo>
  <Triggers>
    <BootTrigger>
      <Enabled>true</Enabled>
    </BootTrigger>
  </Triggers>
  <Principals>
    <Principal id="System">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <RestartOnFailure>
      <Interval>PT1M</Interval>
      <Count>999</Count>
    </RestartOnFailure>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="System">
    <Exec>
      <Command>${xmlEscape(program)}</Command>
      <Arguments>${xmlEscape(args.map(windowsQuote).join(" "))}</Arguments>
    </Exec>
  </Actions>
</Task>
`;
}

/** What {@linkcode installService} and its reverse need. */
export interface ServiceContext {
  os: AgentOs;
  paths: AgentPaths;
  run: CommandRunner;
  logger: Logger;
  /**
   * Folder standing in for `/`: definitions are written below it and no
   * service manager is called. Used to inspect what would be installed.
   */
  root?: string;
  /** Calls the service manager; by default only when `root` is unset. */
  manage?: boolean;
}

/** Writes and enables the service; returns a sentence saying what it did. */
export async function installService(
  context: ServiceContext,
  command: string[],
): Promise<string> {
  const { os, paths, root } = context;
  const manage = context.manage ?? !root;
  const path = serviceFilePath(os, paths, root);
  await Deno.mkdir(parentDir(path), { recursive: true });

  if (os === "linux") {
    await writeFileAtomic(path, systemdUnit(command));
    await Deno.chmod(path, 0o644);
    if (!manage) return `Wrote ${path}; no service manager was called`;
    await tool(context, "systemctl", ["daemon-reload"]);
    await tool(context, "systemctl", [
      "enable",
      "--now",
      `${SERVICE_NAME}.service`,
    ]);
    return `Installed and started ${SERVICE_NAME}.service (${path})`;
  }

  if (os === "darwin") {
    await writeFileAtomic(path, launchdPlist(command, paths.logDir));
    await Deno.chmod(path, 0o644);
    if (!manage) return `Wrote ${path}; no service manager was called`;
    await tool(context, "launchctl", ["bootstrap", "system", path]);
    return `Installed and started ${LAUNCHD_LABEL} (${path})`;
  }

  await writeFileAtomic(path, utf16WithBom(windowsTaskXml(command)));
  if (!manage) return `Wrote ${path}; no service manager was called`;
  await tool(context, "icacls", restrictedAclArgs(paths.configDir));
  await tool(context, "schtasks", [
    "/Create",
    "/TN",
    SERVICE_NAME,
    "/XML",
    path,
    "/F",
  ]);
  await tool(context, "schtasks", ["/Run", "/TN", SERVICE_NAME]);
  return `Installed and started the ${SERVICE_NAME} task, running as SYSTEM`;
}

/** Stops and removes the service; returns a sentence saying what it did. */
export async function uninstallService(
  context: ServiceContext,
): Promise<string> {
  const { os, paths, root } = context;
  const manage = context.manage ?? !root;
  const path = serviceFilePath(os, paths, root);

  if (manage && os === "linux") {
    await tool(context, "systemctl", [
      "disable",
      "--now",
      `${SERVICE_NAME}.service`,
    ], true);
  } else if (manage && os === "darwin") {
    await tool(
      context,
      "launchctl",
      ["bootout", `system/${LAUNCHD_LABEL}`],
      true,
    );
  } else if (manage) {
    await tool(context, "schtasks", ["/End", "/TN", SERVICE_NAME], true);
    await tool(context, "schtasks", ["/Delete", "/TN", SERVICE_NAME, "/F"]);
  }

  await Deno.remove(path).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  if (!root && os === "linux") {
    await tool(context, "systemctl", ["daemon-reload"]);
  }
  return `Removed the ${SERVICE_NAME} service (${path})`;
}

async function tool(
  context: ServiceContext,
  command: string,
  args: string[],
  mayFail = false,
) {
  const output = await context.run(command, args).catch((error) => ({
    code: -1,
    stdout: "",
    stderr: error instanceof Error ? error.message : String(error),
  }));
  if (output.code === 0) return;

  const reason = output.stderr.trim().split(/\r?\n/).at(-1) ?? "";
  if (mayFail) {
    context.logger.debug("Service manager step failed", { command, reason });
    return;
  }
  throw new AgentError(
    "service_failed",
    `"${command} ${args.join(" ")}" failed: ${reason || `exit ${output.code}`}`,
  );
}

/** Quotes one ExecStart argument the way systemd parses it back. */
export function systemdQuote(arg: string): string {
  // `%` starts a specifier and `$` a variable in ExecStart; both double.
  const escaped = arg.replaceAll("%", "%%").replaceAll("$", "$$$$");
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(escaped)) return escaped;
  return `"${escaped.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/** Quotes one argument the way Windows programs split their command line. */
export function windowsQuote(arg: string): string {
  if (arg && !/[\s"]/.test(arg)) return arg;
  const escaped = arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, "$1$1");
  return `"${escaped}"`;
}

function xmlEscape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

// Task Scheduler reads XML files as UTF-16 when they start with its BOM.
function utf16WithBom(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 + i * 2] = code & 0xff;
    bytes[3 + i * 2] = code >> 8;
  }
  return bytes;
}

function parentDir(path: string): string {
  return path.replace(/[\\/][^\\/]*$/, "") || "/";
}
