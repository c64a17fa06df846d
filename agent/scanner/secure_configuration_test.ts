import assert from "node:assert/strict";
import { WINDOWS_VERSION_SCRIPT } from "./host.ts";
import { commandKey, POWERSHELL, powershellArgs } from "./probe.ts";
import {
  fixture,
  type RecordedOutput,
  type Recordings,
  runRecorded,
} from "./recorded_probe.ts";
import {
  autorunCheck,
  bruteForceCheck,
  diskEncryptionCheck,
  emptyPasswordsCheck,
  guestAccountCheck,
  listeningServicesCheck,
  remoteLoginCheck,
  screenLockCheck,
  WINDOWS_BITLOCKER_SCRIPT,
  WINDOWS_EXPLORER_POLICY_KEY,
  WINDOWS_LISTENERS_SCRIPT,
  WINDOWS_RDP_TCP_KEY,
  WINDOWS_SCREEN_SAVER_SCRIPT,
  WINDOWS_SYSTEM_POLICY_KEY,
  WINDOWS_TERMINAL_SERVER_KEY,
} from "./secure_configuration.ts";
import { WINDOWS_LOCAL_USERS_SCRIPT } from "./system_settings.ts";

const ps = (script: string) => commandKey(POWERSHELL, powershellArgs(script));
const out = (os: "linux" | "darwin" | "windows", name: string) => ({
  stdout: fixture(os, name),
});
const regKey = (key: string) => `reg query ${key}`;
const regMissing: RecordedOutput = {
  stderr: fixture("windows", "sc_reg_missing_stderr.txt"),
  code: 1,
};

// --- Guest account --------------------------------------------------------

Deno.test("guest account on Windows passes when SID -501 is disabled", async () => {
  const result = await runRecorded(guestAccountCheck, "windows", {
    commands: {
      [ps(WINDOWS_LOCAL_USERS_SCRIPT)]: out("windows", "sc_local_users.json"),
    },
  });

  assert.equal(result.status, "pass");
  assert.match(result.evidence[0], /-501\): Enabled=false/);
});

Deno.test("guest account on Windows fails when the renamed guest is enabled", async () => {
  const result = await runRecorded(guestAccountCheck, "windows", {
    commands: {
      [ps(WINDOWS_LOCAL_USERS_SCRIPT)]: out(
        "windows",
        "sc_local_users_guest_enabled.json",
      ),
    },
  });

  assert.equal(result.status, "fail");
  assert.match(result.actual, /"Visitor" is enabled/);
});

Deno.test("guest account on Windows is unknown when Get-LocalUser is missing", async () => {
  const result = await runRecorded(guestAccountCheck, "windows", {
    commands: {
      [ps(WINDOWS_LOCAL_USERS_SCRIPT)]: {
        stderr: "Get-LocalUser : The term 'Get-LocalUser' is not recognized " +
          "as the name of a cmdlet, function, script file, or operable program.",
        code: 1,
      },
    },
  });

  assert.equal(result.status, "unknown");
  assert.match(result.evidence.join(" "), /not recognized/);
});

const macGuest = (recorded: RecordedOutput): Recordings => ({
  commands: {
    "defaults read /Library/Preferences/com.apple.loginwindow GuestEnabled":
      recorded,
  },
});

Deno.test("guest account on macOS follows GuestEnabled", async () => {
  const off = await runRecorded(
    guestAccountCheck,
    "darwin",
    macGuest(out("darwin", "sc_defaults_guest_0.txt")),
  );
  const on = await runRecorded(
    guestAccountCheck,
    "darwin",
    macGuest(out("darwin", "sc_defaults_guest_1.txt")),
  );

  assert.equal(off.status, "pass");
  assert.equal(on.status, "fail");
});

Deno.test("guest account on macOS passes when GuestEnabled was never written", async () => {
  const result = await runRecorded(
    guestAccountCheck,
    "darwin",
    macGuest({
      stderr: fixture("darwin", "sc_defaults_guest_missing_stderr.txt"),
      code: 1,
    }),
  );

  assert.equal(result.status, "pass");
});

Deno.test("guest account on macOS is unknown for an odd value", async () => {
  const result = await runRecorded(
    guestAccountCheck,
    "darwin",
    macGuest({ stdout: "maybe\n" }),
  );

  assert.equal(result.status, "unknown");
});

const linuxAccounts = (shadow: string, extra: Recordings["files"] = {}) => ({
  files: {
    "/etc/passwd": fixture("linux", "sc_passwd.txt"),
    "/etc/shadow": fixture("linux", shadow),
    ...extra,
  },
});

Deno.test("guest account on Linux passes when the guest account is locked", async () => {
  const result = await runRecorded(
    guestAccountCheck,
    "linux",
    linuxAccounts("sc_shadow_ok.txt"),
  );

  assert.equal(result.status, "pass");
  assert.deepEqual(result.evidence, ["Account guest is locked"]);
});

Deno.test("guest account on Linux fails a usable guest account", async () => {
  const result = await runRecorded(
    guestAccountCheck,
    "linux",
    linuxAccounts("sc_shadow_empty.txt"),
  );

  assert.equal(result.status, "fail");
});

