/**
 * Security update management: a supported operating system, automatic
 * updates on, and no security fix left waiting.
 *
 * @module
 */
import {
  type CheckContext,
  type CheckDefinition,
  type CheckOutcome,
  fail,
  limit,
  pass,
  unknown,
  unknownFromProbe,
  violation,
  warn,
} from "./check.ts";
import {
  assessSupport,
  EOS_TABLE_DATE,
  type OsIdentity,
  type SupportAssessment,
} from "./end_of_support.ts";
import { type HostInfo, LINUX_HOST_PATHS, parseOsRelease } from "./host.ts";
import { readSoftwareUpdatePrefs } from "./malware_protection.ts";
import { parseAptConfigDump, parseEqualsConf } from "./parse/config_files.ts";
import {
  type MacUpdate,
  parseAptSimulation,
  parseDnfSecurityList,
  parseReleaseHeader,
  parseSoftwareUpdateList,
  parseZypperPatches,
} from "./parse/package_updates.ts";
import type { PlistValue } from "./parse/plist.ts";
import {
  isObject,
  JSON_SCRIPT_PRELUDE,
  jsonNumber,
  type JsonObject,
  jsonString,
  objectList,
  parsePowershellJson,
  powershellDate,
} from "./parse/powershell_json.ts";
import { firstLine, type Probe, runPowershell, succeeded } from "./probe.ts";
import { got, missed, type Reading } from "./reading.ts";

const CONTROL = "security_update_management" as const;
const DAY_MS = 86_400_000;

/** Package managers need the network and time; give them longer. */
const PACKAGE_MANAGER_TIMEOUT_MS = 90_000;

// --- Operating system supported ----------------------------------------------

/** The end-of-support lookup key for a device, from its host facts. */
export function osIdentity(
  host: HostInfo,
  osRelease: Record<string, string> = {},
): OsIdentity | undefined {
  if (host.platform === "windows") {
    const build = Number(host.build);
    if (!Number.isInteger(build) || build <= 0) return undefined;
    return {
      family: "windows",
      build,
      editionId: host.edition ?? "",
      installationType: host.isServer
        ? (host.hasDesktop ? "Server" : "Server Core")
        : "Client",
    };
  }
  if (host.platform === "darwin") {
    if (!host.osVersion) return undefined;
    return {
      family: "macos",
      productVersion: host.osVersion,
      buildVersion: host.build ?? "",
    };
  }
  if (host.osId === "linux" && !osRelease.ID) return undefined;
  return {
    family: "linux",
    id: host.osId,
    idLike: host.osIdLike,
    versionId: host.osVersion,
    name: osRelease.NAME ?? host.osName,
    ubuntuCodename: osRelease.UBUNTU_CODENAME,
  };
}

/** Proof that a paid extended-support programme covers this device. */
export interface ExtendedCover {
  covered: boolean;
  /** What the subscription tool said, for the evidence. */
  text: string;
}

/**
 * Judges an end-of-support assessment. Paid extended support passes only
 * when `cover` shows the device enrolled.
 */
export function judgeSupport(
  ctx: CheckContext,
  assessment: SupportAssessment,
  extraEvidence: string[] = [],
  cover?: ExtendedCover,
): CheckOutcome {
  const evidence = [
    ...assessment.notes,
    `End-of-support table dated ${EOS_TABLE_DATE}`,
    ...tableAgeNote(ctx.now()),
    ...(cover ? [cover.text] : []),
    ...extraEvidence,
  ];
  const soonDays = limit(ctx, "ending_soon_days");

  switch (assessment.state) {
    case "supported":
    case "rolling":
      if (
        assessment.daysLeft !== undefined && assessment.daysLeft < soonDays
      ) {
        return warn(
          `${assessment.summary}: ${assessment.daysLeft} day(s) left`,
          evidence,
        );
      }
      return pass(assessment.summary, evidence);
    case "extended_only":
      if (cover?.covered) {
        return pass(`${assessment.summary}; this device is enrolled`, evidence);
      }
      return violation(ctx, assessment.summary, evidence);
    case "ended":
    case "preview":
      return fail(assessment.summary, evidence);
    case "not_in_table":
      return unknown(assessment.summary, evidence);
  }
}

/**
 * Whether Ubuntu Pro covers the device: `pro status --format json` says
 * `attached` with the esm-infra service enabled.
 */
