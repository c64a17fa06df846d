/**
 * Firewalls: a host firewall is on, blocks unsolicited inbound connections
 * by default, and opens no remote-access port to the whole network.
 *
 * Each platform's firewall state is read once (the probe cache makes the
 * three checks share their commands) and reduced to a {@linkcode FirewallView}
 * the checks decide on.
 *
 * @module
 */
import {
  type CheckContext,
  type CheckDefinition,
  type CheckOutcome,
  pass,
  unknown,
  violation,
} from "./check.ts";
import {
  firewalldInboundAllows,
  parseFirewalldZones,
  zoneBlocksByDefault,
  zonesInUse,
} from "./parse/firewalld.ts";
import {
  inputBlocksByDefault,
  iptablesInboundAllows,
  parseIptablesRules,
} from "./parse/iptables.ts";
import { parseNetshProfiles } from "./parse/netsh.ts";
import {
  blocksByDefault,
  inputChains,
  nftInboundAllows,
  parseNftRuleset,
} from "./parse/nft.ts";
import {
  coversPort,
  formatPorts,
  type InboundAllowRule,
} from "./parse/ports.ts";
import {
  jsonString,
  objectList,
  parsePowershellJson,
} from "./parse/powershell_json.ts";
import { parseGlobalState, parseListApps } from "./parse/socketfilterfw.ts";
import { parseRemoteLogin } from "./parse/systemsetup.ts";
import { parseUfwStatus, ufwInboundAllows } from "./parse/ufw.ts";
import {
  type Probe,
  type ProbeFailure,
  probeFailure,
  type ProbeResult,
  runPowershell,
  succeeded,
} from "./probe.ts";

/** What the device's firewall does, as far as it could be read. */
export interface FirewallView {
  /** A firewall filters inbound traffic on every profile or interface. */
  enabled: boolean;
  /** Inbound traffic no rule allows is dropped or rejected. */
  defaultBlock: boolean;
  /** Inbound allow rules; null when they could not be listed. */
  allows: InboundAllowRule[] | null;
  /** Facts read, for the report. */
  evidence: string[];
}

/** A firewall view, or why it could not be read. */
export type FirewallReading = { ok: true; view: FirewallView } | ProbeFailure;

/** Ports of remote-access services, which should never face any address. */
export const REMOTE_ACCESS_PORTS: Readonly<Record<number, string>> = {
  22: "SSH",
  23: "Telnet",
  512: "rexec",
  513: "rlogin",
  514: "rsh",
  3389: "RDP",
  5900: "VNC",
  5938: "TeamViewer",
  5985: "WinRM",
  5986: "WinRM over HTTPS",
};

/** Reads the firewall of the platform in the context. */
export function readFirewall(ctx: CheckContext): Promise<FirewallReading> {
  if (ctx.platform === "windows") return readWindowsFirewall(ctx.probe);
  if (ctx.platform === "darwin") return readMacFirewall(ctx.probe);
  return readLinuxFirewall(ctx.probe);
}

// --- Linux ----------------------------------------------------------------

type ToolAnswer = { ok: true; view: FirewallView } | ProbeFailure;

/**
 * Asks each Linux firewall front end in turn. A tool that shows inbound
 * filtering decides; otherwise a tool that could not be read (denied, timed
 * out) makes the answer unknown, because it might have been the one
 * filtering; only when every tool was read or is absent is the firewall off.
 */
export async function readLinuxFirewall(
  probe: Probe,
): Promise<FirewallReading> {
  const answers = [
    await askUfw(probe),
    await askFirewalld(probe),
    await askNft(probe),
    await askIptables(probe),
  ];
  const views = answers.filter((a) => a.ok).map((a) => a.view);
  const failures = answers.filter((a): a is ProbeFailure => !a.ok);
  const evidence = [
    ...views.flatMap((v) => v.evidence),
    ...failures.map((f) => f.reason),
  ];

  const filtering = views.find((v) => v.enabled);
  if (filtering) return { ok: true, view: { ...filtering, evidence } };

  const unread = failures.find((f) => f.kind !== "not_found");
  if (unread) return probeFailure(unread.kind, evidence.join("; "));

  return {
    ok: true,
    view: {
      enabled: false,
      defaultBlock: false,
      allows: [],
      evidence,
    },
  };
}