Deno.test("guest account on Linux fails a LightDM guest session", async () => {
  const result = await runRecorded(
    guestAccountCheck,
    "linux",
    linuxAccounts("sc_shadow_ok.txt", {
      "/etc/lightdm/lightdm.conf": fixture("linux", "sc_lightdm_guest.conf"),
    }),
  );

  assert.equal(result.status, "fail");
  assert.ok(result.evidence.includes(
    "/etc/lightdm/lightdm.conf [Seat:*] allow-guest=true",
  ));
});

Deno.test("guest account on Linux is unknown when shadow is unreadable", async () => {
  const result = await runRecorded(guestAccountCheck, "linux", {
    files: {
      "/etc/passwd": fixture("linux", "sc_passwd.txt"),
      "/etc/shadow": { failure: "denied" },
    },
  });

  assert.equal(result.status, "unknown");
  assert.match(result.actual, /permission denied/);
});

// --- Empty passwords ------------------------------------------------------

Deno.test("empty passwords on Linux fail only accounts that can log in", async () => {
  const result = await runRecorded(
    emptyPasswordsCheck,
    "linux",
    linuxAccounts("sc_shadow_empty.txt"),
  );

  assert.equal(result.status, "fail");
  assert.match(result.actual, /can log in: kiosk$/);
  assert.ok(result.evidence.some((e) => e.startsWith("backup: empty")));
});

Deno.test("empty passwords on Linux pass an expired password-less account", async () => {
  const result = await runRecorded(
    emptyPasswordsCheck,
    "linux",
    linuxAccounts("sc_shadow_empty_expired.txt"),
  );

  assert.equal(result.status, "pass");
  assert.match(result.evidence[0], /kiosk: empty password.*expired/);
});

Deno.test("empty passwords on Linux pass hashed and locked accounts", async () => {
  const result = await runRecorded(
    emptyPasswordsCheck,
    "linux",
    linuxAccounts("sc_shadow_ok.txt"),
  );

  assert.equal(result.status, "pass");
});

Deno.test("empty passwords on Linux are unknown without shadow", async () => {
  const result = await runRecorded(emptyPasswordsCheck, "linux", {
    files: { "/etc/passwd": fixture("linux", "sc_passwd.txt") },
  });

  assert.equal(result.status, "unknown");
});

Deno.test("empty passwords on Windows fail enabled accounts without PasswordRequired", async () => {
  const ok = await runRecorded(emptyPasswordsCheck, "windows", {
    commands: {
      [ps(WINDOWS_LOCAL_USERS_SCRIPT)]: out("windows", "sc_local_users.json"),
    },
  });
  const bad = await runRecorded(emptyPasswordsCheck, "windows", {
    commands: {
      [ps(WINDOWS_LOCAL_USERS_SCRIPT)]: out(
        "windows",
        "sc_local_users_guest_enabled.json",
      ),
    },
  });

  assert.equal(ok.status, "pass");
  assert.equal(bad.status, "fail");
  assert.match(bad.actual, /Visitor, frontdesk/);
});

Deno.test("empty passwords on macOS are not applicable, with the reason", async () => {
  const result = await runRecorded(emptyPasswordsCheck, "darwin", {});

  assert.equal(result.status, "not_applicable");
  assert.match(result.actual, /lockout/);
});

// --- Auto-run -------------------------------------------------------------

Deno.test("autorun on Windows passes with NoDriveTypeAutoRun 0xff", async () => {
  const result = await runRecorded(autorunCheck, "windows", {
    commands: {
      [regKey(WINDOWS_EXPLORER_POLICY_KEY)]: out(
        "windows",
        "sc_reg_explorer_autorun_off.txt",
      ),
    },
  });

  assert.equal(result.status, "pass");
  assert.deepEqual(result.evidence, [
    "NoDriveTypeAutoRun = 0xff",
    "NoAutorun = 1",
  ]);
});

Deno.test("autorun on Windows fails the 0x91 default and a missing key", async () => {
  const partial = await runRecorded(autorunCheck, "windows", {
    commands: {
      [regKey(WINDOWS_EXPLORER_POLICY_KEY)]: out(
        "windows",
        "sc_reg_explorer_default.txt",
      ),
    },
  });
  const missing = await runRecorded(autorunCheck, "windows", {
    commands: { [regKey(WINDOWS_EXPLORER_POLICY_KEY)]: regMissing },
  });

  assert.equal(partial.status, "fail");
  assert.equal(missing.status, "fail");
  assert.deepEqual(missing.evidence, [
    "NoDriveTypeAutoRun = not set",
    "NoAutorun = not set",
  ]);
});

Deno.test("autorun on Windows is unknown when reg is denied", async () => {
  const result = await runRecorded(autorunCheck, "windows", {
    commands: {
      [regKey(WINDOWS_EXPLORER_POLICY_KEY)]: {
        stderr: fixture("windows", "sc_reg_denied_stderr.txt"),
        code: 1,
      },
    },
  });

  assert.equal(result.status, "unknown");
  assert.match(result.evidence.join(" "), /Access is denied/);
});

