import assert from "node:assert/strict";
import {
  firewallEnabledCheck,
  inboundDefaultBlockCheck,
  inboundRulesCheck,
  SOCKETFILTERFW,
  WINDOWS_PROFILES_SCRIPT,
  WINDOWS_RULES_SCRIPT,
} from "./firewalls.ts";
import { commandKey, POWERSHELL, powershellArgs } from "./probe.ts";
import {
  fixture,
  type RecordedOutput,
  type Recordings,
  runRecorded,
} from "./recorded_probe.ts";

const linux = (name: string): RecordedOutput => ({
  stdout: fixture("linux", name),
});
const windows = (name: string): RecordedOutput => ({
  stdout: fixture("windows", name),
});
const darwin = (name: string): RecordedOutput => ({
  stdout: fixture("darwin", name),
});
const ps = (script: string) => commandKey(POWERSHELL, powershellArgs(script));

// --- Linux ----------------------------------------------------------------

Deno.test("firewalls on Linux pass when ufw is active and denies incoming", async () => {
  const recordings = {
    commands: { "ufw status verbose": linux("firewalls_ufw_active.txt") },
  };
  const enabled = await runRecorded(firewallEnabledCheck, "linux", recordings);
  const block = await runRecorded(
    inboundDefaultBlockCheck,
    "linux",
    recordings,
  );
  const rules = await runRecorded(inboundRulesCheck, "linux", recordings);

  assert.equal(enabled.status, "pass");
  assert.equal(block.status, "pass");
  assert.equal(rules.status, "pass");
  assert.ok(rules.evidence.some((e) => e.includes("3389/tcp")));
  assert.ok(
    enabled.evidence.includes("ufw: Status active, default incoming deny"),
  );
});

Deno.test("firewalls on Linux flag OpenSSH open to anywhere through ufw", async () => {
  const recordings = {
    commands: { "ufw status verbose": linux("firewalls_ufw_ssh_anywhere.txt") },
  };
  const standard = await runRecorded(inboundRulesCheck, "linux", recordings);
  const strict = await runRecorded(inboundRulesCheck, "linux", recordings, {
    mode: "strict",
  });

  assert.equal(standard.status, "warn");
  assert.equal(strict.status, "fail");
  assert.match(standard.actual, /SSH 22/);
});

Deno.test("firewalls on Linux fail the default when ufw allows incoming", async () => {
  const recordings = {
    commands: {
      "ufw status verbose": linux("firewalls_ufw_allow_incoming.txt"),
    },
  };
  const enabled = await runRecorded(firewallEnabledCheck, "linux", recordings);
  const block = await runRecorded(
    inboundDefaultBlockCheck,
    "linux",
    recordings,
  );

  assert.equal(enabled.status, "pass");
  assert.equal(block.status, "fail");
});

Deno.test("firewalls on Linux fail when ufw is inactive and no other tool filters", async () => {
  const recordings = {
    commands: {
      "ufw status verbose": linux("firewalls_ufw_inactive.txt"),
      "nft list ruleset": { stdout: "" },
    },
  };
  const enabled = await runRecorded(firewallEnabledCheck, "linux", recordings);
  const rules = await runRecorded(inboundRulesCheck, "linux", recordings);

  assert.equal(enabled.status, "fail");
  assert.ok(enabled.evidence.includes("nftables: no input filter chain"));
  assert.equal(rules.status, "warn");
});

Deno.test("firewalls on Linux fail when no firewall tool is installed", async () => {
  const result = await runRecorded(firewallEnabledCheck, "linux", {});

  assert.equal(result.status, "fail");
  assert.ok(result.evidence.some((e) => e.includes('"ufw" is not installed')));
});

Deno.test("firewalls on Linux are unknown when ufw needs root and nft is denied", async () => {
  const recordings = {
    commands: {
      "ufw status verbose": {
        stderr: fixture("linux", "firewalls_ufw_not_root.txt"),
        code: 1,
      },
      "nft list ruleset": {
        stderr: "Error: Operation not permitted (you must be root)\n",
        code: 1,
      },
    },
  };
  const result = await runRecorded(firewallEnabledCheck, "linux", recordings);

  assert.equal(result.status, "unknown");
  assert.ok(result.evidence.some((e) => e.includes("You need to be root")));
});