async function askUfw(probe: Probe): Promise<ToolAnswer> {
  const result = succeeded(
    await probe.run("ufw", ["status", "verbose"]),
    "ufw status verbose",
  );
  if (!result.ok) return result;

  const status = parseUfwStatus(result.value.stdout);
  if (!status) return unparseable("ufw status verbose", result.value.stdout);
  const incoming = status.defaults.incoming ?? "unknown";
  return {
    ok: true,
    view: {
      enabled: status.active,
      defaultBlock: status.active &&
        (incoming === "deny" || incoming === "reject"),
      allows: ufwInboundAllows(status),
      evidence: [
        `ufw: Status ${status.active ? "active" : "inactive"}` +
        (status.active ? `, default incoming ${incoming}` : ""),
      ],
    },
  };
}

async function askFirewalld(probe: Probe): Promise<ToolAnswer> {
  const state = await probe.run("firewall-cmd", ["--state"]);
  if (!state.ok) return state;
  const running = state.value.stdout.trim() === "running";
  if (!running) {
    return {
      ok: true,
      view: closedView(["firewalld: not running"]),
    };
  }

  const listed = succeeded(
    await probe.run("firewall-cmd", ["--list-all-zones"]),
    "firewall-cmd --list-all-zones",
  );
  if (!listed.ok) return listed;
  const zones = zonesInUse(parseFirewalldZones(listed.value.stdout));
  if (zones.length === 0) {
    return unparseable("firewall-cmd --list-all-zones", listed.value.stdout);
  }
  const described = zones.map((z) =>
    `${z.name} (target ${z.target}, interfaces ${
      z.interfaces.join(" ") || "none"
    })`
  );
  return {
    ok: true,
    view: {
      enabled: true,
      // Traffic arriving through an accepting zone is let in, so every
      // zone in use must block by default.
      defaultBlock: zones.every(zoneBlocksByDefault),
      allows: zones.flatMap(firewalldInboundAllows),
      evidence: [`firewalld: running, zones in use: ${described.join(", ")}`],
    },
  };
}

async function askNft(probe: Probe): Promise<ToolAnswer> {
  const result = succeeded(
    await probe.run("nft", ["list", "ruleset"]),
    "nft list ruleset",
  );
  if (!result.ok) return result;

  const chains = parseNftRuleset(result.value.stdout);
  const inputs = inputChains(chains);
  const blocking = inputs.filter(blocksByDefault);
  const described = inputs.map((c) =>
    `${c.key} (policy ${c.policy}, ${c.rules.length} rules)`
  );
  return {
    ok: true,
    view: {
      enabled: blocking.length > 0,
      defaultBlock: blocking.length > 0,
      allows: nftInboundAllows(chains),
      evidence: [
        inputs.length === 0
          ? "nftables: no input filter chain"
          : `nftables input chains: ${described.join(", ")}`,
      ],
    },
  };
}

async function askIptables(probe: Probe): Promise<ToolAnswer> {
  const result = succeeded(
    await probe.run("iptables", ["-S"]),
    "iptables -S",
  );
  if (!result.ok) return result;

  const rules = parseIptablesRules(result.value.stdout);
  if (!rules) return unparseable("iptables -S", result.value.stdout);
  const blocks = inputBlocksByDefault(rules);
  const count = rules.chains.INPUT?.length ?? 0;
  return {
    ok: true,
    view: {
      enabled: blocks,
      defaultBlock: blocks,
      allows: iptablesInboundAllows(rules),
      evidence: [
        `iptables: INPUT policy ${rules.policies.INPUT ?? "unknown"}, ` +
        `${count} rules`,
      ],
    },
  };
}

