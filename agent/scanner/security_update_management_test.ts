import assert from "node:assert/strict";
import type { CheckDefinition, ScanPlatform } from "./check.ts";
import { WINDOWS_VERSION_SCRIPT } from "./host.ts";
import { commandKey, POWERSHELL, powershellArgs } from "./probe.ts";
import {
  findCheck,
  fixture,
  type RecordedOutput,
  type Recordings,
  runRecorded,
} from "./recorded_probe.ts";
import {
  securityUpdateManagementChecks,
  WINDOWS_PENDING_UPDATES_SCRIPT,
  WINDOWS_UPDATE_POLICY_SCRIPT,
} from "./security_update_management.ts";

const NOW = () => new Date("2026-12-03T12:00:00Z");

function check(name: string): CheckDefinition {
  return findCheck(
    securityUpdateManagementChecks,
    `security_update_management.${name}`,
  );
}

function run(
  name: string,
  platform: ScanPlatform,
  recordings: Recordings,
  mode: "standard" | "strict" = "standard",
  now = NOW,
) {
  return runRecorded(check(name), platform, recordings, { mode, now });
}

const out = (
  os: "linux" | "darwin" | "windows",
  name: string,
  code = 0,
): RecordedOutput => ({ stdout: fixture(os, name), code });
const ps = (script: string) => commandKey(POWERSHELL, powershellArgs(script));

const osRelease = (name: string) => ({
  "/etc/os-release": fixture("linux", name),
});

// --- Operating system supported ------------------------------------------------

Deno.test("os_supported passes Debian 12 through Debian LTS and names the table date", async () => {
  const result = await run("os_supported", "linux", {
    files: osRelease("updates_os_release_debian12.txt"),
  });
  assert.equal(result.status, "pass");
  assert.match(result.actual, /Debian LTS until 2028-06-30/);
  assert.ok(
    result.evidence.includes("End-of-support table dated 2026-12-03"),
  );
});

Deno.test("os_supported warns Ubuntu 20.04 (ESM only) and fails it in strict mode", async () => {
  const recordings = { files: osRelease("updates_os_release_ubuntu2004.txt") };
  const standard = await run("os_supported", "linux", recordings);
  const strict = await run("os_supported", "linux", recordings, "strict");
  assert.equal(standard.status, "warn");
  assert.match(standard.actual, /Ubuntu Pro \(ESM\) subscription/);
  assert.equal(strict.status, "fail");
});

Deno.test("os_supported passes Ubuntu 20.04 when Ubuntu Pro's esm-infra is enabled", async () => {
  const result = await run("os_supported", "linux", {
    files: osRelease("updates_os_release_ubuntu2004.txt"),
    commands: {
      "pro status --format json": out(
        "linux",
        "updates_pro_status_attached.json",
      ),
    },
  }, "strict");
  assert.equal(result.status, "pass");
  assert.match(result.actual, /this device is enrolled/);
  assert.ok(
    result.evidence.includes("Ubuntu Pro: attached=true, esm-infra enabled"),
  );
});

Deno.test("os_supported keeps Ubuntu 20.04 a warning when Ubuntu Pro is not attached", async () => {
  const result = await run("os_supported", "linux", {
    files: osRelease("updates_os_release_ubuntu2004.txt"),
    commands: {
      "pro status --format json": out(
        "linux",
        "updates_pro_status_unattached.json",
      ),
    },
  });
  assert.equal(result.status, "warn");
  assert.ok(
    result.evidence.includes(
      "Ubuntu Pro: attached=false, esm-infra not enabled",
    ),
  );
});

Deno.test("os_supported judges Linux Mint 22 by its Ubuntu 24.04 base", async () => {
  const result = await run("os_supported", "linux", {
    files: osRelease("updates_os_release_mint22.txt"),
  });
  assert.equal(result.status, "pass");
  assert.ok(result.evidence.some((e) => /judged by its base/.test(e)));
});