const desktop = {
  "/usr/share/xsessions": ["gnome.desktop", "gnome-xorg.desktop"],
};

Deno.test("autorun on a Linux server without a desktop is not applicable", async () => {
  const result = await runRecorded(autorunCheck, "linux", {});

  assert.equal(result.status, "not_applicable");
});

Deno.test("autorun on a GNOME desktop follows gsettings", async () => {
  const key = "gsettings get org.gnome.desktop.media-handling autorun-never";
  const never = await runRecorded(autorunCheck, "linux", {
    dirs: desktop,
    commands: { [key]: { stdout: "true\n" } },
  });
  const ask = await runRecorded(autorunCheck, "linux", {
    dirs: desktop,
    commands: { [key]: { stdout: "false\n" } },
  });

  assert.equal(never.status, "pass");
  assert.equal(ask.status, "fail");
});

Deno.test("autorun on a GNOME desktop prefers the system dconf database", async () => {
  const result = await runRecorded(autorunCheck, "linux", {
    dirs: {
      ...desktop,
      "/etc/dconf/db": ["local", "local.d"],
      "/etc/dconf/db/local.d": ["00-lockdown"],
    },
    files: {
      "/etc/dconf/db/local.d/00-lockdown": fixture(
        "linux",
        "sc_dconf_local_lockdown.txt",
      ),
    },
    commands: {
      "gsettings get org.gnome.desktop.media-handling autorun-never": {
        stdout: "false\n",
      },
    },
  });

  assert.equal(result.status, "pass");
  assert.deepEqual(result.evidence, [
    "/etc/dconf/db/local.d/00-lockdown: autorun-never=true",
  ]);
});

Deno.test("autorun on a desktop that is not GNOME is unknown", async () => {
  const result = await runRecorded(autorunCheck, "linux", {
    dirs: { "/usr/share/xsessions": ["plasma.desktop"] },
  });

  assert.equal(result.status, "unknown");
  assert.match(result.evidence.join(" "), /gsettings/);
});

Deno.test("autorun on macOS is not applicable", async () => {
  const result = await runRecorded(autorunCheck, "darwin", {});

  assert.equal(result.status, "not_applicable");
});

// --- Screen lock ----------------------------------------------------------

Deno.test("screen lock on Windows passes with a machine inactivity limit", async () => {
  const result = await runRecorded(screenLockCheck, "windows", {
    commands: {
      [regKey(WINDOWS_SYSTEM_POLICY_KEY)]: out(
        "windows",
        "sc_reg_system_inactivity.txt",
      ),
    },
  });

  assert.equal(result.status, "pass");
  assert.match(result.actual, /900 s/);
});

const screenSaver = (saver: string): Recordings => ({
  commands: {
    [regKey(WINDOWS_SYSTEM_POLICY_KEY)]: out(
      "windows",
      "sc_reg_system_default.txt",
    ),
    [ps(WINDOWS_SCREEN_SAVER_SCRIPT)]: out("windows", saver),
  },
});

Deno.test("screen lock on Windows reads the console user's secure screen saver", async () => {
  const result = await runRecorded(
    screenLockCheck,
    "windows",
    screenSaver("sc_screensaver_console_secure.json"),
  );

  assert.equal(result.status, "pass");
  assert.match(result.evidence[1], /^Screen saver of CONTOSO\\alice: /);
});

Deno.test("screen lock on Windows accepts the screen saver policy", async () => {
  const result = await runRecorded(
    screenLockCheck,
    "windows",
    screenSaver("sc_screensaver_policy_secure.json"),
  );

  assert.equal(result.status, "pass");
});

Deno.test("screen lock on Windows fails when nothing locks the device", async () => {
  const result = await runRecorded(
    screenLockCheck,
    "windows",
    screenSaver("sc_screensaver_nobody_insecure.json"),
  );

  assert.equal(result.status, "fail");
  assert.deepEqual(result.evidence, [
    "InactivityTimeoutSecs = not set",
    "Screen saver of the current user: ScreenSaveActive = 1, " +
    "ScreenSaverIsSecure = not set, ScreenSaveTimeOut = not set",
    "Screen saver policy: ScreenSaveActive = not set, " +
    "ScreenSaverIsSecure = not set",
  ]);
});

Deno.test("screen lock on Windows is unknown when the screen saver cannot be read", async () => {
  const result = await runRecorded(screenLockCheck, "windows", {
    commands: {
      [regKey(WINDOWS_SYSTEM_POLICY_KEY)]: regMissing,
      [ps(WINDOWS_SCREEN_SAVER_SCRIPT)]: { failure: "timeout" },
    },
  });

  assert.equal(result.status, "unknown");
});

