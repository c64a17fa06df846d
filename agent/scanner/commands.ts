/**
 * Every program, file, directory and environment variable the scanner
 * touches, per platform and per control.
 *
 * The agent's permission flags (`--allow-run`, `--allow-read`,
 * `--allow-env`) are built from this list, both for the compiled binary and
 * for the tests that run it, so a probe the list forgets is denied at run
 * time instead of silently widening what the agent may do. The recorded
 * probe used in tests refuses anything not listed here, so a forgotten
 * entry fails a test first.
 *
 * @module
 */
import type { ScanPlatform } from "./check.ts";

/** What a scanner may run, read and look up on one platform. */
export interface ScannerAccess {
  /** Program names or absolute paths, as passed to the probe. */
  run: readonly string[];
  /** Files, or directories whose whole tree may be read. */
  read: readonly string[];
  /** Environment variable names. */
  env: readonly string[];
}

/** Access needed by one part of the scanner, per platform. */
export type AccessByPlatform = Readonly<
  Partial<Record<ScanPlatform, Partial<ScannerAccess>>>
>;

const HOST_ACCESS: AccessByPlatform = {
  linux: {
    read: [
      "/etc/os-release",
      "/usr/lib/os-release",
      "/usr/share/xsessions",
      "/usr/share/wayland-sessions",
    ],
  },
  darwin: { run: ["sw_vers"] },
  windows: { run: ["powershell"] },
};

const FIREWALL_ACCESS: AccessByPlatform = {
  linux: { run: ["ufw", "firewall-cmd", "nft", "iptables"] },
  darwin: {
    run: ["/usr/libexec/ApplicationFirewall/socketfilterfw", "systemsetup"],
  },
  windows: { run: ["powershell", "netsh"] },
};

const SECURE_CONFIGURATION_ACCESS: AccessByPlatform = {
  linux: {
    run: [
      "/usr/sbin/sshd",
      "gsettings",
      "id",
      "lsblk",
      "ss",
      "systemctl",
      "who",
    ],
    read: [
      "/etc/passwd",
      "/etc/shadow",
      "/etc/lightdm",
      "/etc/dconf/db",
      "/etc/security/faillock.conf",
      "/etc/pam.d",
      "/etc/ssh",
    ],
  },
  darwin: {
    run: [
      "defaults",
      "id",
      "pwpolicy",
      "stat",
      "sysadminctl",
      "systemsetup",
      "fdesetup",
      "lsof",
      "/usr/sbin/sshd",
    ],
    read: ["/etc/ssh"],
  },
  windows: { run: ["powershell", "reg", "net"] },
};

// Programs and files of the user access control checks.
const USER_ACCESS_CONTROL_ACCESS: AccessByPlatform = {
  linux: {
    run: ["who", "lastlog", "lastlog2"],
    read: [
      "/etc/passwd",
      "/etc/group",
      "/etc/shadow",
      "/etc/login.defs",
      "/etc/pam.d",
      "/etc/security/pwquality.conf",
      "/etc/security/pwquality.conf.d",
      "/etc/sudoers",
      "/etc/sudoers.d",
    ],
  },
  darwin: { run: ["pwpolicy", "dscl", "stat", "last"] },
  windows: { run: ["powershell", "net", "dsregcmd"] },
};

// Programs and files of the malware protection checks.
const MALWARE_PROTECTION_ACCESS: AccessByPlatform = {
  linux: { run: ["ps", "clamscan", "clamdscan", "mdatp"] },
  darwin: {
    run: ["spctl", "defaults"],
    read: [
      "/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist",
    ],
  },
  windows: { run: ["powershell"] },
};

// Programs and files of the security update management checks.
const SECURITY_UPDATE_MANAGEMENT_ACCESS: AccessByPlatform = {
  linux: {
    run: [
      "apt-config",
      "apt-get",
      "dpkg-query",
      "dnf",
      "pro",
      "systemctl",
      "zypper",
    ],
    read: [
      "/etc/os-release",
      "/usr/lib/os-release",
      "/etc/dnf",
      "/etc/sysconfig/automatic_online_update",
      "/var/lib/apt/lists",
    ],
  },
  darwin: { run: ["defaults", "softwareupdate", "sw_vers"] },
  windows: { run: ["powershell"] },
};

const ALL_ACCESS: readonly AccessByPlatform[] = [
  HOST_ACCESS,
  FIREWALL_ACCESS,
  SECURE_CONFIGURATION_ACCESS,
  USER_ACCESS_CONTROL_ACCESS,
  MALWARE_PROTECTION_ACCESS,
  SECURITY_UPDATE_MANAGEMENT_ACCESS,
];

/** Everything the scanner touches on a platform, sorted and deduplicated. */
export function scannerAccess(platform: ScanPlatform): ScannerAccess {
  const merged = (kind: keyof ScannerAccess) =>
    [...new Set(ALL_ACCESS.flatMap((a) => a[platform]?.[kind] ?? []))].sort();
  return { run: merged("run"), read: merged("read"), env: merged("env") };
}

/** The scanner's access on every platform, as `Deno.build.os` names them. */
export const SCANNER_ACCESS: Readonly<Record<ScanPlatform, ScannerAccess>> = {
  linux: scannerAccess("linux"),
  darwin: scannerAccess("darwin"),
  windows: scannerAccess("windows"),
};

/**
 * Deno permission flags that let the scanner do exactly what it needs on a
 * platform (plus `--allow-sys` for the host name and kernel release).
 */
export function scannerPermissionFlags(platform: ScanPlatform): string[] {
  const access = SCANNER_ACCESS[platform];
  const flags = [
    `--allow-run=${access.run.join(",")}`,
    `--allow-read=${access.read.join(",")}`,
    "--allow-sys=hostname,osRelease",
  ];
  if (access.env.length > 0) flags.push(`--allow-env=${access.env.join(",")}`);
  return flags;
}

/** Whether the list grants a platform's scanner a program, file or variable. */
export function isDeclared(
  platform: ScanPlatform,
  kind: keyof ScannerAccess,
  target: string,
): boolean {
  const granted = SCANNER_ACCESS[platform][kind];
  if (kind !== "read") return granted.includes(target);
  return granted.some((path) =>
    target === path || target.startsWith(`${path}/`)
  );
}
