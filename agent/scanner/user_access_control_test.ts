import assert from "node:assert/strict";
import type { CheckDefinition, ScanPlatform } from "./check.ts";
import { commandKey, POWERSHELL, powershellArgs } from "./probe.ts";
import {
  findCheck,
  fixture,
  type RecordedOutput,
  type Recordings,
  runRecorded,
} from "./recorded_probe.ts";
import {
  userAccessControlChecks,
  WINDOWS_ADMINS_SCRIPT,
  WINDOWS_LOCAL_USERS_SCRIPT,
} from "./user_access_control.ts";

const NOW = () => new Date("2026-12-03T12:00:00Z");

function check(name: string): CheckDefinition {
  return findCheck(userAccessControlChecks, `user_access_control.${name}`);
}

function run(
  name: string,
  platform: ScanPlatform,
  recordings: Recordings,
  mode: "standard" | "strict" = "standard",
) {
  return runRecorded(check(name), platform, recordings, { mode, now: NOW });
}

const out = (
  os: "linux" | "darwin" | "windows",
  name: string,
  code = 0,
): RecordedOutput => ({ stdout: fixture(os, name), code });
const ps = (script: string) => commandKey(POWERSHELL, powershellArgs(script));

// --- Password length: Linux -------------------------------------------------

Deno.test("password_length fails Debian's default pam_unix stack (6 characters, no deny-list)", async () => {
  const result = await run("password_length", "linux", {
    files: {
      "/etc/pam.d/common-password": fixture(
        "linux",
        "uac_common_password_debian.txt",
      ),
      "/etc/login.defs": fixture("linux", "uac_login_defs.txt"),
    },
  });
  assert.equal(result.status, "fail");
  assert.match(result.actual, /pam_unix\.so sets a minimum of 6 characters/);
  assert.match(result.expected, /At least 12 characters/);
});

Deno.test("password_length passes pam_pwquality with its default minlen 8 and dictionary check", async () => {
  const result = await run("password_length", "linux", {
    files: {
      "/etc/pam.d/common-password": fixture(
        "linux",
        "uac_common_password_pwquality.txt",
      ),
      "/etc/security/pwquality.conf": fixture(
        "linux",
        "uac_pwquality_default.conf",
      ),
    },
  });
  assert.equal(result.status, "pass");
  assert.match(
    result.actual,
    /minimum of 8 characters, common passwords blocked/,
  );
});

Deno.test("password_length in strict mode needs 12 even with pwquality's deny-list", async () => {
  const files = {
    "/etc/pam.d/common-password": fixture(
      "linux",
      "uac_common_password_pwquality.txt",
    ),
    "/etc/security/pwquality.conf": fixture(
      "linux",
      "uac_pwquality_default.conf",
    ),
  };
  const strict = await run("password_length", "linux", { files }, "strict");
  assert.equal(strict.status, "fail");

  const twelve = await run("password_length", "linux", {
    files: {
      ...files,
      "/etc/security/pwquality.conf": fixture(
        "linux",
        "uac_pwquality_minlen12.conf",
      ),
    },
  }, "strict");
  assert.equal(twelve.status, "pass");
});

Deno.test("password_length lets a pwquality.conf.d drop-in override the main file", async () => {
  const result = await run("password_length", "linux", {
    files: {
      "/etc/pam.d/common-password": fixture(
        "linux",
        "uac_common_password_pwquality.txt",
      ),
      "/etc/security/pwquality.conf": fixture(
        "linux",
        "uac_pwquality_minlen12.conf",
      ),
      "/etc/security/pwquality.conf.d/50-weak.conf": "minlen = 6\n",
    },
    dirs: { "/etc/security/pwquality.conf.d": ["50-weak.conf"] },
  });
  assert.equal(result.status, "fail");
  assert.match(result.actual, /minimum of 6 characters/);
});