Deno.test("screen lock on Windows Server Core is not applicable", async () => {
  const result = await runRecorded(screenLockCheck, "windows", {
    commands: {
      [ps(WINDOWS_VERSION_SCRIPT)]: {
        stdout:
          '{\r\n    "ProductName":  "Windows Server 2022 Datacenter",\r\n' +
          '    "DisplayVersion":  "21H2",\r\n    "ReleaseId":  "2009",\r\n' +
          '    "CurrentBuild":  "20348",\r\n    "UBR":  2582,\r\n' +
          '    "EditionID":  "ServerDatacenter",\r\n' +
          '    "InstallationType":  "Server Core"\r\n}\r\n',
      },
    },
  });

  assert.equal(result.status, "not_applicable");
});

const sysadminctl = (name: string): Recordings => ({
  commands: {
    "sysadminctl -screenLock status": { stderr: fixture("darwin", name) },
  },
});

Deno.test("screen lock on macOS follows sysadminctl", async () => {
  const on = await runRecorded(
    screenLockCheck,
    "darwin",
    sysadminctl("sc_sysadminctl_screenlock_immediate_stderr.txt"),
  );
  const off = await runRecorded(
    screenLockCheck,
    "darwin",
    sysadminctl("sc_sysadminctl_screenlock_off_stderr.txt"),
  );

  assert.equal(on.status, "pass");
  assert.equal(off.status, "fail");
});

Deno.test("screen lock on macOS falls back to askForPassword, else unknown", async () => {
  const legacy = await runRecorded(screenLockCheck, "darwin", {
    commands: {
      "sysadminctl -screenLock status": { stderr: "", code: 1 },
      "defaults read com.apple.screensaver askForPassword": { stdout: "1\n" },
    },
  });
  const neither = await runRecorded(screenLockCheck, "darwin", {
    commands: { "sysadminctl -screenLock status": { failure: "timeout" } },
  });

  assert.equal(legacy.status, "pass");
  assert.equal(neither.status, "unknown");
});

Deno.test("screen lock on GNOME fails when the system database turns it off", async () => {
  const result = await runRecorded(screenLockCheck, "linux", {
    dirs: {
      ...desktop,
      "/etc/dconf/db": ["local.d"],
      "/etc/dconf/db/local.d": ["00-lockdown"],
    },
    files: {
      "/etc/dconf/db/local.d/00-lockdown": fixture(
        "linux",
        "sc_dconf_local_lockdown.txt",
      ),
    },
    commands: {
      "gsettings get org.gnome.desktop.session idle-delay": {
        stdout: "uint32 300\n",
      },
    },
  });

  assert.equal(result.status, "fail");
  assert.ok(result.evidence.includes("idle-delay = uint32 300"));
});

Deno.test("screen lock on GNOME passes with lock-enabled true", async () => {
  const result = await runRecorded(screenLockCheck, "linux", {
    dirs: desktop,
    commands: {
      "gsettings get org.gnome.desktop.screensaver lock-enabled": {
        stdout: "true\n",
      },
    },
  });

  assert.equal(result.status, "pass");
});

Deno.test("screen lock on a Linux server is not applicable", async () => {
  const result = await runRecorded(screenLockCheck, "linux", {
    dirs: { "/usr/share/xsessions": [] },
  });

  assert.equal(result.status, "not_applicable");
});

// --- Brute force ----------------------------------------------------------

const netAccounts = (name: string): Recordings => ({
  commands: { "net accounts": out("windows", name) },
});

Deno.test("brute force on Windows follows the lockout threshold and the mode", async () => {
  const never = await runRecorded(
    bruteForceCheck,
    "windows",
    netAccounts("uac_net_accounts_default.txt"),
  );
  const ten = await runRecorded(
    bruteForceCheck,
    "windows",
    netAccounts("sc_net_accounts_lockout10.txt"),
  );
  const tenStrict = await runRecorded(
    bruteForceCheck,
    "windows",
    netAccounts("sc_net_accounts_lockout10.txt"),
    { mode: "strict" },
  );
  const fifty = await runRecorded(
    bruteForceCheck,
    "windows",
    netAccounts("sc_net_accounts_lockout50.txt"),
  );

  assert.equal(never.status, "fail");
  assert.equal(ten.status, "pass");
  assert.equal(tenStrict.status, "fail");
  assert.equal(
    tenStrict.expected,
    "Accounts lock after at most 5 failed logons",
  );
  assert.equal(fifty.status, "fail");
});

Deno.test("brute force on Windows is unknown for localised net accounts output", async () => {
  const result = await runRecorded(bruteForceCheck, "windows", {
    commands: {
      "net accounts": {
        stdout:
          "Seuil de verrouillage :                               Jamais\r\n",
      },
    },
  });

  assert.equal(result.status, "unknown");
});

const pwpolicy = (name: string): Recordings => ({
  commands: { "pwpolicy -getaccountpolicies": out("darwin", name) },
});

Deno.test("brute force on macOS reads maxFailedAuthentications", async () => {
  const set = await runRecorded(
    bruteForceCheck,
    "darwin",
    pwpolicy("uac_pwpolicy_minlength12.txt"),
  );
  const none = await runRecorded(
    bruteForceCheck,
    "darwin",
    pwpolicy("uac_pwpolicy_none.txt"),
  );

  assert.equal(set.status, "pass");
  assert.match(set.evidence[0], /MaximumFailedAuthentications = 10/);
  assert.equal(none.status, "fail");
});