export async function readUbuntuProCover(probe: Probe): Promise<ExtendedCover> {
  const result = succeeded(
    await probe.run("pro", ["status", "--format", "json"]),
    "pro status",
  );
  if (!result.ok) {
    return {
      covered: false,
      text: `Ubuntu Pro status not read: ${result.reason}`,
    };
  }

  const status = parseJsonObject(result.value.stdout);
  if (!status) {
    return { covered: false, text: "pro status printed no JSON status" };
  }
  const infra = objectList(status.services).find((s) => s.name === "esm-infra");
  const attached = status.attached === true;
  const infraState = infra
    ? jsonString(infra.status) ?? "not enabled"
    : "not listed";
  return {
    covered: attached && infraState === "enabled",
    text: `Ubuntu Pro: attached=${attached}, esm-infra ${infraState}`,
  };
}

function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isUbuntuFamily(os: OsIdentity): boolean {
  return os.family === "linux" &&
    (os.id === "ubuntu" || os.ubuntuCodename !== undefined);
}

/** Age past which the end-of-support table may miss new releases. */
const TABLE_STALE_DAYS = 365;

function tableAgeNote(now: Date): string[] {
  const age = Math.floor(
    (now.getTime() - Date.parse(`${EOS_TABLE_DATE}T00:00:00Z`)) / DAY_MS,
  );
  if (age <= TABLE_STALE_DAYS) return [];
  return [
    `The end-of-support table is ${age} days old: update cefleet for ` +
    "current dates",
  ];
}

const osSupported: CheckDefinition = {
  id: `${CONTROL}.os_supported`,
  control: CONTROL,
  title: "Operating system supported",
  requirement:
    "All software in scope, the operating system first, is licensed and " +
    "supported by its vendor with security fixes; unsupported and beta " +
    "releases are removed or upgraded.",
  expected: "A release that still receives the vendor's security fixes",
  remediation: {
    windows: "Upgrade to a supported Windows release (Windows 11 25H2 or " +
      "a supported Windows Server), or enrol in Extended Security Updates",
    darwin: "Upgrade to one of the three newest macOS versions " +
      "(System Settings > General > Software Update)",
    linux: "Upgrade to a supported release of the distribution (e.g. " +
      "do-release-upgrade, or a new Debian stable)",
  },
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const release = ctx.platform === "linux"
      ? await readOsRelease(ctx.probe)
      : {};
    const os = osIdentity(ctx.host, release);
    if (!os) {
      return unknown(
        "The operating system version could not be read",
        ctx.host.evidence,
      );
    }

    const assessment = assessSupport(os, ctx.now());
    const cover = assessment.state === "extended_only" && isUbuntuFamily(os)
      ? await readUbuntuProCover(ctx.probe)
      : undefined;
    return judgeSupport(ctx, assessment, ctx.host.evidence, cover);
  },
};

async function readOsRelease(probe: Probe): Promise<Record<string, string>> {
  for (
    const path of [
      LINUX_HOST_PATHS.osRelease,
      LINUX_HOST_PATHS.osReleaseFallback,
    ]
  ) {
    const file = await probe.readFile(path);
    if (file.ok) return parseOsRelease(file.value);
  }
  return {};
}

// --- Automatic updates -------------------------------------------------------

/** Whether updates install themselves, and the settings that say so. */
export interface AutoUpdateFacts {
  on: boolean;
  /** What was found, in one sentence. */
  summary: string;
  evidence: string[];
}

const automaticUpdates: CheckDefinition = {
  id: `${CONTROL}.automatic_updates`,
  control: CONTROL,
  title: "Automatic updates on",
  requirement:
    "Automatic updates are turned on wherever the software allows, so " +
    "security fixes arrive without anyone having to remember them.",
  expected: {
    windows: "Windows Update installs updates automatically (no " +
      "NoAutoUpdate policy, AUOptions 3 or higher, service not disabled)",
    darwin: "AutomaticallyInstallMacOSUpdates and CriticalUpdateInstall on",
    linux: "unattended-upgrades installed with APT::Periodic::" +
      "Update-Package-Lists and Unattended-Upgrade on, or dnf-automatic " +
      "applying updates",
  },
  remediation: {
    windows: "Remove the NoAutoUpdate policy or set 'Configure Automatic " +
      "Updates' to 4 (auto download and schedule install); set the " +
      "Windows Update service back to Manual",
    darwin: "Turn on every option in System Settings > General > Software " +
      "Update > Automatic updates",
    linux: "Debian/Ubuntu: apt install unattended-upgrades && " +
      "dpkg-reconfigure -plow unattended-upgrades. Fedora/RHEL: dnf " +
      "install dnf-automatic && systemctl enable --now " +
      "dnf-automatic-install.timer",
  },
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const facts = await readAutoUpdates(ctx);
    if (!facts.ok) return facts.outcome;
    const { on, summary, evidence } = facts.value;
    return on ? pass(summary, evidence) : violation(ctx, summary, evidence);
  },
};