Deno.test("password_length counts positive pwquality credits against minlen", async () => {
  const result = await run("password_length", "linux", {
    files: {
      "/etc/pam.d/common-password": fixture(
        "linux",
        "uac_common_password_pwquality.txt",
      ),
      "/etc/security/pwquality.conf": fixture(
        "linux",
        "uac_pwquality_credits.conf",
      ),
    },
  });
  // minlen 9 with two one-point credits accepts 7 characters, and
  // dictcheck = 0 removes the deny-list.
  assert.equal(result.status, "fail");
  assert.match(result.actual, /minimum of 7 characters, no block/);
});

Deno.test("password_length reads Red Hat's system-auth and pam_pwquality's own minlen argument", async () => {
  const result = await run("password_length", "linux", {
    files: {
      "/etc/pam.d/system-auth": fixture("linux", "uac_system_auth_rhel9.txt"),
      "/etc/security/pwquality.conf": fixture(
        "linux",
        "uac_pwquality_default.conf",
      ),
    },
  });
  assert.equal(result.status, "pass");
  assert.match(result.actual, /minimum of 14 characters/);
});

Deno.test("password_length treats a non-enforcing pwquality as absent", async () => {
  const result = await run("password_length", "linux", {
    files: {
      "/etc/pam.d/common-password": fixture(
        "linux",
        "uac_common_password_pwquality.txt",
      ),
      "/etc/security/pwquality.conf": "minlen = 14\nenforcing = 0\n",
    },
  });
  assert.equal(result.status, "fail");
  assert.ok(result.evidence.some((e) => /only warns/.test(e)));
});

Deno.test("password_length is unknown when no PAM password stack can be read", async () => {
  const result = await run("password_length", "linux", {
    files: {
      "/etc/pam.d/common-password": { failure: "denied" },
    },
  });
  assert.equal(result.status, "unknown");
  assert.match(result.actual, /permission denied/);
});

// --- Password length: macOS and Windows -------------------------------------

Deno.test("password_length on macOS passes a 12-character pwpolicy", async () => {
  const result = await run("password_length", "darwin", {
    commands: {
      "pwpolicy -getaccountpolicies": out(
        "darwin",
        "uac_pwpolicy_minlength12.txt",
      ),
    },
  });
  assert.equal(result.status, "pass");
  assert.match(result.actual, /minimum of 12 characters/);
});

// A passcode profile from MDM names its rules "ProfilePayload:<uuid>:..."
// and carries localised descriptions, with the length only in the pattern.
Deno.test("password_length on macOS reads the length a passcode profile sets", async () => {
  const result = await run("password_length", "darwin", {
    commands: {
      "pwpolicy -getaccountpolicies": out("darwin", "uac_pwpolicy_profile.txt"),
    },
  });
  assert.equal(result.status, "pass");
  assert.match(result.actual, /minimum of 12 characters/);
});

Deno.test("password_length on macOS fails 8 characters, as macOS has no deny-list", async () => {
  const result = await run("password_length", "darwin", {
    commands: {
      "pwpolicy -getaccountpolicies": out(
        "darwin",
        "uac_pwpolicy_minchars8.txt",
      ),
    },
  });
  assert.equal(result.status, "fail");
});

Deno.test("password_length on macOS fails when no account policy is set", async () => {
  const result = await run("password_length", "darwin", {
    commands: {
      "pwpolicy -getaccountpolicies": out("darwin", "uac_pwpolicy_none.txt"),
    },
  });
  assert.equal(result.status, "fail");
  assert.match(result.actual, /no minimum length/);
});

Deno.test("password_length on macOS is unknown when pwpolicy prints garbage", async () => {
  const result = await run("password_length", "darwin", {
    commands: {
      "pwpolicy -getaccountpolicies": {
        stdout: "Getting global account policies\n<plist><dict><key>x",
      },
    },
  });
  assert.equal(result.status, "unknown");
});

