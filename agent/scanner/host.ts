/**
 * Facts about the scanned device: host name, operating system and version,
 * kernel, architecture, and whether it is a server without a desktop.
 *
 * Read once per scan, before the checks, so every check sees the same
 * facts (the end-of-support check needs the version; the screen-lock check
 * needs to know whether there is a desktop to lock).
 *
 * @module
 */
import type { HostFacts } from "../../shared/report.ts";
import type { ScanPlatform } from "./check.ts";
import { type Probe, runPowershell, succeeded } from "./probe.ts";

/** What the scanner knows about the device it scans. */
export interface HostInfo {
  platform: ScanPlatform;
  hostname: string;
  /** Marketing name, e.g. "Windows 11 Pro", "macOS", "Ubuntu 24.04.1 LTS". */
  osName: string;
  /** Version as the OS numbers it, e.g. "10.0.22631.3447", "14.5", "24.04". */
  osVersion: string;
  kernel: string;
  arch: string;
  /** Linux os-release `ID`; "windows" and "macos" elsewhere. */
  osId: string;
  /** Linux os-release `ID_LIKE` entries. */
  osIdLike: string[];
  /** Windows build number ("22631") or macOS build ("23F79"). */
  build?: string;
  /** Windows feature update name ("23H2"), or its older `ReleaseId`. */
  displayVersion?: string;
  /** Windows `EditionID` ("Professional", "ServerStandard"). */
  edition?: string;
  /** Windows `InstallationType`: "Client", "Server" or "Server Core". */
  installationType?: string;
  /** Every os-release field on Linux (`NAME`, `UBUNTU_CODENAME`...). */
  osRelease: Record<string, string>;
  /** A server operating system, or a Linux machine with no desktop. */
  isServer: boolean;
  /** A graphical desktop someone can sit at and leave unlocked. */
  hasDesktop: boolean;
  /** How the facts were found, and which could not be read. */
  evidence: string[];
}

/** The report's `host` object from the scanner's facts. */
export function toHostFacts(host: HostInfo): HostFacts {
  return {
    hostname: host.hostname.slice(0, 255),
    os_name: host.osName.slice(0, 255),
    os_version: host.osVersion.slice(0, 255),
    kernel: host.kernel.slice(0, 255),
    arch: host.arch.slice(0, 64),
    is_server: host.isServer,
  };
}

/** Reads the host facts of a platform through a probe. */
export function readHostInfo(
  probe: Probe,
  platform: ScanPlatform,
): Promise<HostInfo> {
  if (platform === "windows") return readWindowsHost(probe);
  if (platform === "darwin") return readMacHost(probe);
  return readLinuxHost(probe);
}

function baseInfo(probe: Probe, platform: ScanPlatform): HostInfo {
  const runtime = probe.runtime();
  return {
    platform,
    hostname: runtime.hostname,
    osName: "",
    osVersion: "",
    kernel: runtime.kernel,
    arch: runtime.arch,
    osId: platform === "darwin" ? "macos" : platform,
    osIdLike: [],
    osRelease: {},
    isServer: false,
    hasDesktop: true,
    evidence: [],
  };
}

// --- Linux ----------------------------------------------------------------

/** Files and directories the Linux host facts come from. */
export const LINUX_HOST_PATHS = {
  osRelease: "/etc/os-release",
  osReleaseFallback: "/usr/lib/os-release",
  sessionDirs: ["/usr/share/xsessions", "/usr/share/wayland-sessions"],
} as const;

async function readLinuxHost(probe: Probe): Promise<HostInfo> {
  const info = baseInfo(probe, "linux");

  let release = await probe.readFile(LINUX_HOST_PATHS.osRelease);
  if (!release.ok) {
    release = await probe.readFile(LINUX_HOST_PATHS.osReleaseFallback);
  }
  if (release.ok) {
    const fields = parseOsRelease(release.value);
    info.osRelease = fields;
    info.osId = fields.ID ?? "linux";
    info.osIdLike = (fields.ID_LIKE ?? "").split(/\s+/).filter(Boolean);
    info.osName = fields.PRETTY_NAME ?? fields.NAME ?? "Linux";
    info.osVersion = fields.VERSION_ID ?? "";
    info.evidence.push(
      `os-release: ID=${info.osId} VERSION_ID=${info.osVersion}`,
    );
  } else {
    info.osName = "Linux";
    info.evidence.push(`os-release unreadable: ${release.reason}`);
  }

  const sessions = await desktopSessions(probe);
  info.hasDesktop = sessions.length > 0;
  info.isServer = !info.hasDesktop;
  info.evidence.push(
    info.hasDesktop
      ? `Desktop sessions installed: ${sessions.join(", ")}`
      : "No desktop session installed (no X11 or Wayland session files)",
  );
  return info;
}