Deno.test("os_supported warns in strict mode when support ends within 90 days", async () => {
  const result = await run(
    "os_supported",
    "linux",
    { files: osRelease("updates_os_release_rocky9.txt") },
    "strict",
    () => new Date("2032-04-01T00:00:00Z"),
  );
  assert.equal(result.status, "warn");
  assert.match(result.actual, /60 day\(s\) left/);
});

Deno.test("os_supported is unknown when os-release cannot be read", async () => {
  const result = await run("os_supported", "linux", {
    files: { "/etc/os-release": { failure: "denied" } },
  });
  assert.equal(result.status, "unknown");
});

Deno.test("os_supported on Windows fails 11 24H2 Pro after 2026-10-13 and passes Enterprise", async () => {
  const pro = await run("os_supported", "windows", {
    commands: {
      [ps(WINDOWS_VERSION_SCRIPT)]: out(
        "windows",
        "updates_version_win11_24h2_pro.json",
      ),
    },
  });
  assert.equal(pro.status, "fail");
  assert.match(pro.actual, /Windows 11 24H2 \(Home, Pro\).*2026-10-13/);

  const enterprise = await run("os_supported", "windows", {
    commands: {
      [ps(WINDOWS_VERSION_SCRIPT)]: out(
        "windows",
        "updates_version_win11_24h2_enterprise.json",
      ),
    },
  });
  assert.equal(enterprise.status, "pass");
});

Deno.test("os_supported on Windows fails 10 22H2 Pro after its end of support", async () => {
  const result = await run("os_supported", "windows", {
    commands: {
      [ps(WINDOWS_VERSION_SCRIPT)]: out(
        "windows",
        "updates_version_win10_22h2_pro.json",
      ),
    },
  });
  assert.equal(result.status, "fail");
  assert.match(result.actual, /2025-10-14/);
});

Deno.test("os_supported on Windows passes Server 2019 Core", async () => {
  const result = await run("os_supported", "windows", {
    commands: {
      [ps(WINDOWS_VERSION_SCRIPT)]: out(
        "windows",
        "updates_version_server2019_core.json",
      ),
    },
  });
  assert.equal(result.status, "pass");
  assert.match(result.actual, /Windows Server 2019/);
});

Deno.test("os_supported on Windows is unknown when the version cannot be read", async () => {
  const result = await run("os_supported", "windows", {
    commands: { [ps(WINDOWS_VERSION_SCRIPT)]: { failure: "timeout" } },
  });
  assert.equal(result.status, "unknown");
});

Deno.test("os_supported on macOS passes 15, fails 13 and fails a beta", async () => {
  const sequoia = await run("os_supported", "darwin", {
    commands: { sw_vers: out("darwin", "updates_sw_vers_15.txt") },
  });
  assert.equal(sequoia.status, "pass");

  const ventura = await run("os_supported", "darwin", {
    commands: { sw_vers: out("darwin", "updates_sw_vers_13.txt") },
  });
  assert.equal(ventura.status, "fail");

  const beta = await run("os_supported", "darwin", {
    commands: { sw_vers: out("darwin", "updates_sw_vers_beta.txt") },
  });
  assert.equal(beta.status, "fail");
  assert.match(beta.actual, /beta/);
});

// --- Automatic updates ---------------------------------------------------------

const debian = osRelease("updates_os_release_debian12.txt");
const DPKG = "dpkg-query -W -f=${Status} unattended-upgrades";

const LISTS = "/var/lib/apt/lists";
const DEBIAN_SECURITY_LIST =
  "deb.debian.org_debian-security_dists_bookworm-security_InRelease";
const DEBIAN_MAIN_LIST = "deb.debian.org_debian_dists_bookworm_InRelease";

/** apt's lists directory holding the given Release files. */
function aptLists(files: Record<string, string>) {
  return {
    dirs: { [LISTS]: [...Object.keys(files), "lock", "partial"] },
    files: Object.fromEntries(
      Object.entries(files).map(([name, text]) => [`${LISTS}/${name}`, text]),
    ),
  };
}