Deno.test("password_length on Windows fails the default policy and passes 14", async () => {
  const weak = await run("password_length", "windows", {
    commands: {
      "net accounts": out("windows", "uac_net_accounts_default.txt"),
    },
  });
  assert.equal(weak.status, "fail");
  assert.match(weak.actual, /no minimum length/);

  const strong = await run("password_length", "windows", {
    commands: {
      "net accounts": out("windows", "uac_net_accounts_minlen14.txt"),
    },
  });
  assert.equal(strong.status, "pass");
});

Deno.test("password_length on an Entra-joined Windows device judges Entra ID's policy", async () => {
  const recordings = {
    commands: {
      "net accounts": out("windows", "uac_net_accounts_default.txt"),
      "dsregcmd /status": out("windows", "uac_dsregcmd_entra_joined.txt"),
    },
  };
  const standard = await run("password_length", "windows", recordings);
  assert.equal(standard.status, "pass");
  assert.match(standard.actual, /^Microsoft Entra ID sets a minimum of 8/);
  assert.ok(standard.evidence.includes("dsregcmd: AzureAdJoined YES"));

  // Strict mode wants 12 characters even with a banned-password list.
  const strict = await run("password_length", "windows", recordings, "strict");
  assert.equal(strict.status, "fail");
});

Deno.test("password_length on a workgroup Windows device judges the local policy", async () => {
  const result = await run("password_length", "windows", {
    commands: {
      "net accounts": out("windows", "uac_net_accounts_default.txt"),
      "dsregcmd /status": out("windows", "uac_dsregcmd_workgroup.txt"),
    },
  });
  assert.equal(result.status, "fail");
  assert.ok(result.evidence.includes("dsregcmd: AzureAdJoined NO"));
});

Deno.test("password_length on Windows is unknown when net accounts is denied", async () => {
  const result = await run("password_length", "windows", {
    commands: {
      "net accounts": {
        stdout: fixture("windows", "uac_net_accounts_denied.txt"),
        code: 2,
      },
    },
  });
  assert.equal(result.status, "unknown");
  assert.ok(result.evidence.some((e) => /System error 5/.test(e)));
});

// --- Password rules (information) -------------------------------------------

Deno.test("password_rules is information only on every platform", async () => {
  const linux = await run("password_rules", "linux", {
    files: { "/etc/login.defs": fixture("linux", "uac_login_defs.txt") },
  });
  const windows = await run("password_rules", "windows", {
    commands: {
      "net accounts": out("windows", "uac_net_accounts_default.txt"),
    },
  });
  const darwin = await run("password_rules", "darwin", {
    commands: {
      "pwpolicy -getaccountpolicies": out(
        "darwin",
        "uac_pwpolicy_minlength12.txt",
      ),
    },
  });
  assert.equal(linux.status, "info");
  assert.ok(linux.evidence.includes("login.defs PASS_MAX_DAYS=99999"));
  assert.equal(windows.status, "info");
  assert.ok(
    windows.evidence.includes("net accounts: Maximum password age (days) = 42"),
  );
  assert.equal(darwin.status, "info");
  assert.ok(
    darwin.evidence.some((e) => /maxMinutesUntilChangePassword/.test(e)),
  );
});

// --- Admin separation --------------------------------------------------------

const linuxAccounts = {
  "/etc/passwd": fixture("linux", "uac_passwd.txt"),
  "/etc/group": fixture("linux", "uac_group.txt"),
};

// A desktop machine: it has graphical sessions someone could work in.
const desktopSessions = {
  "/usr/share/xsessions": ["gnome-xorg.desktop"],
  "/usr/share/wayland-sessions": ["gnome.desktop"],
};

Deno.test("admin_separation on Linux warns when the console user is in sudo, fails in strict", async () => {
  const recordings = {
    files: linuxAccounts,
    dirs: desktopSessions,
    commands: { who: out("linux", "uac_who_console_alice.txt") },
  };
  const standard = await run("admin_separation", "linux", recordings);
  const strict = await run("admin_separation", "linux", recordings, "strict");
  assert.equal(standard.status, "warn");
  assert.equal(strict.status, "fail");
  assert.match(standard.actual, /alice is an administrator/);
  assert.ok(standard.evidence.includes("Administrators: alice, root"));
});