Deno.test("firewalls on Linux are unknown when nft times out", async () => {
  const recordings: Recordings = {
    commands: {
      "ufw status verbose": linux("firewalls_ufw_inactive.txt"),
      "nft list ruleset": { failure: "timeout" },
    },
  };
  const result = await runRecorded(firewallEnabledCheck, "linux", recordings);

  assert.equal(result.status, "unknown");
  assert.match(result.evidence.join(" "), /ran over/);
});

Deno.test("firewalls on Linux pass an nftables input chain with policy drop", async () => {
  const recordings = {
    commands: { "nft list ruleset": linux("firewalls_nft_policy_drop.txt") },
  };
  const enabled = await runRecorded(firewallEnabledCheck, "linux", recordings);
  const rules = await runRecorded(inboundRulesCheck, "linux", recordings);

  assert.equal(enabled.status, "pass");
  assert.equal(rules.status, "pass");
  assert.ok(rules.evidence.some((e) => e.includes("tcp dport { 80, 443 }")));
  assert.ok(rules.evidence.some((e) => e.includes("ip saddr @admin_hosts")));
});

Deno.test("firewalls on Linux fail an accepting nftables chain that only drops some ports", async () => {
  const recordings = {
    commands: {
      "nft list ruleset": linux("firewalls_nft_accept_with_rules.txt"),
    },
  };
  const enabled = await runRecorded(firewallEnabledCheck, "linux", recordings);

  assert.equal(enabled.status, "fail");
});

Deno.test("firewalls on Linux follow jumps from an iptables-nft chain ending in reject", async () => {
  const recordings = {
    commands: {
      "nft list ruleset": linux("firewalls_nft_iptables_reject.txt"),
    },
  };
  const block = await runRecorded(
    inboundDefaultBlockCheck,
    "linux",
    recordings,
  );
  const rules = await runRecorded(inboundRulesCheck, "linux", recordings);

  assert.equal(block.status, "pass");
  assert.equal(rules.status, "warn");
  assert.match(rules.actual, /SSH 22/);
  assert.doesNotMatch(rules.actual, /VNC/);
});

Deno.test("firewalls on Linux read iptables when nft is missing", async () => {
  const recordings = {
    commands: { "iptables -S": linux("firewalls_iptables_policy_drop.txt") },
  };
  const enabled = await runRecorded(firewallEnabledCheck, "linux", recordings);
  const rules = await runRecorded(inboundRulesCheck, "linux", recordings);

  assert.equal(enabled.status, "pass");
  assert.equal(rules.status, "warn");
  assert.match(rules.actual, /RDP 3389/);
  assert.doesNotMatch(rules.actual, /SSH/);
});

Deno.test("firewalls on Linux fail iptables with accepting policies", async () => {
  const recordings = {
    commands: { "iptables -S": linux("firewalls_iptables_open.txt") },
  };
  const block = await runRecorded(
    inboundDefaultBlockCheck,
    "linux",
    recordings,
  );

  assert.equal(block.status, "fail");
});

Deno.test("firewalls on Linux read firewalld zones and their services", async () => {
  const recordings = {
    commands: {
      "firewall-cmd --state": { stdout: "running\n" },
      "firewall-cmd --list-all-zones": linux("firewalls_firewalld_zones.txt"),
    },
  };
  const block = await runRecorded(
    inboundDefaultBlockCheck,
    "linux",
    recordings,
  );
  const rules = await runRecorded(inboundRulesCheck, "linux", recordings);

  assert.equal(block.status, "pass");
  assert.ok(block.evidence.includes(
    "firewalld: running, zones in use: public (target default, interfaces eth0)",
  ));
  assert.equal(rules.status, "warn");
  assert.match(rules.actual, /SSH 22/);
});

Deno.test("firewalls on Linux fail when an active firewalld zone accepts everything", async () => {
  const recordings = {
    commands: {
      "firewall-cmd --state": { stdout: "running\n" },
      "firewall-cmd --list-all-zones": linux(
        "firewalls_firewalld_zones_trusted.txt",
      ),
    },
  };
  const block = await runRecorded(
    inboundDefaultBlockCheck,
    "linux",
    recordings,
  );

  assert.equal(block.status, "fail");
});

Deno.test("firewalls on Linux treat unexpected ufw output as unknown", async () => {
  const recordings = {
    commands: { "ufw status verbose": { stdout: "Statut : actif\n" } },
  };
  const result = await runRecorded(firewallEnabledCheck, "linux", recordings);

  assert.equal(result.status, "unknown");
  assert.match(result.evidence.join(" "), /printed something unexpected/);
});