function closedView(evidence: string[]): FirewallView {
  return { enabled: false, defaultBlock: false, allows: [], evidence };
}

function unparseable(command: string, stdout: string): ProbeFailure {
  const shown = stdout.trim().slice(0, 120);
  return probeFailure(
    "failed",
    `"${command}" printed something unexpected: "${shown}"`,
  );
}

// --- Windows --------------------------------------------------------------

/** PowerShell that prints each firewall profile's effective settings. */
export const WINDOWS_PROFILES_SCRIPT =
  "Get-NetFirewallProfile -PolicyStore ActiveStore | Select-Object Name," +
  "@{n='Enabled';e={[string]$_.Enabled}}," +
  "@{n='DefaultInboundAction';e={[string]$_.DefaultInboundAction}} | " +
  "ConvertTo-Json";

/**
 * PowerShell that prints enabled inbound allow rules, ports and sources.
 * Filters are fetched once and joined on InstanceID: piping each rule to
 * the filter cmdlets costs one query per rule, minutes on a busy machine.
 */
export const WINDOWS_RULES_SCRIPT =
  "$ports = @{}; Get-NetFirewallPortFilter -PolicyStore ActiveStore | " +
  "ForEach-Object { $ports[$_.InstanceID] = $_ }; " +
  "$addresses = @{}; Get-NetFirewallAddressFilter -PolicyStore ActiveStore | " +
  "ForEach-Object { $addresses[$_.InstanceID] = $_ }; " +
  "Get-NetFirewallRule -PolicyStore ActiveStore -Direction Inbound " +
  "-Action Allow -Enabled True | ForEach-Object { " +
  "$p = $ports[$_.InstanceID]; $a = $addresses[$_.InstanceID]; " +
  "[pscustomobject]@{ DisplayName = $_.DisplayName; " +
  "Profile = [string]$_.Profile; Protocol = [string]$p.Protocol; " +
  "LocalPort = @($p.LocalPort | ForEach-Object { [string]$_ }); " +
  "RemoteAddress = @($a.RemoteAddress | ForEach-Object { [string]$_ }) } " +
  "} | ConvertTo-Json";

// Reading every rule and filter still takes seconds on a busy machine.
const WINDOWS_RULES_TIMEOUT_MS = 45_000;

const WINDOWS_PROFILES = ["Domain", "Private", "Public"];

interface WindowsProfile {
  name: string;
  enabled: string;
  inbound: string;
}

async function readWindowsFirewall(probe: Probe): Promise<FirewallReading> {
  const profiles = await windowsProfiles(probe);
  if (!profiles.ok) return profiles;

  const rules = await windowsRules(probe);
  const evidence = [
    ...profiles.value.map((p) =>
      `${p.name}: Enabled=${p.enabled} DefaultInboundAction=${p.inbound}`
    ),
    ...(rules.ok ? [] : [`Inbound rules unreadable: ${rules.reason}`]),
  ];
  const missing = WINDOWS_PROFILES.filter((name) =>
    !profiles.value.some((p) => p.name === name)
  );
  if (missing.length > 0) evidence.push(`Profiles missing: ${missing}`);

  const all = missing.length === 0 ? profiles.value : [];
  return {
    ok: true,
    view: {
      enabled: all.length > 0 && all.every((p) => isOn(p.enabled)),
      defaultBlock: all.length > 0 && all.every((p) => blocksInbound(p)),
      allows: rules.ok ? rules.value : null,
      evidence,
    },
  };
}

// netsh says ON; PowerShell says True. NotConfigured is not on.
function isOn(state: string): boolean {
  return state === "True" || state === "ON";
}

// An inbound action left NotConfigured falls back to Windows' built-in
// default, which blocks.
function blocksInbound(profile: WindowsProfile): boolean {
  return /^Block/.test(profile.inbound) || profile.inbound === "NotConfigured";
}