Deno.test("admin_separation on Linux passes when the console user is a standard user", async () => {
  const result = await run("admin_separation", "linux", {
    files: linuxAccounts,
    dirs: desktopSessions,
    commands: { who: out("linux", "uac_who_console_bob.txt") },
  });
  assert.equal(result.status, "pass");
  assert.match(result.actual, /bob has no admin rights/);
});

Deno.test("admin_separation on Linux counts a sudoers.d grant as admin rights", async () => {
  const result = await run("admin_separation", "linux", {
    files: {
      ...linuxAccounts,
      "/etc/sudoers": fixture("linux", "uac_sudoers_debian.txt"),
      "/etc/sudoers.d/90-cloud-init-users": fixture(
        "linux",
        "uac_sudoers_d_cloud_init.txt",
      ),
      "/etc/sudoers.d/README": "# Files in this directory are read by sudo\n",
    },
    dirs: {
      ...desktopSessions,
      "/etc/sudoers.d": ["90-cloud-init-users", "README"],
    },
    commands: { who: out("linux", "uac_who_console_bob.txt") },
  });
  assert.equal(result.status, "warn");
  assert.match(result.actual, /bob is an administrator/);
  assert.ok(
    result.evidence.includes("sudoers grants ALL to: root, bob, %sudo"),
  );
});

Deno.test("admin_separation on Linux with nobody signed in warns when every person is an admin", async () => {
  const all = await run("admin_separation", "linux", {
    files: {
      ...linuxAccounts,
      "/etc/group": fixture("linux", "uac_group_all_admins.txt"),
    },
    dirs: desktopSessions,
    commands: { who: { stdout: "" } },
  });
  assert.equal(all.status, "warn");
  assert.match(all.actual, /no standard account/);

  const some = await run("admin_separation", "linux", {
    files: linuxAccounts,
    dirs: desktopSessions,
    commands: { who: { stdout: "" } },
  });
  assert.equal(some.status, "pass");
  assert.match(some.actual, /standard accounts exist: bob, carol/);
});

Deno.test("admin_separation passes a Linux server without a desktop, where all work is administration", async () => {
  const result = await run("admin_separation", "linux", {
    files: {
      ...linuxAccounts,
      "/etc/group": fixture("linux", "uac_group_all_admins.txt"),
    },
    commands: { who: { stdout: "" } },
  });
  assert.equal(result.status, "pass");
  assert.match(result.actual, /used only for administration/);
});

Deno.test("admin_separation on Linux is unknown when /etc/group cannot be read", async () => {
  const result = await run("admin_separation", "linux", {
    files: {
      "/etc/passwd": fixture("linux", "uac_passwd.txt"),
      "/etc/group": { failure: "denied" },
    },
  });
  assert.equal(result.status, "unknown");
});

Deno.test("admin_separation on macOS warns for an admin at the console and passes otherwise", async () => {
  const base = {
    "dscl . -list /Users UniqueID": out("darwin", "uac_dscl_users.txt"),
    "stat -f %Su /dev/console": out("darwin", "uac_stat_console_alice.txt"),
  };
  const admin = await run("admin_separation", "darwin", {
    commands: {
      ...base,
      "dscl . -read /Groups/admin GroupMembership": out(
        "darwin",
        "uac_dscl_admin_group.txt",
      ),
    },
  });
  assert.equal(admin.status, "warn");

  const separate = await run("admin_separation", "darwin", {
    commands: {
      ...base,
      "dscl . -read /Groups/admin GroupMembership": out(
        "darwin",
        "uac_dscl_admin_group_separate.txt",
      ),
    },
  });
  assert.equal(separate.status, "pass");
});