// --- Windows --------------------------------------------------------------

Deno.test("firewalls on Windows pass when every profile is on and blocks", async () => {
  const recordings = {
    commands: {
      [ps(WINDOWS_PROFILES_SCRIPT)]: windows("firewalls_profiles_on.json"),
      [ps(WINDOWS_RULES_SCRIPT)]: windows("firewalls_rules_single.json"),
    },
  };
  const enabled = await runRecorded(
    firewallEnabledCheck,
    "windows",
    recordings,
  );
  const block = await runRecorded(
    inboundDefaultBlockCheck,
    "windows",
    recordings,
  );
  const rules = await runRecorded(inboundRulesCheck, "windows", recordings);

  assert.equal(enabled.status, "pass");
  assert.equal(block.status, "pass");
  assert.equal(rules.status, "pass");
  assert.equal(rules.evidence.length, 1);
});

Deno.test("firewalls on Windows fail a profile that is off or NotConfigured", async () => {
  const recordings = {
    commands: {
      [ps(WINDOWS_PROFILES_SCRIPT)]: windows(
        "firewalls_profiles_private_public_off.json",
      ),
    },
  };
  const enabled = await runRecorded(
    firewallEnabledCheck,
    "windows",
    recordings,
  );
  const block = await runRecorded(
    inboundDefaultBlockCheck,
    "windows",
    recordings,
  );

  assert.equal(enabled.status, "fail");
  assert.ok(
    enabled.evidence.includes(
      "Private: Enabled=NotConfigured DefaultInboundAction=Allow",
    ),
  );
  assert.equal(block.status, "fail");
});

Deno.test("firewalls on Windows fall back to netsh when PowerShell fails", async () => {
  const recordings: Recordings = {
    commands: {
      [ps(WINDOWS_PROFILES_SCRIPT)]: { failure: "timeout" },
      "netsh advfirewall show allprofiles": windows(
        "firewalls_netsh_allprofiles.txt",
      ),
    },
  };
  const enabled = await runRecorded(
    firewallEnabledCheck,
    "windows",
    recordings,
  );
  const block = await runRecorded(
    inboundDefaultBlockCheck,
    "windows",
    recordings,
  );

  assert.equal(enabled.status, "fail");
  assert.ok(
    enabled.evidence.includes(
      "Public: Enabled=OFF DefaultInboundAction=BlockInbound",
    ),
  );
  assert.equal(block.status, "pass");
});

Deno.test("firewalls on Windows are unknown when neither PowerShell nor netsh answers", async () => {
  const recordings: Recordings = {
    commands: {
      [ps(WINDOWS_PROFILES_SCRIPT)]: { failure: "denied" },
      "netsh advfirewall show allprofiles": { stdout: "", code: 1 },
    },
  };
  const result = await runRecorded(firewallEnabledCheck, "windows", recordings);

  assert.equal(result.status, "unknown");
});

Deno.test("firewalls on Windows flag RDP open to any address but not app rules", async () => {
  const recordings = {
    commands: {
      [ps(WINDOWS_PROFILES_SCRIPT)]: windows("firewalls_profiles_on.json"),
      [ps(WINDOWS_RULES_SCRIPT)]: windows("firewalls_rules_rdp_any.json"),
    },
  };
  const rules = await runRecorded(inboundRulesCheck, "windows", recordings);

  assert.equal(rules.status, "warn");
  assert.match(rules.actual, /RDP 3389/);
  assert.doesNotMatch(rules.actual, /WinRM|Teams/);
  assert.equal(rules.evidence.length, 3);
});

Deno.test("firewalls on Windows are unknown about rules that cannot be listed", async () => {
  const recordings: Recordings = {
    commands: {
      [ps(WINDOWS_PROFILES_SCRIPT)]: windows("firewalls_profiles_on.json"),
      [ps(WINDOWS_RULES_SCRIPT)]: {
        stdout: "Get-NetFirewallRule : Access is denied.",
        code: 1,
      },
    },
  };
  const rules = await runRecorded(inboundRulesCheck, "windows", recordings);

  assert.equal(rules.status, "unknown");
});

// --- macOS ----------------------------------------------------------------

const macRecordings = (state: string, remoteLogin: string): Recordings => ({
  commands: {
    [`${SOCKETFILTERFW} --getglobalstate`]: darwin(state),
    [`${SOCKETFILTERFW} --listapps`]: darwin("firewalls_listapps.txt"),
    "systemsetup -getremotelogin": darwin(remoteLogin),
  },
});