function readAutoUpdates(ctx: CheckContext): Promise<Reading<AutoUpdateFacts>> {
  if (ctx.platform === "windows") {
    return windowsAutoUpdates(ctx.probe, ctx.now());
  }
  if (ctx.platform === "darwin") return macAutoUpdates(ctx.probe);

  const family = linuxFamily(ctx.host);
  if (family === "apt") return aptAutoUpdates(ctx.probe);
  if (family === "dnf") return dnfAutoUpdates(ctx.probe);
  if (family === "zypper") return suseAutoUpdates(ctx.probe);
  return Promise.resolve(missed(unknown(
    `No known automatic update mechanism for ${ctx.host.osName}`,
    ctx.host.evidence,
  )));
}

/** Which package manager a Linux distribution uses, from os-release. */
export function linuxFamily(
  host: HostInfo,
): "apt" | "dnf" | "zypper" | undefined {
  const ids = [host.osId, ...host.osIdLike];
  if (ids.some((id) => id === "debian" || id === "ubuntu")) return "apt";
  if (ids.some((id) => ["fedora", "rhel", "centos"].includes(id))) {
    return "dnf";
  }
  if (
    ids.some((id) =>
      id === "suse" || id === "sles" || id.startsWith("opensuse")
    )
  ) {
    return "zypper";
  }
  return undefined;
}

/** apt settings that make unattended-upgrades run every day. */
const APT_PERIODIC = [
  "APT::Periodic::Update-Package-Lists",
  "APT::Periodic::Unattended-Upgrade",
] as const;

async function aptAutoUpdates(probe: Probe): Promise<Reading<AutoUpdateFacts>> {
  const dump = succeeded(await probe.run("apt-config", ["dump"]), "apt-config");
  if (!dump.ok) return missed(unknownFromProbe(dump));
  const config = parseAptConfigDump(dump.value.stdout);

  const installed = await dpkgInstalled(probe, "unattended-upgrades");
  const evidence = APT_PERIODIC.map((key) =>
    `${key} = ${config.has(key) ? `"${config.get(key)}"` : "(not set)"}`
  );
  evidence.push(`unattended-upgrades: ${installed.text}`);

  // The periodic values are intervals in days; "0" or unset means never.
  const off = APT_PERIODIC.filter((key) => !isPeriodicOn(config.get(key)));
  if (installed.state === "unknown") {
    return missed(
      unknown(
        "Whether unattended-upgrades is installed is not known",
        evidence,
      ),
    );
  }
  if (installed.state === "absent") {
    return got({
      on: false,
      summary: "unattended-upgrades is not installed",
      evidence,
    });
  }
  if (off.length > 0) {
    return got({
      on: false,
      summary: `unattended-upgrades is installed but ${off.join(" and ")} ` +
        "is off",
      evidence,
    });
  }
  return got({
    on: true,
    summary: "unattended-upgrades installs updates daily",
    evidence,
  });
}

function isPeriodicOn(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value === "always") return true;
  const days = Number.parseInt(value, 10);
  return Number.isFinite(days) && days > 0;
}

async function dpkgInstalled(
  probe: Probe,
  name: string,
): Promise<{ state: "installed" | "absent" | "unknown"; text: string }> {
  const result = await probe.run("dpkg-query", [
    "-W",
    "-f=${Status}",
    name,
  ]);
  if (!result.ok) return { state: "unknown", text: result.reason };
  const status = result.value.stdout.trim();
  if (result.value.code === 0 && status === "install ok installed") {
    return { state: "installed", text: status };
  }
  // dpkg-query exits 1 for a package it has never heard of; a removed one
  // keeps a status such as "deinstall ok config-files".
  if (result.value.code <= 1) {
    return { state: "absent", text: status || "not installed" };
  }
  return { state: "unknown", text: `dpkg-query exited ${result.value.code}` };
}

/** systemd timers of dnf-automatic; the -install one always applies. */
const DNF_TIMERS = [
  "dnf-automatic-install.timer",
  "dnf-automatic.timer",
  "dnf5-automatic.timer",
] as const;

/** Configuration files of dnf-automatic (dnf 4) and its dnf 5 successor. */
const DNF_AUTOMATIC_CONFS = [
  "/etc/dnf/automatic.conf",
  "/etc/dnf/dnf5-plugins/automatic.conf",
] as const;