async function desktopSessions(probe: Probe): Promise<string[]> {
  const found: string[] = [];
  for (const dir of LINUX_HOST_PATHS.sessionDirs) {
    const listing = await probe.readDir(dir);
    if (!listing.ok) continue;
    found.push(...listing.value.filter((name) => name.endsWith(".desktop")));
  }
  return found;
}

/**
 * Parses `os-release(5)`: `KEY=value` lines, values optionally quoted with
 * shell-style escapes.
 */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!match) continue;
    fields[match[1]] = unquote(match[2]);
  }
  return fields;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (!quoted) return value;
  return quoted[2].replace(/\\(["'$`\\])/g, "$1");
}

// --- macOS ----------------------------------------------------------------

async function readMacHost(probe: Probe): Promise<HostInfo> {
  const info = baseInfo(probe, "darwin");
  const result = succeeded(await probe.run("sw_vers", []), "sw_vers");

  if (result.ok) {
    const fields = parseColonFields(result.value.stdout);
    info.osName = fields.ProductName ?? "macOS";
    info.osVersion = fields.ProductVersion ?? "";
    info.build = fields.BuildVersion;
    info.evidence.push(
      `sw_vers: ProductVersion=${info.osVersion} BuildVersion=${info.build}`,
    );
  } else {
    info.osName = "macOS";
    info.evidence.push(`sw_vers failed: ${result.reason}`);
  }
  return info;
}

/** Parses `Key: value` lines (as `sw_vers` prints) into a record. */
export function parseColonFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([^:]+?)\s*:\s*(.*?)\s*$/.exec(line);
    if (match) fields[match[1]] = match[2];
  }
  return fields;
}

// --- Windows --------------------------------------------------------------

/** PowerShell that prints the Windows version facts as JSON. */
export const WINDOWS_VERSION_SCRIPT = "Get-ItemProperty -Path " +
  "'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' | " +
  "Select-Object ProductName,DisplayVersion,ReleaseId,CurrentBuild,UBR," +
  "EditionID,InstallationType | ConvertTo-Json";

/** First build of Windows 11, whose registry still says "Windows 10". */
const FIRST_WINDOWS_11_BUILD = 22000;

async function readWindowsHost(probe: Probe): Promise<HostInfo> {
  const info = baseInfo(probe, "windows");
  const result = succeeded(
    await runPowershell(probe, WINDOWS_VERSION_SCRIPT),
    "Get-ItemProperty CurrentVersion",
  );
  if (!result.ok) {
    info.osName = "Windows";
    info.evidence.push(`Windows version unreadable: ${result.reason}`);
    return info;
  }

  const facts = parseWindowsVersion(result.value.stdout);
  if (!facts) {
    info.osName = "Windows";
    info.evidence.push("Windows version output was not the expected JSON");
    return info;
  }
  return { ...info, ...facts, evidence: [facts.summary] };
}

/** Windows version facts parsed from {@linkcode WINDOWS_VERSION_SCRIPT}. */
export function parseWindowsVersion(stdout: string):
  | (
    & Pick<
      HostInfo,
      | "osName"
      | "osVersion"
      | "build"
      | "displayVersion"
      | "edition"
      | "installationType"
      | "isServer"
      | "hasDesktop"
    >
    & { summary: string }
  )
  | null {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(stdout.replace(/^\uFEFF/, ""));
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;

  const build = String(data.CurrentBuild ?? "");
  const ubr = data.UBR === undefined || data.UBR === null ? "" : `.${data.UBR}`;
  const installation = String(data.InstallationType ?? "Client");
  const isServer = installation.startsWith("Server");
  let osName = String(data.ProductName ?? "Windows");
  if (Number(build) >= FIRST_WINDOWS_11_BUILD && !isServer) {
    osName = osName.replace(/^Windows 10\b/, "Windows 11");
  }
  const displayVersion = stringOrUndefined(data.DisplayVersion) ??
    stringOrUndefined(data.ReleaseId);

  return {
    osName,
    osVersion: `10.0.${build}${ubr}`,
    build,
    displayVersion,
    edition: stringOrUndefined(data.EditionID),
    installationType: installation,
    isServer,
    hasDesktop: installation !== "Server Core",
    summary:
      `CurrentVersion: ProductName=${data.ProductName} CurrentBuild=${build} ` +
      `DisplayVersion=${displayVersion} InstallationType=${installation}`,
  };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