const freshDebianLists = aptLists({
  [DEBIAN_SECURITY_LIST]: fixture(
    "linux",
    "updates_apt_inrelease_bookworm_security.txt",
  ),
  [DEBIAN_MAIN_LIST]: fixture(
    "linux",
    "updates_apt_inrelease_bookworm_head.txt",
  ),
});

Deno.test("automatic_updates on Debian passes unattended-upgrades with both periodic settings", async () => {
  const result = await run("automatic_updates", "linux", {
    files: debian,
    commands: {
      "apt-config dump": out("linux", "updates_apt_config_dump_unattended.txt"),
      [DPKG]: { stdout: "install ok installed" },
    },
  });
  assert.equal(result.status, "pass");
  assert.ok(
    result.evidence.includes('APT::Periodic::Unattended-Upgrade = "1"'),
  );
});

Deno.test("automatic_updates on Debian warns when Unattended-Upgrade is 0 and fails in strict", async () => {
  const recordings = {
    files: debian,
    commands: {
      "apt-config dump": out(
        "linux",
        "updates_apt_config_dump_upgrade_off.txt",
      ),
      [DPKG]: { stdout: "install ok installed" },
    },
  };
  const standard = await run("automatic_updates", "linux", recordings);
  const strict = await run("automatic_updates", "linux", recordings, "strict");
  assert.equal(standard.status, "warn");
  assert.match(standard.actual, /APT::Periodic::Unattended-Upgrade is off/);
  assert.equal(strict.status, "fail");
});

Deno.test("automatic_updates on Debian warns when unattended-upgrades is not installed", async () => {
  const result = await run("automatic_updates", "linux", {
    files: debian,
    commands: {
      "apt-config dump": out("linux", "updates_apt_config_dump_default.txt"),
      [DPKG]: {
        stderr: "dpkg-query: no packages found matching unattended-upgrades\n",
        code: 1,
      },
    },
  });
  assert.equal(result.status, "warn");
  assert.equal(result.actual, "unattended-upgrades is not installed");
});

Deno.test("automatic_updates on Debian is unknown when apt-config is missing", async () => {
  const result = await run("automatic_updates", "linux", { files: debian });
  assert.equal(result.status, "unknown");
  assert.match(result.actual, /missing/);
});

const rocky = osRelease("updates_os_release_rocky9.txt");

Deno.test("automatic_updates on Rocky passes dnf-automatic.timer with apply_updates = yes", async () => {
  const result = await run("automatic_updates", "linux", {
    files: {
      ...rocky,
      "/etc/dnf/automatic.conf": fixture(
        "linux",
        "updates_dnf_automatic_apply.conf",
      ),
    },
    commands: {
      "systemctl is-enabled dnf-automatic-install.timer": {
        stdout: "disabled\n",
        code: 1,
      },
      "systemctl is-enabled dnf-automatic.timer": out(
        "linux",
        "updates_systemctl_enabled.txt",
      ),
      "systemctl is-enabled dnf5-automatic.timer": {
        stderr:
          "Failed to get unit file state for dnf5-automatic.timer: No such file or directory\n",
        code: 1,
      },
    },
  });
  assert.equal(result.status, "pass");
  assert.ok(
    result.evidence.includes("/etc/dnf/automatic.conf: apply_updates = yes"),
  );
});

Deno.test("automatic_updates on Rocky warns when dnf-automatic only downloads", async () => {
  const result = await run("automatic_updates", "linux", {
    files: {
      ...rocky,
      "/etc/dnf/automatic.conf": fixture(
        "linux",
        "updates_dnf_automatic_download_only.conf",
      ),
    },
    commands: {
      "systemctl is-enabled dnf-automatic.timer": out(
        "linux",
        "updates_systemctl_enabled.txt",
      ),
      "systemctl is-enabled dnf-automatic-install.timer": {
        stdout: "disabled\n",
        code: 1,
      },
      "systemctl is-enabled dnf5-automatic.timer": { stdout: "", code: 1 },
    },
  });
  assert.equal(result.status, "warn");
  assert.match(result.actual, /apply_updates is off/);
});