async function windowsProfiles(
  probe: Probe,
): Promise<ProbeResult<WindowsProfile[]>> {
  const result = succeeded(
    await runPowershell(probe, WINDOWS_PROFILES_SCRIPT),
    "Get-NetFirewallProfile",
  );
  const parsed = result.ok ? parsePowershellJson(result.value.stdout) : null;
  if (parsed?.ok) {
    const profiles = objectList(parsed.value).map((o) => ({
      name: jsonString(o.Name) ?? "",
      enabled: jsonString(o.Enabled) ?? "",
      inbound: jsonString(o.DefaultInboundAction) ?? "",
    })).filter((p) => p.name !== "");
    if (profiles.length > 0) return { ok: true, value: profiles };
  }
  return await netshProfiles(probe, result.ok ? null : result);
}

async function netshProfiles(
  probe: Probe,
  earlier: ProbeFailure | null,
): Promise<ProbeResult<WindowsProfile[]>> {
  const result = succeeded(
    await probe.run("netsh", ["advfirewall", "show", "allprofiles"]),
    "netsh advfirewall show allprofiles",
  );
  const before = earlier ? `${earlier.reason}; ` : "";
  if (!result.ok) {
    return probeFailure(result.kind, `${before}${result.reason}`);
  }

  const profiles = parseNetshProfiles(result.value.stdout);
  if (profiles.length === 0) {
    return unparseable(
      "netsh advfirewall show allprofiles",
      result.value.stdout,
    );
  }
  return {
    ok: true,
    value: profiles.map((p) => ({
      name: p.name,
      enabled: p.state,
      inbound: p.inbound,
    })),
  };
}

async function windowsRules(
  probe: Probe,
): Promise<ProbeResult<InboundAllowRule[]>> {
  const result = succeeded(
    await runPowershell(probe, WINDOWS_RULES_SCRIPT, {
      timeoutMs: WINDOWS_RULES_TIMEOUT_MS,
    }),
    "Get-NetFirewallRule",
  );
  if (!result.ok) return result;
  const parsed = parsePowershellJson(result.value.stdout);
  if (!parsed.ok) return probeFailure("failed", parsed.reason);

  return { ok: true, value: objectList(parsed.value).map(windowsRule) };
}

function windowsRule(rule: Record<string, unknown>): InboundAllowRule {
  const ports = stringList(rule.LocalPort);
  const remote = stringList(rule.RemoteAddress);
  const protocol = jsonString(rule.Protocol) ?? "Any";
  return {
    text: `${jsonString(rule.DisplayName) ?? "(unnamed)"}: ${protocol} ` +
      `port ${ports.join(",") || "Any"} from ${remote.join(",") || "Any"} ` +
      `(profile ${jsonString(rule.Profile) ?? "Any"})`,
    // Program rules with any port are how Windows admits applications; only
    // ports a rule names are judged, so app rules are listed, not flagged.
    ports: ports.flatMap(windowsPortRange),
    fromAnywhere: remote.length === 0 || remote.includes("Any"),
  };
}

function stringList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v): v is string => typeof v === "string" && v !== "");
}

function windowsPortRange(port: string) {
  const match = /^(\d+)(?:-(\d+))?$/.exec(port);
  if (!match) return [];
  const from = Number(match[1]);
  return [{ from, to: match[2] ? Number(match[2]) : from }];
}

// --- macOS ----------------------------------------------------------------

/** macOS's application firewall tool. */
export const SOCKETFILTERFW = "/usr/libexec/ApplicationFirewall/socketfilterfw";