async function dnfAutoUpdates(probe: Probe): Promise<Reading<AutoUpdateFacts>> {
  const states = await Promise.all(
    DNF_TIMERS.map(async (timer) => {
      const result = await probe.run("systemctl", ["is-enabled", timer]);
      if (!result.ok) return { timer, state: `unknown (${result.reason})` };
      return { timer, state: result.value.stdout.trim() || "not-found" };
    }),
  );
  const evidence = states.map((s) => `${s.timer}: ${s.state}`);
  const enabled = states.filter((s) => s.state === "enabled");

  if (enabled.some((s) => s.timer === "dnf-automatic-install.timer")) {
    return got({
      on: true,
      summary: "dnf-automatic-install.timer installs updates",
      evidence,
    });
  }
  if (enabled.length === 0) {
    if (states.some((s) => s.state.startsWith("unknown"))) {
      return missed(
        unknown("The dnf-automatic timers could not be read", evidence),
      );
    }
    return got({
      on: false,
      summary: "No dnf-automatic timer is enabled",
      evidence,
    });
  }

  const apply = await dnfApplyUpdates(probe, evidence);
  return got({
    on: apply,
    summary: apply
      ? `${enabled[0].timer} downloads and applies updates`
      : `${enabled[0].timer} is enabled but apply_updates is off`,
    evidence,
  });
}

async function dnfApplyUpdates(
  probe: Probe,
  evidence: string[],
): Promise<boolean> {
  for (const path of DNF_AUTOMATIC_CONFS) {
    const file = await probe.readFile(path);
    if (!file.ok) continue;
    const value = parseEqualsConf(file.value).get("apply_updates") ?? "no";
    evidence.push(`${path}: apply_updates = ${value}`);
    return ["yes", "true", "1"].includes(value.toLowerCase());
  }
  evidence.push("No dnf-automatic configuration found (apply_updates off)");
  return false;
}

/** YaST's automatic online update settings (SLES, openSUSE Leap). */
export const SUSE_ONLINE_UPDATE_CONF = "/etc/sysconfig/automatic_online_update";