Deno.test("automatic_updates on Rocky warns when no timer is enabled", async () => {
  const disabled = { stdout: "disabled\n", code: 1 };
  const result = await run("automatic_updates", "linux", {
    files: rocky,
    commands: {
      "systemctl is-enabled dnf-automatic.timer": disabled,
      "systemctl is-enabled dnf-automatic-install.timer": disabled,
      "systemctl is-enabled dnf5-automatic.timer": disabled,
    },
  });
  assert.equal(result.status, "warn");
});

Deno.test("automatic_updates on macOS passes all on and warns macOS installs off", async () => {
  const key = "defaults read /Library/Preferences/com.apple.SoftwareUpdate";
  const on = await run("automatic_updates", "darwin", {
    commands: {
      [key]: out("darwin", "updates_softwareupdate_prefs_all_on.txt"),
    },
  });
  assert.equal(on.status, "pass");

  const off = await run("automatic_updates", "darwin", {
    commands: { [key]: out("darwin", "updates_softwareupdate_prefs_off.txt") },
  });
  assert.equal(off.status, "warn");
  assert.match(off.actual, /AutomaticallyInstallMacOSUpdates/);

  // A fresh Mac has none of the keys: installing macOS updates is off.
  const fresh = await run("automatic_updates", "darwin", {
    commands: {
      [key]: out("darwin", "updates_softwareupdate_prefs_fresh.txt"),
    },
  });
  assert.equal(fresh.status, "warn");
  assert.equal(fresh.actual, "Off: AutomaticallyInstallMacOSUpdates");
});

Deno.test("automatic_updates on macOS reads a missing preferences domain as defaults", async () => {
  const result = await run("automatic_updates", "darwin", {
    commands: {
      "defaults read /Library/Preferences/com.apple.SoftwareUpdate": {
        stderr:
          "\nDomain /Library/Preferences/com.apple.SoftwareUpdate does not exist\n",
        code: 1,
      },
    },
  });
  assert.equal(result.status, "warn");
});

Deno.test("automatic_updates on Windows passes the default and flags each way to turn it off", async () => {
  const cases: [string, string][] = [
    ["updates_policy_default.json", "pass"],
    ["updates_policy_noautoupdate.json", "warn"],
    ["updates_policy_notify_only.json", "warn"],
    ["updates_policy_service_disabled.json", "warn"],
    ["updates_policy_paused.json", "warn"],
    ["updates_policy_pause_expired.json", "pass"],
  ];
  for (const [file, status] of cases) {
    const result = await run("automatic_updates", "windows", {
      commands: { [ps(WINDOWS_UPDATE_POLICY_SCRIPT)]: out("windows", file) },
    });
    assert.equal(result.status, status, file);
  }
});

// --- Pending security updates -------------------------------------------------

Deno.test("pending_updates on Debian warns about security-archive upgrades, undated", async () => {
  const result = await run("pending_updates", "linux", {
    files: { ...debian, ...freshDebianLists.files },
    dirs: freshDebianLists.dirs,
    commands: {
      "apt-get -s dist-upgrade": out(
        "linux",
        "updates_apt_simulate_debian12.txt",
      ),
    },
  });
  assert.equal(result.status, "warn");
  assert.match(
    result.actual,
    /^78 security update\(s\) pending; release dates unknown/,
  );
  assert.ok(result.evidence.includes("liblzma5 5.4.1-1+deb12u2 (unrated)"));
});

Deno.test("pending_updates on Debian fails any pending security update in strict mode", async () => {
  const result = await run("pending_updates", "linux", {
    files: { ...debian, ...freshDebianLists.files },
    dirs: freshDebianLists.dirs,
    commands: {
      "apt-get -s dist-upgrade": out(
        "linux",
        "updates_apt_simulate_debian12.txt",
      ),
    },
  }, "strict");
  assert.equal(result.status, "fail");
});