async function readMacFirewall(probe: Probe): Promise<FirewallReading> {
  const result = succeeded(
    await probe.run(SOCKETFILTERFW, ["--getglobalstate"]),
    "socketfilterfw --getglobalstate",
  );
  if (!result.ok) return result;
  const state = parseGlobalState(result.value.stdout);
  if (state === null) {
    return unparseable("socketfilterfw --getglobalstate", result.value.stdout);
  }

  const apps = await macAllowedApps(probe);
  const remoteLogin = await macRemoteLogin(probe);
  const allows = apps.ok && remoteLogin.ok
    ? [...apps.value, ...remoteLogin.value]
    : null;
  const evidence = [
    `Application firewall State = ${state}`,
    ...(apps.ok ? [] : [apps.reason]),
    ...(remoteLogin.ok ? [] : [remoteLogin.reason]),
  ];
  // State 1 blocks unsolicited connections to applications not allowed;
  // State 2 blocks all but essential services.
  return {
    ok: true,
    view: { enabled: state >= 1, defaultBlock: state >= 1, allows, evidence },
  };
}

async function macAllowedApps(
  probe: Probe,
): Promise<ProbeResult<InboundAllowRule[]>> {
  const result = succeeded(
    await probe.run(SOCKETFILTERFW, ["--listapps"]),
    "socketfilterfw --listapps",
  );
  if (!result.ok) return result;
  const apps = parseListApps(result.value.stdout).filter((a) =>
    a.allowsIncoming
  );
  return {
    ok: true,
    value: apps.map((a) => ({
      text: `${a.path}: allow incoming connections`,
      ports: [],
      fromAnywhere: true,
    })),
  };
}

// Remote Login is macOS's SSH server; the application firewall admits it
// from any address whenever it is on.
async function macRemoteLogin(
  probe: Probe,
): Promise<ProbeResult<InboundAllowRule[]>> {
  const result = succeeded(
    await probe.run("systemsetup", ["-getremotelogin"]),
    "systemsetup -getremotelogin",
  );
  if (!result.ok) return result;
  const on = parseRemoteLogin(result.value.stdout);
  if (on === null) {
    return unparseable("systemsetup -getremotelogin", result.value.stdout);
  }
  const ssh = {
    text: "Remote Login (SSH) on",
    ports: [{ from: 22, to: 22 }],
    fromAnywhere: true,
  };
  return { ok: true, value: on ? [ssh] : [] };
}

// --- Checks ---------------------------------------------------------------

const ENABLED_REQUIREMENT =
  "Every computer, laptop and server runs a software firewall, switched " +
  "on at all times, even behind a boundary firewall.";

const DEFAULT_BLOCK_REQUIREMENT =
  "The firewall blocks unauthenticated inbound connections by default; " +
  "only connections a documented rule allows get through.";

const RULES_REQUIREMENT =
  "Every inbound allow rule is documented and justified, and rules no " +
  "longer needed are removed; remote-access services are not exposed to " +
  "the whole network.";

/** Host firewall on for every profile or interface. */
export const firewallEnabledCheck: CheckDefinition = {
  id: "firewalls.enabled",
  control: "firewalls",
  title: "Host firewall is on",
  requirement: ENABLED_REQUIREMENT,
  expected: {
    windows:
      "Windows Firewall enabled for the Domain, Private and Public profiles",
    darwin: "Application firewall enabled (State 1 or 2)",
    linux:
      "ufw active, firewalld running, or an nftables/iptables input chain that drops by default",
  },
  remediation: {
    windows:
      "Turn Windows Defender Firewall on for every profile: Set-NetFirewallProfile -All -Enabled True (or by Group Policy / Intune)",
    darwin:
      "Turn the firewall on in System Settings > Network > Firewall, or run socketfilterfw --setglobalstate on",
    linux:
      "Enable a host firewall, e.g. ufw default deny incoming && ufw enable, or systemctl enable --now firewalld",
  },
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const reading = await readFirewall(ctx);
    if (!reading.ok) return unknownReading(reading);
    const { enabled, evidence } = reading.view;
    return enabled
      ? pass("A host firewall filters inbound traffic", evidence)
      : violation(
        ctx,
        "No host firewall is on for every profile or interface",
        evidence,
      );
  },
};