Deno.test("brute force on macOS reads the lockout a passcode profile sets", async () => {
  const standard = await runRecorded(
    bruteForceCheck,
    "darwin",
    pwpolicy("uac_pwpolicy_profile.txt"),
  );
  const strict = await runRecorded(
    bruteForceCheck,
    "darwin",
    pwpolicy("uac_pwpolicy_profile.txt"),
    { mode: "strict" },
  );

  assert.equal(standard.status, "pass");
  assert.match(standard.evidence[0], /MaximumFailedAuthentications = 6/);
  assert.equal(strict.status, "fail");
});

Deno.test("brute force on macOS is unknown when pwpolicy prints garbage", async () => {
  const result = await runRecorded(bruteForceCheck, "darwin", {
    commands: {
      "pwpolicy -getaccountpolicies": {
        stdout: "Getting global account policies\n<plist",
      },
    },
  });

  assert.equal(result.status, "unknown");
});

const pam = (
  commonAuth: string,
  faillock?: string,
): Recordings => ({
  dirs: { "/etc/pam.d": ["common-auth", "login", "sshd"] },
  files: {
    "/etc/pam.d/common-auth": fixture("linux", commonAuth),
    ...(faillock
      ? { "/etc/security/faillock.conf": fixture("linux", faillock) }
      : {}),
  },
});

Deno.test("brute force on Debian fails without pam_faillock", async () => {
  const result = await runRecorded(
    bruteForceCheck,
    "linux",
    pam("sc_common_auth_debian.txt"),
  );

  assert.equal(result.status, "fail");
  assert.ok(result.evidence.includes(
    "No pam_faillock or pam_tally2 in the auth stack",
  ));
});

Deno.test("brute force on Debian takes deny from faillock.conf or its default", async () => {
  const five = await runRecorded(
    bruteForceCheck,
    "linux",
    pam("sc_common_auth_faillock.txt", "sc_faillock_deny5.conf"),
  );
  const byDefault = await runRecorded(
    bruteForceCheck,
    "linux",
    pam("sc_common_auth_faillock.txt"),
  );
  const never = await runRecorded(
    bruteForceCheck,
    "linux",
    pam("sc_common_auth_faillock.txt", "sc_faillock_deny0.conf"),
  );

  assert.equal(five.status, "pass");
  assert.match(five.actual, /after 5 failed/);
  assert.equal(byDefault.status, "pass");
  assert.match(byDefault.actual, /after 3 failed/);
  assert.equal(never.status, "fail");
});

Deno.test("brute force on RHEL fails a deny above the limit in system-auth", async () => {
  const result = await runRecorded(bruteForceCheck, "linux", {
    dirs: { "/etc/pam.d": ["system-auth", "password-auth"] },
    files: {
      "/etc/pam.d/system-auth": fixture(
        "linux",
        "sc_system_auth_rhel9_faillock.txt",
      ),
      "/etc/pam.d/password-auth": fixture(
        "linux",
        "sc_system_auth_rhel9_faillock.txt",
      ),
    },
  });

  assert.equal(result.status, "fail");
  assert.match(result.actual, /only after 15/);
});

Deno.test("brute force on Linux is unknown when /etc/pam.d is unreadable", async () => {
  const result = await runRecorded(bruteForceCheck, "linux", {
    dirs: { "/etc/pam.d": { failure: "denied" } },
  });

  assert.equal(result.status, "unknown");
});

// --- Remote login ---------------------------------------------------------

const ssh = (sshdT: string, extra: Recordings = {}): Recordings => ({
  ...extra,
  commands: {
    "/usr/sbin/sshd -T": out("linux", sshdT),
    ...extra.commands,
  },
  dirs: { "/etc/pam.d": ["common-auth"], ...extra.dirs },
  files: {
    "/etc/pam.d/common-auth": fixture("linux", "sc_common_auth_debian.txt"),
    ...extra.files,
  },
});

Deno.test("remote login on Linux flags root password logins, strict fails", async () => {
  const standard = await runRecorded(
    remoteLoginCheck,
    "linux",
    ssh("sc_sshd_T_root_password.txt"),
  );
  const strict = await runRecorded(
    remoteLoginCheck,
    "linux",
    ssh("sc_sshd_T_root_password.txt"),
    { mode: "strict" },
  );

  assert.equal(standard.status, "warn");
  assert.equal(strict.status, "fail");
  assert.match(standard.actual, /root may log in with a password/);
});

Deno.test("remote login on Linux flags unthrottled password logins", async () => {
  const result = await runRecorded(
    remoteLoginCheck,
    "linux",
    ssh("sc_sshd_T_debian12_default.txt"),
  );

  assert.equal(result.status, "warn");
  assert.equal(result.actual, "SSH: password logins are not throttled");
});

Deno.test("remote login on Linux passes password logins throttled by fail2ban", async () => {
  const result = await runRecorded(
    remoteLoginCheck,
    "linux",
    ssh("sc_sshd_T_debian12_default.txt", {
      commands: { "systemctl is-active fail2ban": { stdout: "active\n" } },
    }),
  );

  assert.equal(result.status, "pass");
  assert.ok(result.evidence.includes("fail2ban: active"));
});