async function suseAutoUpdates(
  probe: Probe,
): Promise<Reading<AutoUpdateFacts>> {
  const [conf, timer] = await Promise.all([
    probe.readFile(SUSE_ONLINE_UPDATE_CONF),
    // Transactional systems (SLE Micro, MicroOS) update through this timer.
    probe.run("systemctl", ["is-enabled", "transactional-update.timer"]),
  ]);
  const cron = conf.ok
    ? parseEqualsConf(conf.value).get("AOU_ENABLE_CRONJOB")?.replace(/"/g, "")
    : undefined;
  const timerState = timer.ok
    ? timer.value.stdout.trim() || "not-found"
    : `unknown (${timer.reason})`;
  const evidence = [
    conf.ok
      ? `${SUSE_ONLINE_UPDATE_CONF}: AOU_ENABLE_CRONJOB=${cron ?? "(not set)"}`
      : `${SUSE_ONLINE_UPDATE_CONF} not read: ${conf.reason}`,
    `transactional-update.timer: ${timerState}`,
  ];

  if (cron === "true") {
    return got({
      on: true,
      summary: "YaST online update runs on a schedule",
      evidence,
    });
  }
  if (timerState === "enabled") {
    return got({
      on: true,
      summary: "transactional-update.timer installs updates",
      evidence,
    });
  }
  return got({
    on: false,
    summary: "No automatic online update is scheduled",
    evidence,
  });
}

async function macAutoUpdates(probe: Probe): Promise<Reading<AutoUpdateFacts>> {
  const prefs = await readSoftwareUpdatePrefs(probe);
  if (!prefs.ok) {
    return missed(
      unknown("Software Update settings could not be read", [prefs.reason]),
    );
  }

  // Absent keys take macOS's defaults: checking, downloading and security
  // responses are on, installing macOS updates is off.
  const setting = (key: string, fallback: boolean) => {
    const value: PlistValue | undefined = prefs.value[key];
    return value === undefined ? fallback : value === "1" || value === true;
  };
  const keys: [string, boolean][] = [
    ["AutomaticCheckEnabled", true],
    ["AutomaticDownload", true],
    ["AutomaticallyInstallMacOSUpdates", false],
    ["CriticalUpdateInstall", true],
  ];
  const evidence = keys.map(([key, fallback]) =>
    prefs.value[key] === undefined
      ? `${key} not set (default ${fallback ? "on" : "off"})`
      : `${key} = ${String(prefs.value[key])}`
  );
  const off = keys.filter(([key, fallback]) => !setting(key, fallback))
    .map(([key]) => key);

  if (off.length === 0) {
    return got({
      on: true,
      summary: "macOS checks for, downloads and installs updates itself",
      evidence,
    });
  }
  return got({ on: false, summary: `Off: ${off.join(", ")}`, evidence });
}

/** PowerShell reading the Windows Update policy and service as JSON. */
export const WINDOWS_UPDATE_POLICY_SCRIPT = [
  JSON_SCRIPT_PRELUDE,
  "$key = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU';",
  "$au = Get-ItemProperty -Path $key -ErrorAction SilentlyContinue;",
  "$ux = Get-ItemProperty -ErrorAction SilentlyContinue",
  "-Path 'HKLM:\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings';",
  "$svc = Get-Service -Name wuauserv;",
  "[pscustomobject]@{ NoAutoUpdate = $au.NoAutoUpdate;",
  "AUOptions = $au.AUOptions;",
  "PauseUpdatesExpiryTime = $ux.PauseUpdatesExpiryTime;",
  "ServiceStartType = [string]$svc.StartType } | ConvertTo-Json",
].join(" ");

/** Windows Update settings that decide whether updates install themselves. */
export interface WindowsUpdateSettings {
  /** Policy `NoAutoUpdate`: 1 turns automatic updates off. */
  noAutoUpdate?: number;
  /** Policy `AUOptions`: 2 only notifies; 3, 4, 5 and 7 install. */
  auOptions?: number;
  /** Settings' "Pause updates": updates wait until this time. */
  pausedUntil?: Date;
  /** The Windows Update service's start type, e.g. Manual or Disabled. */
  serviceStartType?: string;
}

/** What each `AUOptions` policy value does. */
const AU_OPTIONS: Record<number, { on: boolean; text: string }> = {
  2: { on: false, text: "notify before download" },
  3: { on: true, text: "download automatically, notify to install" },
  4: { on: true, text: "download and install on a schedule" },
  5: { on: true, text: "local administrator chooses the setting" },
  7: { on: true, text: "download automatically, schedule install" },
};

async function windowsAutoUpdates(
  probe: Probe,
  now: Date,
): Promise<Reading<AutoUpdateFacts>> {
  const result = succeeded(
    await runPowershell(probe, WINDOWS_UPDATE_POLICY_SCRIPT),
    "Windows Update policy",
  );
  if (!result.ok) return missed(unknownFromProbe(result));
  const parsed = parsePowershellJson(result.value.stdout);
  const data = parsed.ok ? objectList(parsed.value)[0] : undefined;
  if (!data) {
    return missed(unknown("The Windows Update policy output was not JSON"));
  }
  return got(judgeWindowsUpdatePolicy({
    noAutoUpdate: jsonNumber(data.NoAutoUpdate),
    auOptions: jsonNumber(data.AUOptions),
    pausedUntil: powershellDate(data.PauseUpdatesExpiryTime),
    serviceStartType: jsonString(data.ServiceStartType),
  }, now));
}

/** Whether Windows Update's policy, pause and service let updates install. */
export function judgeWindowsUpdatePolicy(
  settings: WindowsUpdateSettings,
  now: Date,
): AutoUpdateFacts {
  const { noAutoUpdate, auOptions, pausedUntil, serviceStartType } = settings;
  const evidence = [
    `NoAutoUpdate = ${noAutoUpdate ?? "(not set)"}`,
    `AUOptions = ${auOptions ?? "(not set)"}`,
    `Paused until ${pausedUntil?.toISOString() ?? "(not paused)"}`,
    `wuauserv start type = ${serviceStartType ?? "(unknown)"}`,
  ];
  const off = (summary: string) => ({ on: false, summary, evidence });

  if (noAutoUpdate === 1) return off("A policy turns automatic updates off");
  if (serviceStartType === "Disabled") {
    return off("The Windows Update service is disabled");
  }
  if (pausedUntil && pausedUntil.getTime() > now.getTime()) {
    return off(`Updates are paused until ${pausedUntil.toISOString()}`);
  }
  if (auOptions === undefined) {
    return {
      on: true,
      summary: "No policy overrides Windows' automatic updates",
      evidence,
    };
  }
  const option = AU_OPTIONS[auOptions] ??
    { on: false, text: "an unrecognised value" };
  return {
    on: option.on,
    summary: `Update policy: ${option.text} (AUOptions ${auOptions})`,
    evidence,
  };
}

// --- Pending security updates ------------------------------------------------

/** A security fix available but not installed. */
export interface PendingFix {
  name: string;
  /**
   * `high` covers the vendor's critical and high (Important) ratings;
   * `unrated` fixes count as high, as Cyber Essentials says.
   */
  rating: "high" | "unrated" | "lower";
  /** When the fix was released, when the system says. */
  released?: Date;
}

/**
 * Judges pending security fixes: a critical, high or unrated fix released
 * more than `max_fix_age_days` ago fails; any other pending security fix is
 * the mode's violation.
 */
export function judgePendingFixes(
  ctx: CheckContext,
  fixes: readonly PendingFix[],
  evidence: string[],
): CheckOutcome {
  const maxDays = limit(ctx, "max_fix_age_days");
  const now = ctx.now().getTime();
  const listed = [...evidence, ...fixes.map(describeFix)];

  if (fixes.length === 0) return pass("No security updates pending", listed);

  const overdue = fixes.filter((f) =>
    f.rating !== "lower" && f.released !== undefined &&
    (now - f.released.getTime()) / DAY_MS > maxDays
  );
  if (overdue.length > 0) {
    return {
      ...fail(
        `${overdue.length} critical or high security fix(es) waiting more ` +
          `than ${maxDays} days: ${overdue.map((f) => f.name).join(", ")}`,
        listed,
      ),
      expected: `Critical and high fixes installed within ${maxDays} days`,
    };
  }
  const undated = fixes.some((f) => f.released === undefined);
  return violation(
    ctx,
    `${fixes.length} security update(s) pending` +
      (undated
        ? "; release dates unknown, so the 14-day limit cannot be " +
          "checked"
        : ""),
    listed,
  );
}

function describeFix(fix: PendingFix): string {
  const released = fix.released
    ? `, released ${fix.released.toISOString().slice(0, 10)}`
    : "";
  return `${fix.name} (${fix.rating}${released})`;
}

const pendingUpdates: CheckDefinition = {
  id: `${CONTROL}.pending_updates`,
  control: CONTROL,
  title: "No security updates pending",
  requirement:
    "Fixes rated critical or high by the vendor (CVSS v3 7 or more), and " +
    "fixes with no rating, are installed within 14 days of release.",
  expected: "No pending security update; none older than 14 days",
  remediation: {
    windows: "Install pending updates: Settings > Windows Update > Check " +
      "for updates, then restart",
    darwin: "Install pending updates: softwareupdate --install --all " +
      "--restart",
    linux: "Install pending updates now: apt-get update && apt-get " +
      "upgrade (Debian/Ubuntu) or dnf upgrade --security (Fedora/RHEL)",
  },
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const facts = await readPendingFixes(ctx);
    if (!facts.ok) return facts.outcome;

    const { fixes, evidence, blindSpot } = facts.value;
    if (blindSpot && fixes.length === 0) return unknown(blindSpot, evidence);
    const notes = blindSpot ? [blindSpot, ...evidence] : evidence;
    return judgePendingFixes(ctx, fixes, notes);
  },
};