/** Inbound connections blocked unless a rule allows them. */
export const inboundDefaultBlockCheck: CheckDefinition = {
  id: "firewalls.inbound_default_block",
  control: "firewalls",
  title: "Inbound connections blocked by default",
  requirement: DEFAULT_BLOCK_REQUIREMENT,
  expected: {
    windows: "DefaultInboundAction Block on every profile",
    darwin:
      "Application firewall on, blocking connections to applications not allowed",
    linux:
      "ufw default deny incoming, a firewalld zone target other than ACCEPT, or an input chain with policy drop",
  },
  remediation: {
    windows: "Set-NetFirewallProfile -All -DefaultInboundAction Block",
    darwin:
      "Turn the application firewall on; consider blocking all incoming connections",
    linux:
      "ufw default deny incoming, or set the nftables input chain's policy to drop",
  },
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const reading = await readFirewall(ctx);
    if (!reading.ok) return unknownReading(reading);
    const { defaultBlock, evidence } = reading.view;
    return defaultBlock
      ? pass(
        "Inbound connections are blocked unless a rule allows them",
        evidence,
      )
      : violation(ctx, "Inbound connections are allowed by default", evidence);
  },
};

/** Inbound allow rules listed; remote-access ports open to any address flagged. */
export const inboundRulesCheck: CheckDefinition = {
  id: "firewalls.inbound_rules",
  control: "firewalls",
  title: "No remote-access port open to any address",
  requirement: RULES_REQUIREMENT,
  expected:
    "Inbound allow rules reviewed; none opens SSH, RDP, VNC, Telnet or WinRM to any address",
  remediation:
    "Restrict remote-access rules to the management addresses that need them (or a VPN), and remove rules no longer needed",
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const reading = await readFirewall(ctx);
    if (!reading.ok) return unknownReading(reading);
    const { allows, enabled, evidence } = reading.view;
    if (!enabled) {
      return violation(
        ctx,
        "No firewall filters every inbound path, so listening services are open to any address",
        evidence,
      );
    }
    if (allows === null) {
      return unknown("The inbound allow rules could not be listed", evidence);
    }
    return judgeRules(ctx, allows);
  },
};

function judgeRules(
  ctx: CheckContext,
  allows: readonly InboundAllowRule[],
): CheckOutcome {
  const listed = allows.map((rule) => `allow: ${rule.text}`);
  const exposed = allows.filter(exposesRemoteAccess);
  if (exposed.length === 0) {
    const actual = allows.length === 0
      ? "No inbound allow rules"
      : `${allows.length} inbound allow rules, none opens remote access to any address`;
    return pass(actual, listed);
  }

  const services = exposed.map(describeExposure);
  return violation(
    ctx,
    `Remote access open to any address: ${[...new Set(services)].join("; ")}`,
    listed,
  );
}

/** Whether a rule lets any address reach a remote-access port. */
export function exposesRemoteAccess(rule: InboundAllowRule): boolean {
  if (!rule.fromAnywhere) return false;
  if (rule.ports === "any") return true;
  const ranges = rule.ports;
  return Object.keys(REMOTE_ACCESS_PORTS).some((port) =>
    coversPort(ranges, Number(port))
  );
}

function describeExposure(rule: InboundAllowRule): string {
  if (rule.ports === "any") return `all ports (${rule.text})`;
  const ranges = rule.ports;
  const names = Object.entries(REMOTE_ACCESS_PORTS)
    .filter(([port]) => coversPort(ranges, Number(port)))
    .map(([port, name]) => `${name} ${port}`);
  return `${names.join(", ")} (ports ${formatPorts(ranges)})`;
}

function unknownReading(failure: ProbeFailure): CheckOutcome {
  return unknown(
    "The firewall state could not be read",
    [`${failure.kind}: ${failure.reason}`],
  );
}

/** The firewall checks, in report order. */
export const firewallChecks: CheckDefinition[] = [
  firewallEnabledCheck,
  inboundDefaultBlockCheck,
  inboundRulesCheck,
];