Deno.test("remote login on Linux passes key-only SSH", async () => {
  const result = await runRecorded(
    remoteLoginCheck,
    "linux",
    ssh("sc_sshd_T_keys_only.txt", {
      commands: {
        "systemctl is-active fail2ban": { stdout: "inactive\n", code: 3 },
      },
    }),
  );

  assert.equal(result.status, "pass");
  assert.equal(result.actual, "SSH accepts no password logins");
});

Deno.test("remote login on Linux reads sshd_config when sshd -T cannot run", async () => {
  const result = await runRecorded(remoteLoginCheck, "linux", {
    commands: {
      "/usr/sbin/sshd -T": {
        stderr: "Missing privilege separation directory: /run/sshd\n",
        code: 255,
      },
    },
    dirs: {
      "/etc/pam.d": ["common-auth"],
      "/etc/ssh/sshd_config.d": ["50-root.conf"],
    },
    files: {
      "/etc/pam.d/common-auth": fixture("linux", "sc_common_auth_faillock.txt"),
      "/etc/ssh/sshd_config": fixture("linux", "sc_sshd_config_debian12.txt"),
      "/etc/ssh/sshd_config.d/50-root.conf": "PermitRootLogin yes\n",
    },
  });

  assert.equal(result.status, "warn");
  assert.equal(result.actual, "SSH: root may log in with a password");
  assert.match(result.evidence.join(" "), /sshd_config.d\/50-root.conf/);
});

Deno.test("remote login on Linux without an SSH server is not applicable", async () => {
  const result = await runRecorded(remoteLoginCheck, "linux", {});

  assert.equal(result.status, "not_applicable");
});

Deno.test("remote login on macOS passes when Remote Login is off", async () => {
  const result = await runRecorded(remoteLoginCheck, "darwin", {
    commands: {
      "systemsetup -getremotelogin": out(
        "darwin",
        "firewalls_remotelogin_off.txt",
      ),
    },
  });

  assert.equal(result.status, "pass");
});

Deno.test("remote login on macOS counts the account lockout as throttling", async () => {
  const recordings = (policy: string): Recordings => ({
    commands: {
      "systemsetup -getremotelogin": out(
        "darwin",
        "firewalls_remotelogin_on.txt",
      ),
      "/usr/sbin/sshd -T": out("darwin", "sc_sshd_T_default.txt"),
      "pwpolicy -getaccountpolicies": out("darwin", policy),
    },
  });
  const locked = await runRecorded(
    remoteLoginCheck,
    "darwin",
    recordings("uac_pwpolicy_minlength12.txt"),
  );
  const open = await runRecorded(
    remoteLoginCheck,
    "darwin",
    recordings("uac_pwpolicy_none.txt"),
  );

  assert.equal(locked.status, "pass");
  assert.equal(open.status, "warn");
});

Deno.test("remote login on Windows passes with Remote Desktop off", async () => {
  const result = await runRecorded(remoteLoginCheck, "windows", {
    commands: {
      [regKey(WINDOWS_TERMINAL_SERVER_KEY)]: out(
        "windows",
        "sc_reg_terminal_server_rdp_off.txt",
      ),
    },
  });

  assert.equal(result.status, "pass");
});

Deno.test("remote login on Windows needs NLA and lockout when RDP is on", async () => {
  const recordings = (rdp: string, accounts: string): Recordings => ({
    commands: {
      [regKey(WINDOWS_TERMINAL_SERVER_KEY)]: out(
        "windows",
        "sc_reg_terminal_server_rdp_on.txt",
      ),
      [regKey(WINDOWS_RDP_TCP_KEY)]: out("windows", rdp),
      "net accounts": out("windows", accounts),
    },
  });
  const good = await runRecorded(
    remoteLoginCheck,
    "windows",
    recordings("sc_reg_rdp_tcp_nla.txt", "sc_net_accounts_lockout10.txt"),
  );
  const bad = await runRecorded(
    remoteLoginCheck,
    "windows",
    recordings("sc_reg_rdp_tcp_no_nla.txt", "uac_net_accounts_default.txt"),
  );

  assert.equal(good.status, "pass");
  assert.equal(bad.status, "warn");
  assert.equal(
    bad.actual,
    "Remote Desktop is on without Network Level Authentication and without account lockout",
  );
});

// --- Listening services ---------------------------------------------------