interface PendingFacts {
  fixes: PendingFix[];
  evidence: string[];
  /**
   * Why an empty list proves nothing (the package lists are stale or lack
   * a security archive); unset when the list can be trusted.
   */
  blindSpot?: string;
}

function readPendingFixes(ctx: CheckContext): Promise<Reading<PendingFacts>> {
  if (ctx.platform === "windows") return windowsPendingFixes(ctx.probe);
  if (ctx.platform === "darwin") {
    return macPendingFixes(ctx.probe, ctx.host.osVersion);
  }

  const family = linuxFamily(ctx.host);
  if (family === "apt") {
    return aptPendingFixes(
      ctx.probe,
      ctx.now(),
      limit(ctx, "max_list_age_days"),
    );
  }
  if (family === "dnf") return dnfPendingFixes(ctx.probe);
  if (family === "zypper") return zypperPendingFixes(ctx.probe);
  return Promise.resolve(missed(unknown(
    `No known package manager for ${ctx.host.osName}`,
    ctx.host.evidence,
  )));
}

async function aptPendingFixes(
  probe: Probe,
  now: Date,
  maxListAgeDays: number,
): Promise<Reading<PendingFacts>> {
  const result = succeeded(
    await probe.run("apt-get", ["-s", "dist-upgrade"], {
      timeoutMs: PACKAGE_MANAGER_TIMEOUT_MS,
    }),
    "apt-get -s dist-upgrade",
  );
  if (!result.ok) return missed(unknownFromProbe(result));

  const upgrades = parseAptSimulation(result.value.stdout);
  const security = upgrades.filter((u) => u.security);
  // Debian and Ubuntu do not rate their security updates in apt's data;
  // unrated fixes count as high.
  const fixes = security.map((u): PendingFix => ({
    name: `${u.name} ${u.to}`,
    rating: "unrated",
  }));
  const lists = await aptSecurityListsAge(probe, now);
  return got({
    fixes,
    evidence: [
      `apt-get -s dist-upgrade: ${upgrades.length} upgrade(s), ` +
      `${security.length} from a security archive`,
      lists.text,
    ],
    blindSpot: lists.ageDays === undefined
      ? "apt's lists hold no security archive, so pending security fixes " +
        "cannot be seen"
      : lists.ageDays > maxListAgeDays
      ? `apt's security lists are ${lists.ageDays} days old, so newer ` +
        "fixes cannot be seen (run apt-get update)"
      : undefined,
  });
}