Deno.test("admin_separation on macOS at the login window judges the accounts", async () => {
  const result = await run("admin_separation", "darwin", {
    commands: {
      "dscl . -list /Users UniqueID": out("darwin", "uac_dscl_users.txt"),
      "stat -f %Su /dev/console": out("darwin", "uac_stat_console_root.txt"),
      "dscl . -read /Groups/admin GroupMembership": out(
        "darwin",
        "uac_dscl_admin_group_separate.txt",
      ),
    },
  });
  assert.equal(result.status, "pass");
  assert.match(result.actual, /Nobody is signed in/);
});

Deno.test("admin_separation on Windows compares the console user with Administrators", async () => {
  const users = out("windows", "uac_local_users.json");
  const admin = await run("admin_separation", "windows", {
    commands: {
      [ps(WINDOWS_ADMINS_SCRIPT)]: out(
        "windows",
        "uac_admins_console_alice.json",
      ),
      [ps(WINDOWS_LOCAL_USERS_SCRIPT)]: users,
    },
  });
  assert.equal(admin.status, "warn");
  assert.match(admin.actual, /DESKTOP-7Q2K1\\alice is an administrator/);

  // Windows may report the console user in another case.
  const separate = await run("admin_separation", "windows", {
    commands: {
      [ps(WINDOWS_ADMINS_SCRIPT)]: out("windows", "uac_admins_separate.json"),
      [ps(WINDOWS_LOCAL_USERS_SCRIPT)]: users,
    },
  });
  assert.equal(separate.status, "pass");
});

Deno.test("admin_separation on Windows is unknown when Get-LocalGroupMember fails", async () => {
  const result = await run("admin_separation", "windows", {
    commands: {
      [ps(WINDOWS_ADMINS_SCRIPT)]: {
        stderr: fixture("windows", "uac_admins_orphaned_sid_error.txt"),
        code: 1,
      },
    },
  });
  assert.equal(result.status, "unknown");
  assert.ok(result.evidence.some((e) => /Failed to compare/.test(e)));
});

// --- Built-in administrator ------------------------------------------------

Deno.test("builtin_admin on Linux passes a locked root and warns on a root password", async () => {
  const locked = await run("builtin_admin", "linux", {
    files: {
      "/etc/shadow": fixture("linux", "uac_shadow_root_locked.txt"),
    },
  });
  assert.equal(locked.status, "pass");

  const open = await run("builtin_admin", "linux", {
    files: {
      "/etc/shadow": fixture("linux", "uac_shadow_root_password.txt"),
    },
  });
  assert.equal(open.status, "warn");
  assert.ok(open.evidence.some((e) => /holds a password hash/.test(e)));
  assert.ok(!open.evidence.some((e) => e.includes("$y$")));
});

Deno.test("builtin_admin on Linux is unknown without permission to read /etc/shadow", async () => {
  const result = await run("builtin_admin", "linux", {
    files: { "/etc/shadow": { failure: "denied" } },
  });
  assert.equal(result.status, "unknown");
});

Deno.test("builtin_admin on macOS passes a disabled root and warns on an enabled one", async () => {
  const disabled = await run("builtin_admin", "darwin", {
    commands: {
      "dscl . -read /Users/root AuthenticationAuthority": {
        stdout: "",
        stderr: "No such key: AuthenticationAuthority\n",
        code: 181,
      },
    },
  });
  assert.equal(disabled.status, "pass");

  const enabled = await run("builtin_admin", "darwin", {
    commands: {
      "dscl . -read /Users/root AuthenticationAuthority": out(
        "darwin",
        "uac_dscl_root_enabled.txt",
      ),
    },
  });
  assert.equal(enabled.status, "warn");
});