Deno.test("listening services are listed as information on every platform", async () => {
  const linux = await runRecorded(listeningServicesCheck, "linux", {
    commands: { "ss -H -tulnp": out("linux", "sc_ss_tulnp.txt") },
  });
  const mac = await runRecorded(listeningServicesCheck, "darwin", {
    commands: {
      "lsof -nP -iTCP -sTCP:LISTEN": out("darwin", "sc_lsof_listen.txt"),
    },
  });
  const windows = await runRecorded(listeningServicesCheck, "windows", {
    commands: {
      [ps(WINDOWS_LISTENERS_SCRIPT)]: out("windows", "sc_listeners.json"),
    },
  });

  assert.equal(linux.status, "info");
  assert.ok(linux.evidence.includes("tcp 127.0.0.1:5432 postgres"));
  assert.ok(linux.evidence.includes("tcp 0.0.0.0:2024"));
  assert.equal(mac.status, "info");
  assert.deepEqual(mac.evidence, [
    "tcp *:22 launchd",
    "tcp *:49152 rapportd",
    "tcp *:7000 ControlCe",
  ]);
  assert.equal(windows.status, "info");
  assert.ok(windows.evidence.includes("tcp 0.0.0.0:3389 svchost"));
  assert.ok(windows.evidence.includes("tcp 127.0.0.1:5939"));
});

Deno.test("listening services that cannot be listed are still information", async () => {
  const result = await runRecorded(listeningServicesCheck, "linux", {
    commands: { "ss -H -tulnp": { failure: "timeout" } },
  });

  assert.equal(result.status, "info");
  assert.match(result.actual, /could not be listed/);
});

// --- Disk encryption ------------------------------------------------------

Deno.test("disk encryption is information on every platform, never a fail", async () => {
  const luks = await runRecorded(diskEncryptionCheck, "linux", {
    commands: {
      "lsblk -J -o NAME,TYPE,MOUNTPOINT": out("linux", "sc_lsblk_luks.json"),
    },
  });
  const plain = await runRecorded(diskEncryptionCheck, "linux", {
    commands: {
      "lsblk -J -o NAME,TYPE,MOUNTPOINT": out("linux", "sc_lsblk_plain.json"),
    },
  });
  const mac = await runRecorded(diskEncryptionCheck, "darwin", {
    commands: { "fdesetup status": out("darwin", "sc_fdesetup_off.txt") },
  });
  const windows = await runRecorded(diskEncryptionCheck, "windows", {
    commands: {
      [ps(WINDOWS_BITLOCKER_SCRIPT)]: out("windows", "sc_bitlocker_on.json"),
    },
  });

  assert.deepEqual(
    [luks.status, plain.status, mac.status, windows.status],
    ["info", "info", "info", "info"],
  );
  assert.equal(luks.actual, "The root file system is on an encrypted device");
  assert.deepEqual(luks.evidence, [
    "nvme0n1 (disk) > nvme0n1p3 (part) > nvme0n1p3_crypt (crypt) > vg0-root (lvm)",
  ]);
  assert.equal(
    plain.actual,
    "The root file system is not on an encrypted device",
  );
  assert.equal(mac.actual, "FileVault is Off");
  assert.equal(
    windows.actual,
    "BitLocker protection is On on the system drive",
  );
});

Deno.test("disk encryption that cannot be read stays information", async () => {
  const result = await runRecorded(diskEncryptionCheck, "windows", {
    commands: {
      [ps(WINDOWS_BITLOCKER_SCRIPT)]: {
        stderr: "Get-BitLockerVolume : Access denied\r\n",
        code: 1,
      },
    },
  });

  assert.equal(result.status, "info");
  assert.match(result.actual, /could not be read/);
});

Deno.test("remote login on Linux ignores sshd_config left by a removed server", async () => {
  const result = await runRecorded(remoteLoginCheck, "linux", {
    files: {
      "/etc/ssh/sshd_config": fixture("linux", "sc_sshd_config_debian12.txt"),
    },
  });

  assert.equal(result.status, "not_applicable");
});

const aliceEnv = {
  HOME: "/home/alice",
  XDG_CONFIG_HOME: "/home/alice/.config",
  USER: "alice",
  LOGNAME: "alice",
};
const lockEnabled = "gsettings get org.gnome.desktop.screensaver lock-enabled";
const autorunNever =
  "gsettings get org.gnome.desktop.media-handling autorun-never";

/** A GNOME desktop scanned by root while alice is at the console. */
function rootWithAlice(
  aliceSays: Record<string, string>,
  rootSays: Record<string, string>,
): Recordings {
  const commands: Record<string, RecordedOutput> = {
    "id -un": { stdout: "root\n" },
    who: { stdout: fixture("linux", "uac_who_console_alice.txt") },
  };
  for (const [line, stdout] of Object.entries(aliceSays)) {
    const [command, ...args] = line.split(" ");
    commands[commandKey(command, args, aliceEnv)] = { stdout };
  }
  for (const [line, stdout] of Object.entries(rootSays)) {
    commands[line] = { stdout };
  }
  return {
    dirs: desktop,
    files: { "/etc/passwd": fixture("linux", "uac_passwd.txt") },
    commands,
  };
}

Deno.test("screen lock on GNOME run as root judges the console user's setting, not root's", async () => {
  const aliceOff = await runRecorded(
    screenLockCheck,
    "linux",
    rootWithAlice({ [lockEnabled]: "false\n" }, { [lockEnabled]: "true\n" }),
  );
  const aliceOn = await runRecorded(
    screenLockCheck,
    "linux",
    rootWithAlice({ [lockEnabled]: "true\n" }, { [lockEnabled]: "false\n" }),
  );

  assert.equal(aliceOff.status, "fail");
  assert.equal(aliceOn.status, "pass");
  assert.ok(
    aliceOff.evidence.includes(
      "Read the settings of alice, signed in at the console",
    ),
  );
});