Deno.test("pending_updates on Ubuntu passes when only non-security updates wait", async () => {
  const lists = aptLists({
    "archive.ubuntu.com_ubuntu_dists_noble-security_InRelease": fixture(
      "linux",
      "updates_apt_inrelease_noble_security_head.txt",
    ),
  });
  const result = await run("pending_updates", "linux", {
    files: {
      ...osRelease("updates_os_release_ubuntu2404.txt"),
      ...lists.files,
    },
    dirs: lists.dirs,
    commands: {
      "apt-get -s dist-upgrade": out(
        "linux",
        "updates_apt_simulate_ubuntu_nonsecurity.txt",
      ),
    },
  });
  assert.equal(result.status, "pass");
  assert.ok(result.evidence.some((e) => /2 upgrade\(s\), 0 from/.test(e)));
});

Deno.test("pending_updates on Debian passes with nothing to upgrade and fresh lists", async () => {
  const result = await run("pending_updates", "linux", {
    files: { ...debian, ...freshDebianLists.files },
    dirs: freshDebianLists.dirs,
    commands: {
      "apt-get -s dist-upgrade": out("linux", "updates_apt_simulate_none.txt"),
    },
  });
  assert.equal(result.status, "pass");
  assert.ok(
    result.evidence.includes(
      "apt security lists dated 2026-12-01T19:40:00.000Z (1 day(s) old)",
    ),
  );
});

Deno.test("pending_updates on Debian is unknown when the security lists are stale", async () => {
  const stale = aptLists({
    [DEBIAN_SECURITY_LIST]: fixture(
      "linux",
      "updates_apt_inrelease_bookworm_security.txt",
    ).replace(/^Date: .*$/m, "Date: Mon, 14 Sep 2026 07:12:41 UTC"),
  });
  const result = await run("pending_updates", "linux", {
    files: { ...debian, ...stale.files },
    dirs: stale.dirs,
    commands: {
      "apt-get -s dist-upgrade": out("linux", "updates_apt_simulate_none.txt"),
    },
  });
  assert.equal(result.status, "unknown");
  assert.match(result.actual, /80 days old/);
});

Deno.test("pending_updates on Debian is unknown when apt has no security archive", async () => {
  const mainOnly = aptLists({
    [DEBIAN_MAIN_LIST]: fixture(
      "linux",
      "updates_apt_inrelease_bookworm_head.txt",
    ),
  });
  const result = await run("pending_updates", "linux", {
    files: { ...debian, ...mainOnly.files },
    dirs: mainOnly.dirs,
    commands: {
      "apt-get -s dist-upgrade": out("linux", "updates_apt_simulate_none.txt"),
    },
  });
  assert.equal(result.status, "unknown");
  assert.match(result.actual, /no security archive/);
});

Deno.test("pending_updates on Debian is unknown when apt fails", async () => {
  const result = await run("pending_updates", "linux", {
    files: debian,
    commands: {
      "apt-get -s dist-upgrade": {
        stderr: fixture("linux", "updates_apt_locked_stderr.txt"),
        code: 100,
      },
    },
  });
  assert.equal(result.status, "unknown");
  assert.ok(result.evidence.some((e) => /Could not get lock/.test(e)));
});

Deno.test("pending_updates on Rocky warns for dnf 4 advisories, which carry no date", async () => {
  const result = await run("pending_updates", "linux", {
    files: rocky,
    commands: {
      "dnf -q updateinfo list --security": out(
        "linux",
        "updates_dnf4_security.txt",
      ),
    },
  });
  assert.equal(result.status, "warn");
  assert.ok(
    result.evidence.includes(
      "RHSA-2026:8123 kernel-5.14.0-570.42.1.el9_6.x86_64 (high)",
    ),
  );
});