Deno.test("builtin_admin on Windows passes disabled or renamed and flags an enabled Administrator", async () => {
  const key = ps(WINDOWS_LOCAL_USERS_SCRIPT);
  const disabled = await run("builtin_admin", "windows", {
    commands: { [key]: out("windows", "uac_local_users.json") },
  });
  assert.equal(disabled.status, "pass");
  assert.match(disabled.actual, /disabled/);

  const renamed = await run("builtin_admin", "windows", {
    commands: { [key]: out("windows", "uac_local_users_admin_renamed.json") },
  });
  assert.equal(renamed.status, "pass");
  assert.match(renamed.actual, /renamed to localsupport/);

  const enabled = await run("builtin_admin", "windows", {
    commands: { [key]: out("windows", "uac_local_users_admin_enabled.json") },
  }, "strict");
  assert.equal(enabled.status, "fail");
});

Deno.test("builtin_admin on Windows is unknown when Get-LocalUser prints no JSON", async () => {
  const result = await run("builtin_admin", "windows", {
    commands: {
      [ps(WINDOWS_LOCAL_USERS_SCRIPT)]: {
        stdout: "Name Enabled\n---- -------",
      },
    },
  });
  assert.equal(result.status, "unknown");
});

// --- Inactive accounts -------------------------------------------------------

Deno.test("inactive_accounts on Linux flags carol, last seen in June", async () => {
  const result = await run("inactive_accounts", "linux", {
    files: {
      ...linuxAccounts,
      "/etc/shadow": fixture("linux", "uac_shadow_root_locked.txt"),
    },
    commands: { lastlog: out("linux", "uac_lastlog.txt") },
  });
  assert.equal(result.status, "warn");
  assert.match(
    result.actual,
    /1 enabled account\(s\) unused for over 90 days: carol/,
  );
  assert.ok(
    result.evidence.includes(
      "carol: last login 2026-06-12T08:03:27.000Z, " +
        "set up 2024-03-18",
    ),
  );
});

Deno.test("inactive_accounts on Linux falls back to lastlog2 and fails in strict mode", async () => {
  const result = await run("inactive_accounts", "linux", {
    files: linuxAccounts,
    commands: { lastlog2: out("linux", "uac_lastlog.txt") },
  }, "strict");
  assert.equal(result.status, "fail");
  assert.ok(result.evidence.some((e) => /set-up dates unknown/.test(e)));
});

Deno.test("inactive_accounts on Linux is unknown when lastlog times out", async () => {
  const result = await run("inactive_accounts", "linux", {
    files: linuxAccounts,
    commands: { lastlog: { failure: "timeout" } },
  });
  assert.equal(result.status, "unknown");
  assert.match(result.actual, /timed out/);
});

Deno.test("inactive_accounts on macOS flags a user absent from a long login record", async () => {
  const result = await run("inactive_accounts", "darwin", {
    commands: {
      "dscl . -list /Users UniqueID": out("darwin", "uac_dscl_users.txt"),
      last: out("darwin", "uac_last.txt"),
    },
  });
  assert.equal(result.status, "warn");
  assert.match(result.actual, /: olduser$/);
  assert.ok(
    result.evidence.includes("alice: last login 2026-12-03T09:12:00.000Z"),
  );
});

Deno.test("inactive_accounts on Windows flags an enabled account last used in April", async () => {
  const result = await run("inactive_accounts", "windows", {
    commands: {
      [ps(WINDOWS_LOCAL_USERS_SCRIPT)]: out("windows", "uac_local_users.json"),
    },
  });
  assert.equal(result.status, "warn");
  assert.match(result.actual, /temp-contractor$/);
});

Deno.test("inactive_accounts on Windows reads PowerShell 5.1 /Date()/ values", async () => {
  const result = await run("inactive_accounts", "windows", {
    commands: {
      [ps(WINDOWS_LOCAL_USERS_SCRIPT)]: out(
        "windows",
        "uac_local_users_admin_enabled.json",
      ),
    },
  });
  assert.equal(result.status, "pass");
  assert.ok(
    result.evidence.includes(
      "Administrator: last login 2026-12-03T08:00:00.000Z, set up 2025-03-14",
    ),
  );
});