/** Where apt keeps the archive indexes it last downloaded. */
export const APT_LISTS_DIR = "/var/lib/apt/lists";

/**
 * How old apt's copy of its security archives is: the newest `Date:` of
 * the `*-security` suites' Release files. Pending fixes are only as
 * current as these lists.
 */
async function aptSecurityListsAge(
  probe: Probe,
  now: Date,
): Promise<{ ageDays?: number; text: string }> {
  const listing = await probe.readDir(APT_LISTS_DIR);
  if (!listing.ok) {
    return { text: `apt lists not read: ${listing.reason}` };
  }

  const dates: Date[] = [];
  const releases = listing.value.filter((name) =>
    name.endsWith("_InRelease") || name.endsWith("_Release")
  );
  for (const name of releases) {
    const file = await probe.readFile(`${APT_LISTS_DIR}/${name}`);
    const release = file.ok ? parseReleaseHeader(file.value) : undefined;
    if (release?.suite.endsWith("-security") && release.date) {
      dates.push(release.date);
    }
  }
  if (dates.length === 0) {
    return { text: "apt lists: no security archive" };
  }
  const newest = new Date(Math.max(...dates.map((d) => d.getTime())));
  const ageDays = Math.floor((now.getTime() - newest.getTime()) / DAY_MS);
  return {
    ageDays,
    text: `apt security lists dated ${newest.toISOString()} ` +
      `(${ageDays} day(s) old)`,
  };
}

async function dnfPendingFixes(probe: Probe): Promise<Reading<PendingFacts>> {
  const result = succeeded(
    await probe.run("dnf", ["-q", "updateinfo", "list", "--security"], {
      timeoutMs: PACKAGE_MANAGER_TIMEOUT_MS,
    }),
    "dnf updateinfo list --security",
  );
  if (!result.ok) return missed(unknownFromProbe(result));

  const advisories = parseDnfSecurityList(result.value.stdout);
  const fixes = advisories.map((a): PendingFix => ({
    name: `${a.id} ${a.package}`,
    rating: dnfRating(a.severity),
    released: a.issued,
  }));
  return got({
    fixes,
    evidence: [`dnf: ${advisories.length} security advisory package(s)`],
  });
}

// zypper reports pending patches through its exit code: 100 when updates
// are needed, 101 when security updates are; both still print the list.
const ZYPPER_OK_CODES = [0, 100, 101];