Deno.test("pending_updates fails a dnf 5 Important advisory issued 31 days ago", async () => {
  const result = await run("pending_updates", "linux", {
    files: rocky,
    commands: {
      "dnf -q updateinfo list --security": out(
        "linux",
        "updates_dnf5_security.txt",
      ),
    },
  });
  assert.equal(result.status, "fail");
  assert.match(result.actual, /FEDORA-2026-3f1a9c0e2b/);
  assert.doesNotMatch(result.actual, /FEDORA-2026-77b20d41aa/);
});

Deno.test("pending_updates on macOS warns for recommended updates and passes none", async () => {
  const pending = await run("pending_updates", "darwin", {
    commands: {
      "softwareupdate -l": out(
        "darwin",
        "updates_softwareupdate_list_pending.txt",
      ),
    },
  });
  assert.equal(pending.status, "warn");
  assert.match(pending.actual, /^2 security update\(s\) pending/);
  assert.ok(
    pending.evidence.includes("Optional: Command Line Tools for Xcode"),
  );

  const none = await run("pending_updates", "darwin", {
    commands: {
      "softwareupdate -l": {
        stdout: fixture(
          "darwin",
          "updates_softwareupdate_list_none_stdout.txt",
        ),
        stderr: fixture(
          "darwin",
          "updates_softwareupdate_list_none_stderr.txt",
        ),
      },
    },
  });
  assert.equal(none.status, "pass");
});

// macOS 26 lists the next major release, a Rapid Security Response "(a)"
// and the point release side by side, all recommended.
Deno.test("pending_updates on macOS counts fixes for the running release, not the next major one", async () => {
  const result = await run("pending_updates", "darwin", {
    commands: {
      sw_vers: out("darwin", "updates_sw_vers_26.txt"),
      "softwareupdate -l": out(
        "darwin",
        "updates_softwareupdate_list_major.txt",
      ),
    },
  });
  assert.equal(result.status, "warn");
  assert.match(result.actual, /^3 security update\(s\) pending/);
  assert.ok(
    result.evidence.includes(
      "Upgrade offered, not a missing fix: macOS 27",
    ),
  );
  assert.ok(
    result.evidence.includes("macOS Tahoe 26.7.1 (a) 26.7.1 (a) (unrated)"),
  );
});

Deno.test("pending_updates on macOS is unknown when softwareupdate times out", async () => {
  const result = await run("pending_updates", "darwin", {
    commands: { "softwareupdate -l": { failure: "timeout" } },
  });
  assert.equal(result.status, "unknown");
});

Deno.test("pending_updates on Windows fails a critical update released 23 days ago", async () => {
  const result = await run("pending_updates", "windows", {
    commands: {
      [ps(WINDOWS_PENDING_UPDATES_SCRIPT)]: out(
        "windows",
        "updates_pending_overdue.json",
      ),
    },
  });
  assert.equal(result.status, "fail");
  assert.match(result.actual, /KB5070311/);
  assert.ok(
    result.evidence.some((e) => /Not a security update: Intel/.test(e)),
  );
});

Deno.test("pending_updates on Windows warns about a two-day-old Important update", async () => {
  const result = await run("pending_updates", "windows", {
    commands: {
      [ps(WINDOWS_PENDING_UPDATES_SCRIPT)]: out(
        "windows",
        "updates_pending_recent.json",
      ),
    },
  });
  assert.equal(result.status, "warn");
  assert.equal(result.actual, "1 security update(s) pending");
});

Deno.test("pending_updates on Windows passes when the search finds nothing", async () => {
  const result = await run("pending_updates", "windows", {
    commands: { [ps(WINDOWS_PENDING_UPDATES_SCRIPT)]: { stdout: "" } },
  });
  assert.equal(result.status, "pass");
});