Deno.test("autorun on GNOME run as root judges the console user's setting", async () => {
  const result = await runRecorded(
    autorunCheck,
    "linux",
    rootWithAlice({ [autorunNever]: "true\n" }, { [autorunNever]: "false\n" }),
  );

  assert.equal(result.status, "pass");
  assert.match(result.evidence.join(" "), /settings of alice/);
});

Deno.test("screen lock on GNOME with a system lockdown ignores the console user's value", async () => {
  const recordings = rootWithAlice({ [lockEnabled]: "true\n" }, {});
  const result = await runRecorded(screenLockCheck, "linux", {
    ...recordings,
    dirs: {
      ...desktop,
      "/etc/dconf/db": ["local.d"],
      "/etc/dconf/db/local.d": ["00-lockdown"],
    },
    files: {
      ...recordings.files,
      "/etc/dconf/db/local.d/00-lockdown": fixture(
        "linux",
        "sc_dconf_local_lockdown.txt",
      ),
    },
  });

  assert.equal(result.status, "fail");
});

Deno.test("screen lock on GNOME with nobody at the console reads the scan's own settings and says so", async () => {
  const result = await runRecorded(screenLockCheck, "linux", {
    dirs: desktop,
    commands: {
      "id -un": { stdout: "root\n" },
      who: { stdout: "bob      pts/0        2026-12-03 09:15 (192.0.2.20)\n" },
      [lockEnabled]: { stdout: "true\n" },
    },
  });

  assert.equal(result.status, "pass");
  assert.ok(
    result.evidence.includes(
      "No one is signed in at the console; read the settings of root",
    ),
  );
});

Deno.test("screen lock on GNOME run by the console user reads their own settings", async () => {
  const result = await runRecorded(screenLockCheck, "linux", {
    dirs: desktop,
    commands: {
      "id -un": { stdout: "alice\n" },
      who: { stdout: fixture("linux", "uac_who_console_alice.txt") },
      [lockEnabled]: { stdout: "false\n" },
    },
  });

  assert.equal(result.status, "fail");
  assert.ok(result.evidence.includes("Read the settings of alice"));
});

const alicePlist = "/Users/alice/Library/Preferences/com.apple.screensaver";

/** A Mac scanned by root while alice is at the console. */
function macRootWithAlice(aliceAsk: RecordedOutput): Recordings {
  return {
    commands: {
      "id -un": { stdout: "root\n" },
      "stat -f %Su /dev/console": {
        stdout: fixture("darwin", "uac_stat_console_alice.txt"),
      },
      [`defaults read ${alicePlist} askForPassword`]: aliceAsk,
      // Root's own answers, which must not decide the console user's verdict.
      "sysadminctl -screenLock status": {
        stderr: fixture("darwin", "sc_sysadminctl_screenlock_off_stderr.txt"),
      },
      "defaults read com.apple.screensaver askForPassword": { stdout: "0\n" },
    },
  };
}

Deno.test("screen lock on macOS run as root reads the console user's askForPassword", async () => {
  const asked = await runRecorded(
    screenLockCheck,
    "darwin",
    macRootWithAlice({ stdout: "1\n" }),
  );
  const notAsked = await runRecorded(
    screenLockCheck,
    "darwin",
    macRootWithAlice({ stdout: "0\n" }),
  );

  assert.equal(asked.status, "pass");
  assert.equal(notAsked.status, "fail");
  assert.ok(
    asked.evidence.includes(
      "Read the settings of alice, signed in at the console",
    ),
  );
});

Deno.test("screen lock on macOS run as root is unknown when the console user's setting is missing", async () => {
  const result = await runRecorded(
    screenLockCheck,
    "darwin",
    macRootWithAlice({
      code: 1,
      stderr: "The domain/default pair does not exist\n",
    }),
  );

  const denied = await runRecorded(
    screenLockCheck,
    "darwin",
    macRootWithAlice({ code: 1, stderr: "Could not read the file\n" }),
  );

  assert.equal(result.status, "unknown");
  assert.match(result.evidence.join(" "), /askForPassword is not set/);
  assert.equal(denied.status, "unknown");
  assert.match(denied.evidence.join(" "), /Could not read the file/);
});

Deno.test("screen lock on macOS at the login window keeps reading sysadminctl", async () => {
  const result = await runRecorded(screenLockCheck, "darwin", {
    commands: {
      "id -un": { stdout: "root\n" },
      "stat -f %Su /dev/console": {
        stdout: fixture("darwin", "uac_stat_console_root.txt"),
      },
      "sysadminctl -screenLock status": {
        stderr: fixture(
          "darwin",
          "sc_sysadminctl_screenlock_immediate_stderr.txt",
        ),
      },
    },
  });

  assert.equal(result.status, "pass");
  assert.ok(
    result.evidence.includes(
      "No one is signed in at the console; read the settings of root",
    ),
  );
});