async function zypperPendingFixes(
  probe: Probe,
): Promise<Reading<PendingFacts>> {
  const result = await probe.run("zypper", [
    "--non-interactive",
    "--xmlout",
    "list-patches",
    "--category",
    "security",
  ], { timeoutMs: PACKAGE_MANAGER_TIMEOUT_MS });
  if (!result.ok) return missed(unknownFromProbe(result));
  const { code, stderr } = result.value;
  if (!ZYPPER_OK_CODES.includes(code)) {
    return missed(
      unknown(`zypper list-patches exited ${code}`, [firstLine(stderr)]),
    );
  }

  const patches = parseZypperPatches(result.value.stdout)
    .filter((p) => p.category === "security" && p.status === "needed");
  const fixes = patches.map((p): PendingFix => ({
    name: p.name,
    rating: dnfRating(capitalise(p.severity)),
    released: p.issued,
  }));
  return got({
    fixes,
    evidence: [`zypper: ${patches.length} needed security patch(es)`],
  });
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function dnfRating(severity: string): PendingFix["rating"] {
  if (severity === "Critical" || severity === "Important") return "high";
  if (severity === "Moderate" || severity === "Low") return "lower";
  return "unrated";
}

async function macPendingFixes(
  probe: Probe,
  running: string,
): Promise<Reading<PendingFacts>> {
  const result = await probe.run("softwareupdate", ["-l"], {
    timeoutMs: PACKAGE_MANAGER_TIMEOUT_MS,
  });
  if (!result.ok) return missed(unknownFromProbe(result));

  const list = parseSoftwareUpdateList(
    `${result.value.stdout}\n${result.value.stderr}`,
  );
  if (!list.none && list.updates.length === 0) {
    return missed(unknown("softwareupdate -l printed no update list", [
      `exit ${result.value.code}`,
    ]));
  }
  // Apple publishes no rating with its updates and folds security fixes
  // into every recommended one, so each counts as unrated.
  const upgrades = list.updates.filter((u) => isMajorUpgrade(u, running));
  const fixes = list.updates
    .filter((u) => u.recommended && !upgrades.includes(u))
    .map((u) => ({
      name: u.version ? `${u.title} ${u.version}` : u.title,
      rating: "unrated" as const,
    }));
  const optional = list.updates.filter((u) => !u.recommended)
    .map((u) => `Optional: ${u.title}`);
  const offered = upgrades.map((u) =>
    `Upgrade offered, not a missing fix: ${u.title}`
  );
  return got({ fixes, evidence: [...offered, ...optional] });
}

// softwareupdate also recommends the next major macOS release. Moving to it
// is an upgrade, not a fix the running release lacks; whether the running
// release still gets fixes is the supported-OS check's question.
function isMajorUpgrade(update: MacUpdate, running: string): boolean {
  if (!/^macOS\b/.test(update.title)) return false;
  const current = Number.parseInt(running, 10);
  const offered = Number.parseInt(update.version ?? "", 10);
  return Number.isInteger(current) && Number.isInteger(offered) &&
    offered > current;
}

/**
 * PowerShell asking the Windows Update agent for updates not installed,
 * with their rating, categories and release date.
 */
export const WINDOWS_PENDING_UPDATES_SCRIPT = [
  JSON_SCRIPT_PRELUDE,
  "$session = New-Object -ComObject Microsoft.Update.Session;",
  "$searcher = $session.CreateUpdateSearcher();",
  "$result = $searcher.Search('IsInstalled=0 and IsHidden=0');",
  "@($result.Updates | ForEach-Object { [pscustomobject]@{",
  "Title = $_.Title; MsrcSeverity = $_.MsrcSeverity;",
  "Released = $_.LastDeploymentChangeTime.ToUniversalTime().ToString('o');",
  "Categories = @($_.Categories | ForEach-Object { $_.Name });",
  "KB = @($_.KBArticleIDs) } }) | ConvertTo-Json -Depth 3",
].join(" ");

async function windowsPendingFixes(
  probe: Probe,
): Promise<Reading<PendingFacts>> {
  const result = succeeded(
    await runPowershell(probe, WINDOWS_PENDING_UPDATES_SCRIPT, {
      timeoutMs: PACKAGE_MANAGER_TIMEOUT_MS,
    }),
    "Windows Update search",
  );
  if (!result.ok) return missed(unknownFromProbe(result));
  const parsed = parsePowershellJson(result.value.stdout);
  if (!parsed.ok) {
    return missed(unknown("The Windows Update search output was not JSON", [
      parsed.reason,
    ]));
  }
  return got(windowsFixes(parsed.value));
}

/** Security fixes among the updates the Windows Update agent found. */
export function windowsFixes(value: unknown): PendingFacts {
  const fixes: PendingFix[] = [];
  const other: string[] = [];
  for (const update of objectList(value)) {
    const title = jsonString(update.Title) ?? "Unnamed update";
    const severity = jsonString(update.MsrcSeverity);
    const categories = Array.isArray(update.Categories)
      ? update.Categories.map(String)
      : [];
    if (!severity && !categories.includes("Security Updates")) {
      other.push(`Not a security update: ${title}`);
      continue;
    }
    const released = Date.parse(jsonString(update.Released) ?? "");
    fixes.push({
      name: title,
      rating: severity === "Critical" || severity === "Important"
        ? "high"
        : severity
        ? "lower"
        : "unrated",
      released: Number.isNaN(released) ? undefined : new Date(released),
    });
  }
  return { fixes, evidence: other };
}

/** The checks of this control, in report order. */
export const securityUpdateManagementChecks: CheckDefinition[] = [
  osSupported,
  automaticUpdates,
  pendingUpdates,
];