Deno.test("pending_updates on Windows is unknown when the update service is unreachable", async () => {
  const result = await run("pending_updates", "windows", {
    commands: {
      [ps(WINDOWS_PENDING_UPDATES_SCRIPT)]: {
        stderr: fixture("windows", "updates_search_offline_error.txt"),
        code: 1,
      },
    },
  });
  assert.equal(result.status, "unknown");
  assert.ok(result.evidence.some((e) => /0x8024402C/.test(e)));
});

// --- SUSE -----------------------------------------------------------------------

const leap = osRelease("updates_os_release_leap156.txt");

Deno.test("os_supported ends openSUSE Leap 15.6 after 2026-04-30", async () => {
  const result = await run("os_supported", "linux", { files: leap });
  assert.equal(result.status, "fail");
  assert.match(result.actual, /openSUSE Leap 15\.6.*2026-04-30/);
});

Deno.test("automatic_updates on openSUSE passes the YaST online update job and warns without it", async () => {
  const timerMissing = {
    stderr:
      "Failed to get unit file state for transactional-update.timer: No such file or directory\n",
    code: 1,
  };
  const on = await run("automatic_updates", "linux", {
    files: {
      ...leap,
      "/etc/sysconfig/automatic_online_update": fixture(
        "linux",
        "updates_suse_automatic_online_update.txt",
      ),
    },
    commands: {
      "systemctl is-enabled transactional-update.timer": timerMissing,
    },
  });
  assert.equal(on.status, "pass");

  const off = await run("automatic_updates", "linux", {
    files: leap,
    commands: {
      "systemctl is-enabled transactional-update.timer": timerMissing,
    },
  });
  assert.equal(off.status, "warn");
  assert.equal(off.actual, "No automatic online update is scheduled");
});

const ZYPPER =
  "zypper --non-interactive --xmlout list-patches --category security";

Deno.test("pending_updates on openSUSE reads zypper's XML, exit code 101 included", async () => {
  const result = await run("pending_updates", "linux", {
    files: leap,
    commands: {
      [ZYPPER]: {
        stdout: fixture("linux", "updates_zypper_patches_security.xml"),
        code: 101,
      },
    },
  });
  assert.equal(result.status, "warn");
  assert.match(result.actual, /^2 security update\(s\) pending/);
  assert.ok(result.evidence.includes("openSUSE-SLE-15.6-2026-4211 (high)"));
  assert.ok(result.evidence.includes("openSUSE-SLE-15.6-2026-4302 (lower)"));
});

// zypper's XML ignores --category and, while an update to the package
// manager itself is needed, lists every other patch as blocked; each patch
// carries its issue date.
Deno.test("pending_updates on openSUSE fails an old security patch blocked behind a zypper update", async () => {
  const result = await run("pending_updates", "linux", {
    files: leap,
    commands: {
      [ZYPPER]: {
        stdout: fixture("linux", "updates_zypper_patches_update_stack.xml"),
        code: 101,
      },
    },
  });
  assert.equal(result.status, "fail");
  assert.match(result.actual, /waiting more than 14 days/);
  assert.ok(
    result.evidence.includes(
      "openSUSE-SLE-15.6-2026-4211 (high, released 2026-11-10)",
    ),
  );
  assert.ok(
    !result.evidence.some((e) => /2026-4390|2026-4302|2026-611/.test(e)),
  );
});

Deno.test("pending_updates on openSUSE is unknown when zypper cannot refresh", async () => {
  const result = await run("pending_updates", "linux", {
    files: leap,
    commands: {
      [ZYPPER]: {
        stderr:
          "System management is locked by the application with pid 1893 (zypper).\n",
        code: 7,
      },
    },
  });
  assert.equal(result.status, "unknown");
  assert.match(result.actual, /exited 7/);
});

Deno.test("os_supported says when the end-of-support table is over a year old", async () => {
  const result = await run(
    "os_supported",
    "linux",
    { files: debian },
    "standard",
    () => new Date("2028-01-10T00:00:00Z"),
  );
  assert.ok(
    result.evidence.some((e) => /table is 403 days old/.test(e)),
  );
});