Deno.test("firewalls on macOS pass with the application firewall on", async () => {
  const recordings = macRecordings(
    "firewalls_globalstate_on.txt",
    "firewalls_remotelogin_off.txt",
  );
  const enabled = await runRecorded(firewallEnabledCheck, "darwin", recordings);
  const rules = await runRecorded(inboundRulesCheck, "darwin", recordings);

  assert.equal(enabled.status, "pass");
  assert.equal(rules.status, "pass");
  assert.deepEqual(rules.evidence, [
    "allow: /Applications/Spotify.app: allow incoming connections",
  ]);
});

Deno.test("firewalls on macOS pass when blocking all incoming connections", async () => {
  const recordings = macRecordings(
    "firewalls_globalstate_block_all.txt",
    "firewalls_remotelogin_off.txt",
  );
  const block = await runRecorded(
    inboundDefaultBlockCheck,
    "darwin",
    recordings,
  );

  assert.equal(block.status, "pass");
});

Deno.test("firewalls on macOS fail with the application firewall off", async () => {
  const recordings = macRecordings(
    "firewalls_globalstate_off.txt",
    "firewalls_remotelogin_off.txt",
  );
  const enabled = await runRecorded(firewallEnabledCheck, "darwin", recordings);
  const block = await runRecorded(
    inboundDefaultBlockCheck,
    "darwin",
    recordings,
  );

  assert.equal(enabled.status, "fail");
  assert.equal(block.status, "fail");
});

Deno.test("firewalls on macOS flag Remote Login, which any address can reach", async () => {
  const recordings = macRecordings(
    "firewalls_globalstate_on.txt",
    "firewalls_remotelogin_on.txt",
  );
  const rules = await runRecorded(inboundRulesCheck, "darwin", recordings);

  assert.equal(rules.status, "warn");
  assert.match(rules.actual, /SSH 22/);
});

Deno.test("firewalls on macOS are unknown about rules without administrator rights", async () => {
  const recordings = macRecordings(
    "firewalls_globalstate_on.txt",
    "firewalls_remotelogin_not_admin.txt",
  );
  const rules = await runRecorded(inboundRulesCheck, "darwin", recordings);
  const enabled = await runRecorded(firewallEnabledCheck, "darwin", recordings);

  assert.equal(rules.status, "unknown");
  assert.equal(enabled.status, "pass");
});

Deno.test("firewalls on macOS are unknown when socketfilterfw is missing", async () => {
  const result = await runRecorded(firewallEnabledCheck, "darwin", {});

  assert.equal(result.status, "unknown");
  assert.match(result.evidence.join(" "), /not installed/);
});

// macOS 26 heads the list "Total number of apps" and writes the verdict
// without inner spaces.
Deno.test("firewalls on macOS read the application list as macOS 26 prints it", async () => {
  const recordings = macRecordings(
    "firewalls_globalstate_on.txt",
    "firewalls_remotelogin_off.txt",
  );
  recordings.commands![`${SOCKETFILTERFW} --listapps`] = darwin(
    "firewalls_listapps_macos26.txt",
  );
  const rules = await runRecorded(inboundRulesCheck, "darwin", recordings);

  assert.equal(rules.status, "pass");
  assert.deepEqual(rules.evidence, [
    "allow: /Applications/zoom.us.app: allow incoming connections",
  ]);
});

// On a Mac whose firewall a configuration profile manages, socketfilterfw
// may refuse to answer instead of printing a state.
Deno.test("firewalls on macOS are unknown when socketfilterfw defers to a profile", async () => {
  const recordings = macRecordings(
    "firewalls_globalstate_managed.txt",
    "firewalls_remotelogin_off.txt",
  );
  const enabled = await runRecorded(firewallEnabledCheck, "darwin", recordings);

  assert.equal(enabled.status, "unknown");
  assert.match(enabled.evidence.join(" "), /managed Mac computers/);
});

Deno.test("firewalls on macOS read a global state printed without its number", async () => {
  const recordings = macRecordings(
    "firewalls_globalstate_on.txt",
    "firewalls_remotelogin_off.txt",
  );
  recordings.commands![`${SOCKETFILTERFW} --getglobalstate`] = {
    stdout: "Firewall is disabled.\n",
  };
  const enabled = await runRecorded(firewallEnabledCheck, "darwin", recordings);

  assert.equal(enabled.status, "fail");
});
