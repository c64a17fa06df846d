/**
 * Secure configuration: no guest account or password-less account, no
 * auto-run, a locked screen needs credentials, password guessing is
 * throttled, remote logins are hardened, and listening services are listed
 * for review.
 *
 * @module
 */
import {
  type CheckContext,
  type CheckDefinition,
  type CheckOutcome,
  info,
  limit,
  notApplicable,
  pass,
  unknown,
  unknownFromProbe,
  violation,
} from "./check.ts";
import { readLockoutPolicy, windowsLockout } from "./lockout.ts";
import { isPasswordLocked, parsePasswd } from "./parse/accounts.ts";
import { parseKeyFile } from "./parse/keyfile.ts";
import { type Listener, parseLsofListen, parseSs } from "./parse/listeners.ts";
import {
  jsonNumber,
  jsonString,
  objectList,
  parsePowershellJson,
} from "./parse/powershell_json.ts";
import { regNumber } from "./parse/reg_query.ts";
import type { SshdSettings } from "./parse/sshd_config.ts";
import { parseRemoteLogin } from "./parse/systemsetup.ts";
import {
  type Probe,
  probeFailure,
  type ProbeResult,
  runPowershell,
  succeeded,
} from "./probe.ts";
import { sshdSettings } from "./ssh_server.ts";
import {
  canLogIn,
  gnomeBoolean,
  gsettingsGet,
  LINUX_FILES,
  linuxAccounts,
  regQuery,
  type SettingsOwner,
  settingsOwner,
  windowsUsers,
} from "./system_settings.ts";

// --- Guest account --------------------------------------------------------

/** Guest account disabled. */
export const guestAccountCheck: CheckDefinition = {
  id: "secure_configuration.guest_account",
  control: "secure_configuration",
  title: "Guest account disabled",
  requirement:
    "Accounts that are not needed, the guest account above all, are " +
    "removed or disabled.",
  expected: {
    windows: "The built-in Guest account (SID ending -501) is disabled",
    darwin: "GuestEnabled is 0 in com.apple.loginwindow",
    linux:
      "No guest login: no usable 'guest' account and no LightDM guest session",
  },
  remediation: {
    windows:
      "Disable-LocalUser -SID (the Guest account's SID), or by Group Policy",
    darwin: "Turn off the guest user in System Settings > Users & Groups " +
      "(defaults write /Library/Preferences/com.apple.loginwindow GuestEnabled -bool false)",
    linux: "Lock or remove the guest account (usermod -L guest) and set " +
      "allow-guest=false in LightDM's configuration",
  },
  platforms: ["linux", "darwin", "windows"],
  run(ctx) {
    if (ctx.platform === "windows") return windowsGuest(ctx);
    if (ctx.platform === "darwin") return macGuest(ctx);
    return linuxGuest(ctx);
  },
};

async function windowsGuest(ctx: CheckContext): Promise<CheckOutcome> {
  const users = await windowsUsers(ctx.probe);
  if (!users.ok) return unknownFromProbe(users);

  const guest = users.value.find((u) => u.sid.endsWith("-501"));
  if (!guest) return pass("There is no built-in Guest account");
  const evidence = [`${guest.name} (${guest.sid}): Enabled=${guest.enabled}`];
  return guest.enabled
    ? violation(ctx, `The Guest account "${guest.name}" is enabled`, evidence)
    : pass(`The Guest account "${guest.name}" is disabled`, evidence);
}

/** Arguments that read macOS's guest-user switch. */
export const MAC_GUEST_ARGS = [
  "read",
  "/Library/Preferences/com.apple.loginwindow",
  "GuestEnabled",
] as const;

async function macGuest(ctx: CheckContext): Promise<CheckOutcome> {
  const result = await ctx.probe.run("defaults", [...MAC_GUEST_ARGS]);
  if (!result.ok) return unknownFromProbe(result);

  const value = result.value.stdout.trim();
  if (result.value.code !== 0) {
    // `defaults` exits 1 when the key was never written; the guest user
    // then has its factory setting, off.
    return /does not exist/.test(result.value.stderr)
      ? pass("The guest user is off (never turned on)", [
        "GuestEnabled is not set",
      ])
      : unknown("GuestEnabled could not be read", [result.value.stderr.trim()]);
  }
  if (value === "1") {
    return violation(ctx, "The guest user is on", ["GuestEnabled = 1"]);
  }
  if (value === "0") return pass("The guest user is off", ["GuestEnabled = 0"]);
  return unknown(`GuestEnabled has an unexpected value "${value}"`);
}

async function linuxGuest(ctx: CheckContext): Promise<CheckOutcome> {
  const lightdm = await lightdmGuest(ctx.probe);
  const accounts = await linuxAccounts(ctx.probe, ctx.now());
  const passwd = await ctx.probe.readFile(LINUX_FILES.passwd);
  if (!passwd.ok) return unknownFromProbe(passwd);

  const named = parsePasswd(passwd.value).filter((p) => p.name === "guest");
  const found: string[] = [...lightdm];
  if (named.length > 0 && !accounts.ok) {
    return unknownFromProbe(accounts, ["A 'guest' account exists"]);
  }
  if (accounts.ok) {
    const usable = accounts.value.filter((a) =>
      a.name === "guest" && canLogIn(a) && !isPasswordLocked(a.password)
    );
    found.push(...usable.map((a) => `Account guest can log in (${a.shell})`));
  }

  return found.length > 0
    ? violation(ctx, "A guest login is possible", found)
    : pass("No guest login is configured", [
      named.length > 0 ? "Account guest is locked" : "No 'guest' account",
    ]);
}

async function lightdmGuest(probe: Probe): Promise<string[]> {
  const files: string[] = [LINUX_FILES.lightdm];
  const dir = await probe.readDir(LINUX_FILES.lightdmDir);
  if (dir.ok) {
    files.push(...dir.value.map((f) => `${LINUX_FILES.lightdmDir}/${f}`));
  }

  const found: string[] = [];
  for (const path of files) {
    const text = await probe.readFile(path);
    if (!text.ok) continue;
    for (const [section, values] of parseKeyFile(text.value)) {
      if (values.get("allow-guest") === "true") {
        found.push(`${path} [${section}] allow-guest=true`);
      }
    }
  }
  return found;
}

// --- Empty passwords ------------------------------------------------------

/** No enabled account accepts an empty password. */
export const emptyPasswordsCheck: CheckDefinition = {
  id: "secure_configuration.empty_passwords",
  control: "secure_configuration",
  title: "No account without a password",
  requirement:
    "Default and guessable passwords are changed; no account that can log " +
    "in is left without a password.",
  expected: {
    windows: "Every enabled local account has PasswordRequired True",
    linux:
      "No account that can log in has an empty password field in /etc/shadow",
  },
  remediation: {
    windows: "Set a password on each listed account and run " +
      "net user NAME * to set one, then net user NAME /passwordreq:yes",
    linux: "Set a password (passwd NAME) or lock the account (passwd -l NAME)",
  },
  platforms: ["linux", "windows"],
  notApplicableReason:
    "macOS keeps password hashes out of reach, and testing for an empty " +
    "password would be a logon attempt that counts towards lockout",
  run(ctx) {
    return ctx.platform === "windows"
      ? windowsEmptyPasswords(ctx)
      : linuxEmptyPasswords(ctx);
  },
};

async function windowsEmptyPasswords(ctx: CheckContext): Promise<CheckOutcome> {
  const users = await windowsUsers(ctx.probe);
  if (!users.ok) return unknownFromProbe(users);

  const enabled = users.value.filter((u) => u.enabled);
  const open = enabled.filter((u) => !u.passwordRequired);
  const evidence = enabled.map((u) =>
    `${u.name}: PasswordRequired=${u.passwordRequired}`
  );
  return open.length > 0
    ? violation(
      ctx,
      `Enabled accounts may have an empty password: ${names(open)}`,
      evidence,
    )
    : pass("Every enabled account requires a password", evidence);
}

async function linuxEmptyPasswords(ctx: CheckContext): Promise<CheckOutcome> {
  const accounts = await linuxAccounts(ctx.probe, ctx.now());
  if (!accounts.ok) return unknownFromProbe(accounts);

  const empty = accounts.value.filter((a) => a.password === "");
  const usable = empty.filter(canLogIn);
  const evidence = empty.map((a) =>
    `${a.name}: empty password, shell ${a.shell}${a.expired ? ", expired" : ""}`
  );
  if (usable.length > 0) {
    return violation(
      ctx,
      `Accounts with an empty password can log in: ${names(usable)}`,
      evidence,
    );
  }
  return pass(
    empty.length === 0
      ? "No account has an empty password"
      : "Accounts with an empty password cannot log in",
    evidence,
  );
}

function names(accounts: readonly { name: string }[]): string {
  return accounts.map((a) => a.name).join(", ");
}

// --- Auto-run -------------------------------------------------------------

/** The policy key that switches Windows auto-run off. */
export const WINDOWS_EXPLORER_POLICY_KEY =
  "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer";

/** NoDriveTypeAutoRun value that covers every drive type. */
const ALL_DRIVE_TYPES = 0xff;

/** Auto-run of removable media disabled. */
export const autorunCheck: CheckDefinition = {
  id: "secure_configuration.autorun",
  control: "secure_configuration",
  title: "Auto-run disabled",
  requirement:
    "Auto-run (or auto-play) that runs files from inserted media without " +
    "the user's authorisation is disabled.",
  expected: {
    windows:
      "NoDriveTypeAutoRun = 0xff or NoAutorun = 1 under the Explorer policies key",
    linux: "GNOME media-handling autorun-never = true",
  },
  remediation: {
    windows:
      "Set the policy 'Turn off Autoplay' to All drives (NoDriveTypeAutoRun = 255) " +
      "and 'Set the default behavior for AutoRun' to Do not execute (NoAutorun = 1)",
    linux: "Set autorun-never=true under [org/gnome/desktop/media-handling] " +
      "in /etc/dconf/db/local.d/ and run dconf update",
  },
  platforms: ["linux", "windows"],
  notApplicableReason:
    "macOS never runs software from inserted media by itself",
  run(ctx) {
    return ctx.platform === "windows" ? windowsAutorun(ctx) : linuxAutorun(ctx);
  },
};

async function windowsAutorun(ctx: CheckContext): Promise<CheckOutcome> {
  const key = await regQuery(ctx.probe, WINDOWS_EXPLORER_POLICY_KEY);
  if (!key.ok) return unknownFromProbe(key);

  const driveTypes = regNumber(key.value?.get("NoDriveTypeAutoRun"));
  const noAutorun = regNumber(key.value?.get("NoAutorun"));
  const evidence = [
    `NoDriveTypeAutoRun = ${hex(driveTypes)}`,
    `NoAutorun = ${noAutorun ?? "not set"}`,
  ];
  if (driveTypes === ALL_DRIVE_TYPES || noAutorun === 1) {
    return pass("Auto-run is disabled by policy", evidence);
  }
  return violation(ctx, "Auto-run is not disabled for every drive", evidence);
}

function hex(value: number | undefined): string {
  return value === undefined ? "not set" : `0x${value.toString(16)}`;
}

async function linuxAutorun(ctx: CheckContext): Promise<CheckOutcome> {
  if (!ctx.host.hasDesktop) {
    return notApplicable("No desktop is installed, so nothing auto-runs media");
  }
  const setting = await gnomeBoolean(
    ctx.probe,
    "org.gnome.desktop.media-handling",
    "autorun-never",
    await settingsOwner(ctx.probe, "linux"),
  );
  if (!setting.ok) return unknownFromProbe(setting);
  return setting.value.value
    ? pass("GNOME never auto-runs inserted media", setting.value.evidence)
    : violation(
      ctx,
      "GNOME may auto-run inserted media",
      setting.value.evidence,
    );
}

// --- Screen lock ----------------------------------------------------------

/** Machine inactivity limit policy key. */
export const WINDOWS_SYSTEM_POLICY_KEY =
  "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System";

/**
 * PowerShell that prints the screen saver settings and policy of the user
 * signed in at the console. The agent runs as SYSTEM, whose own HKCU says
 * nothing about the person at the keyboard, so the console user's hive is
 * read under HKEY_USERS; with nobody signed in, the current user's is.
 */
export const WINDOWS_SCREEN_SAVER_SCRIPT =
  "$name = (Get-CimInstance Win32_ComputerSystem).UserName; " +
  "$root = 'HKCU:'; if ($name) { " +
  "$account = [System.Security.Principal.NTAccount]$name; " +
  "$sid = $account.Translate(" +
  "[System.Security.Principal.SecurityIdentifier]).Value; " +
  "$root = 'Registry::HKEY_USERS\\' + $sid }; " +
  "$user = Get-ItemProperty ($root + '\\Control Panel\\Desktop') " +
  "-ErrorAction SilentlyContinue; " +
  "$policy = Get-ItemProperty ($root + " +
  "'\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop') " +
  "-ErrorAction SilentlyContinue; " +
  "[pscustomobject]@{ User = $name; " +
  "ScreenSaveActive = $user.ScreenSaveActive; " +
  "ScreenSaverIsSecure = $user.ScreenSaverIsSecure; " +
  "ScreenSaveTimeOut = $user.ScreenSaveTimeOut; " +
  "PolicyScreenSaveActive = $policy.ScreenSaveActive; " +
  "PolicyScreenSaverIsSecure = $policy.ScreenSaverIsSecure } | " +
  "ConvertTo-Json";

/** Unlocking the device needs a password, PIN or biometric. */
export const screenLockCheck: CheckDefinition = {
  id: "secure_configuration.screen_lock",
  control: "secure_configuration",
  title: "Screen lock needs credentials",
  requirement: "A device unlocks only with a password, PIN or biometric; a " +
    "particular lock timeout is not required.",
  expected: {
    windows: "InactivityTimeoutSecs set, or a password-protected screen saver",
    darwin:
      "A password is asked when the screen saver starts or the display sleeps",
    linux: "GNOME screensaver lock-enabled = true",
  },
  remediation: {
    windows: "Set 'Interactive logon: Machine inactivity limit' (e.g. 900 s) " +
      "or enable 'Password protect the screen saver' by Group Policy",
    darwin:
      "In System Settings > Lock Screen, require a password immediately " +
      "after the screen saver begins or the display is turned off",
    linux: "Set lock-enabled=true under [org/gnome/desktop/screensaver] " +
      "in /etc/dconf/db/local.d/ and run dconf update",
  },
  platforms: ["linux", "darwin", "windows"],
  run(ctx) {
    if (!ctx.host.hasDesktop) {
      return Promise.resolve(
        notApplicable("A server without a desktop has no screen to lock"),
      );
    }
    if (ctx.platform === "windows") return windowsScreenLock(ctx);
    if (ctx.platform === "darwin") return macScreenLock(ctx);
    return linuxScreenLock(ctx);
  },
};

async function windowsScreenLock(ctx: CheckContext): Promise<CheckOutcome> {
  const system = await regQuery(ctx.probe, WINDOWS_SYSTEM_POLICY_KEY);
  if (!system.ok) return unknownFromProbe(system);
  const timeout = regNumber(system.value?.get("InactivityTimeoutSecs"));
  const evidence = [`InactivityTimeoutSecs = ${timeout ?? "not set"}`];
  if (timeout !== undefined && timeout > 0) {
    return pass(`The device locks after ${timeout} s idle`, evidence);
  }

  const saver = await windowsScreenSaver(ctx.probe);
  if (!saver.ok) return unknownFromProbe(saver, evidence);
  evidence.push(...saver.value.evidence);
  if (saver.value.secure) {
    return pass("A password-protected screen saver is on", evidence);
  }
  return violation(ctx, "Nothing locks the idle device", evidence);
}

async function windowsScreenSaver(
  probe: Probe,
): Promise<ProbeResult<{ secure: boolean; evidence: string[] }>> {
  const result = succeeded(
    await runPowershell(probe, WINDOWS_SCREEN_SAVER_SCRIPT),
    "Get-ItemProperty Control Panel\\Desktop",
  );
  if (!result.ok) return result;
  const parsed = parsePowershellJson(result.value.stdout);
  const [saver] = parsed.ok ? objectList(parsed.value) : [];
  if (!saver) {
    return probeFailure("failed", "The screen saver settings were not JSON");
  }

  const value = (key: string) => jsonString(saver[key]) ?? "not set";
  const on = (active: string, secure: string) =>
    value(active) === "1" && value(secure) === "1";
  const who = jsonString(saver.User) ?? "the current user";
  return {
    ok: true,
    value: {
      secure: on("PolicyScreenSaveActive", "PolicyScreenSaverIsSecure") ||
        on("ScreenSaveActive", "ScreenSaverIsSecure"),
      evidence: [
        `Screen saver of ${who}: ScreenSaveActive = ` +
        `${value("ScreenSaveActive")}, ScreenSaverIsSecure = ` +
        `${value("ScreenSaverIsSecure")}, ScreenSaveTimeOut = ` +
        `${value("ScreenSaveTimeOut")}`,
        `Screen saver policy: ScreenSaveActive = ` +
        `${value("PolicyScreenSaveActive")}, ScreenSaverIsSecure = ` +
        `${value("PolicyScreenSaverIsSecure")}`,
      ],
    },
  };
}

async function macScreenLock(ctx: CheckContext): Promise<CheckOutcome> {
  const owner = await settingsOwner(ctx.probe, "darwin");
  if (owner.home !== undefined) return macConsoleScreenLock(ctx, owner);

  const status = await ctx.probe.run("sysadminctl", ["-screenLock", "status"]);
  // sysadminctl logs its answer on stderr.
  const said = status.ok
    ? `${status.value.stderr}\n${status.value.stdout}`
    : "";
  const delay = /screenLock delay is (immediate|\d+ seconds)/.exec(said);
  if (delay) {
    return pass(`The screen locks with a password (${delay[1]})`, [
      owner.evidence,
      `sysadminctl: screenLock delay is ${delay[1]}`,
    ]);
  }
  if (/screenLock is off/.test(said)) {
    return violation(ctx, "The screen lock is off", [
      owner.evidence,
      "sysadminctl: screenLock is off",
    ]);
  }

  const legacy = await ctx.probe.run("defaults", [
    "read",
    "com.apple.screensaver",
    "askForPassword",
  ]);
  const value = legacy.ok && legacy.value.code === 0
    ? legacy.value.stdout.trim()
    : undefined;
  if (value === "1") {
    return pass("A password is asked", [owner.evidence, "askForPassword = 1"]);
  }
  if (value === "0") {
    return violation(ctx, "No password is asked", [
      owner.evidence,
      "askForPassword = 0",
    ]);
  }
  return unknown("The screen lock setting could not be read", [
    owner.evidence,
    status.ok
      ? `sysadminctl said: "${said.trim().slice(0, 200)}"`
      : status.reason,
  ]);
}

/**
 * The console user's screen lock, read by root from their preferences.
 * sysadminctl is not asked: run as root it reports root's screen lock.
 */
async function macConsoleScreenLock(
  ctx: CheckContext,
  owner: SettingsOwner,
): Promise<CheckOutcome> {
  const plist = `${owner.home}/Library/Preferences/com.apple.screensaver`;
  const read = await ctx.probe.run("defaults", [
    "read",
    plist,
    "askForPassword",
  ]);
  const value = read.ok && read.value.code === 0
    ? read.value.stdout.trim()
    : undefined;
  const evidence = [owner.evidence, `${plist}: askForPassword = ${value}`];
  if (value === "1") return pass(`${owner.user} is asked a password`, evidence);
  if (value === "0") {
    return violation(ctx, `${owner.user} is not asked a password`, evidence);
  }
  const failed = succeeded(read, `defaults read ${plist}`);
  const missing = read.ok && /does not exist/.test(read.value.stderr);
  return unknown(`The screen lock setting of ${owner.user} could not be read`, [
    owner.evidence,
    missing || failed.ok
      ? `askForPassword is not set in ${plist}`
      : failed.reason,
  ]);
}

async function linuxScreenLock(ctx: CheckContext): Promise<CheckOutcome> {
  const owner = await settingsOwner(ctx.probe, "linux");
  const setting = await gnomeBoolean(
    ctx.probe,
    "org.gnome.desktop.screensaver",
    "lock-enabled",
    owner,
  );
  if (!setting.ok) return unknownFromProbe(setting);

  const idle = await gsettingsGet(
    ctx.probe,
    "org.gnome.desktop.session",
    "idle-delay",
    owner,
  );
  const evidence = [
    ...setting.value.evidence,
    ...(idle.ok ? [`idle-delay = ${idle.value}`] : []),
  ];
  return setting.value.value
    ? pass("The GNOME screen lock is on", evidence)
    : violation(ctx, "The GNOME screen lock is off", evidence);
}

// --- Brute-force protection -----------------------------------------------
/** Lockout after at most a set number of failed logons. */
export const bruteForceCheck: CheckDefinition = {
  id: "secure_configuration.brute_force",
  control: "secure_configuration",
  title: "Account lockout after failed logons",
  requirement:
    "Password guessing is throttled: an account locks after no more than " +
    "10 failed attempts, or no more than 10 guesses are allowed in 5 minutes.",
  expected: "Accounts lock after at most max_failed_attempts failed logons",
  remediation: {
    windows:
      "Set 'Account lockout threshold' to 10 or fewer (net accounts /lockoutthreshold:10)",
    darwin: "Set a lockout policy: pwpolicy -setaccountpolicies with " +
      "policyAttributeMaximumFailedAuthentications of 10 or fewer (or by MDM profile)",
    linux:
      "Enable pam_faillock in the auth stack (authselect enable-feature with-faillock, " +
      "or pam-auth-update on Debian) with deny = 10 or fewer in /etc/security/faillock.conf",
  },
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const policy = await readLockoutPolicy(ctx.probe, ctx.platform);
    if (!policy.ok) return unknownFromProbe(policy);

    const max = limit(ctx, "max_failed_attempts");
    const expected = `Accounts lock after at most ${max} failed logons`;
    const { threshold, evidence } = policy.value;
    if (threshold === undefined) {
      return {
        ...violation(
          ctx,
          "Nothing locks an account after failed logons",
          evidence,
        ),
        expected,
      };
    }
    const outcome = threshold <= max
      ? pass(`Accounts lock after ${threshold} failed logons`, evidence)
      : violation(
        ctx,
        `Accounts lock only after ${threshold} failed logons`,
        evidence,
      );
    return { ...outcome, expected };
  },
};

// --- Remote login ---------------------------------------------------------

/** Remote Desktop switch. */
export const WINDOWS_TERMINAL_SERVER_KEY =
  "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server";
/** Remote Desktop listener settings (Network Level Authentication). */
export const WINDOWS_RDP_TCP_KEY =
  "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp";

/** Remote logins refuse root passwords and throttle password guesses. */
export const remoteLoginCheck: CheckDefinition = {
  id: "secure_configuration.remote_login",
  control: "secure_configuration",
  title: "Remote login hardened",
  requirement:
    "Remote logins cannot be brute-forced: no administrator login with a " +
    "password alone over SSH, and password guessing is throttled.",
  expected: {
    windows:
      "Remote Desktop off, or on with Network Level Authentication and account lockout",
    darwin:
      "Remote Login off, or SSH without root password logins and with account lockout",
    linux: "SSH PermitRootLogin not 'yes', and password logins throttled " +
      "(pam_faillock or fail2ban) or PasswordAuthentication no",
  },
  remediation: {
    windows:
      "Turn Remote Desktop off, or require Network Level Authentication " +
      "and set an account lockout threshold",
    darwin: "Turn Remote Login off, or set PermitRootLogin no and " +
      "PasswordAuthentication no in /etc/ssh/sshd_config.d/",
    linux:
      "Set PermitRootLogin no (or prohibit-password) and PasswordAuthentication no " +
      "in /etc/ssh/sshd_config.d/, or throttle guesses with pam_faillock or fail2ban",
  },
  platforms: ["linux", "darwin", "windows"],
  run(ctx) {
    if (ctx.platform === "windows") return windowsRemoteLogin(ctx);
    return sshRemoteLogin(ctx);
  },
};

async function windowsRemoteLogin(ctx: CheckContext): Promise<CheckOutcome> {
  const server = await regQuery(ctx.probe, WINDOWS_TERMINAL_SERVER_KEY);
  if (!server.ok) return unknownFromProbe(server);
  const deny = regNumber(server.value?.get("fDenyTSConnections"));
  const evidence = [`fDenyTSConnections = ${deny ?? "not set"}`];
  // Windows refuses Remote Desktop connections unless this is set to 0.
  if (deny !== 0) return pass("Remote Desktop is off", evidence);

  const rdp = await regQuery(ctx.probe, WINDOWS_RDP_TCP_KEY);
  if (!rdp.ok) return unknownFromProbe(rdp, evidence);
  const nla = regNumber(rdp.value?.get("UserAuthentication"));
  evidence.push(`UserAuthentication = ${nla ?? "not set"}`);
  const lockout = await windowsLockout(ctx.probe);
  if (!lockout.ok) return unknownFromProbe(lockout, evidence);
  evidence.push(...lockout.value.evidence);

  const problems = [
    ...(nla === 1 ? [] : ["without Network Level Authentication"]),
    ...(lockout.value.threshold === undefined
      ? ["without account lockout"]
      : []),
  ];
  return problems.length === 0
    ? pass("Remote Desktop is on with NLA and account lockout", evidence)
    : violation(
      ctx,
      `Remote Desktop is on ${problems.join(" and ")}`,
      evidence,
    );
}

/**
 * The SSH server program. Named by path, because /usr/sbin is not on
 * every user's PATH, and a server that is not there is not installed.
 */
export const SSHD = "/usr/sbin/sshd";

async function sshRemoteLogin(ctx: CheckContext): Promise<CheckOutcome> {
  const evidence: string[] = [];
  if (ctx.platform === "darwin") {
    const login = succeeded(
      await ctx.probe.run("systemsetup", ["-getremotelogin"]),
      "systemsetup -getremotelogin",
    );
    if (!login.ok) return unknownFromProbe(login);
    const on = parseRemoteLogin(login.value.stdout);
    if (on === null) {
      return unknown("systemsetup printed no Remote Login state");
    }
    if (!on) return pass("Remote Login (SSH) is off", ["Remote Login: Off"]);
    evidence.push("Remote Login: On");
  }

  const settings = await sshdSettings(ctx.probe, SSHD);
  if (!settings.ok) {
    return settings.kind === "not_found"
      ? notApplicable("No SSH server is installed")
      : unknownFromProbe(settings, evidence);
  }
  evidence.push(...settings.value.evidence);

  const throttle = await passwordThrottle(ctx);
  if (!throttle.ok) return unknownFromProbe(throttle, evidence);
  evidence.push(...throttle.value.evidence);
  return judgeSsh(
    ctx,
    settings.value.settings,
    throttle.value.throttled,
    evidence,
  );
}

function judgeSsh(
  ctx: CheckContext,
  settings: SshdSettings,
  throttled: boolean,
  evidence: string[],
): CheckOutcome {
  const rootLogin = settings.get("permitrootlogin") ?? "prohibit-password";
  const passwords = settings.get("passwordauthentication") ?? "yes";
  const keyboard = settings.get("kbdinteractiveauthentication") ??
    settings.get("challengeresponseauthentication") ?? "yes";
  const usePam = settings.get("usepam") ?? "no";
  const passwordLogins = passwords === "yes" ||
    (keyboard === "yes" && usePam === "yes");
  evidence.unshift(
    `sshd: PermitRootLogin ${rootLogin}, PasswordAuthentication ${passwords}, ` +
      `KbdInteractiveAuthentication ${keyboard}, UsePAM ${usePam}`,
  );

  const problems = [
    ...(rootLogin === "yes" && passwordLogins
      ? ["root may log in with a password"]
      : []),
    ...(passwordLogins && !throttled
      ? ["password logins are not throttled"]
      : []),
  ];
  if (problems.length > 0) {
    return violation(ctx, `SSH: ${problems.join("; ")}`, evidence);
  }
  return pass(
    passwordLogins
      ? "SSH refuses root password logins and throttles password guesses"
      : "SSH accepts no password logins",
    evidence,
  );
}

async function passwordThrottle(
  ctx: CheckContext,
): Promise<ProbeResult<{ throttled: boolean; evidence: string[] }>> {
  const lockout = await readLockoutPolicy(ctx.probe, ctx.platform);
  const locks = lockout.ok && lockout.value.threshold !== undefined;
  if (ctx.platform === "darwin") {
    if (!lockout.ok) return lockout;
    return {
      ok: true,
      value: { throttled: locks, evidence: lockout.value.evidence },
    };
  }

  const fail2ban = await ctx.probe.run("systemctl", ["is-active", "fail2ban"]);
  const state = fail2ban.ok ? fail2ban.value.stdout.trim() : "";
  const banning = state === "active";
  const evidence = [
    ...(lockout.ok ? lockout.value.evidence : [lockout.reason]),
    `fail2ban: ${state || "not reported by systemctl"}`,
  ];
  if (!locks && !banning && !lockout.ok) return lockout;
  return { ok: true, value: { throttled: locks || banning, evidence } };
}

// --- Listening services ---------------------------------------------------

/** PowerShell that lists listening TCP ports with their processes. */
export const WINDOWS_LISTENERS_SCRIPT =
  "Get-NetTCPConnection -State Listen | Select-Object LocalAddress,LocalPort," +
  "@{n='Process';e={(Get-Process -Id $_.OwningProcess " +
  "-ErrorAction SilentlyContinue).ProcessName}} | ConvertTo-Json";

/** Listening network services listed for review. */
export const listeningServicesCheck: CheckDefinition = {
  id: "secure_configuration.listening_services",
  control: "secure_configuration",
  title: "Listening network services",
  requirement:
    "Software and services that are not needed are removed or disabled; " +
    "the services listening on the network are listed for that review.",
  expected: "Information only: every listening service is one the device needs",
  remediation: "Stop and disable any listed service the device does not need",
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const listeners = await readListeners(ctx);
    if (!listeners.ok) {
      return info("The listening services could not be listed", [
        listeners.reason,
      ]);
    }
    const lines = listeners.value.map((l) =>
      `${l.protocol} ${l.address}${l.process ? ` ${l.process}` : ""}`
    );
    return info(`${lines.length} listening sockets`, [...new Set(lines)]);
  },
};

async function readListeners(
  ctx: CheckContext,
): Promise<ProbeResult<Listener[]>> {
  if (ctx.platform === "linux") {
    const result = succeeded(await ctx.probe.run("ss", ["-H", "-tulnp"]), "ss");
    return result.ok
      ? { ok: true, value: parseSs(result.value.stdout) }
      : result;
  }
  if (ctx.platform === "darwin") {
    const result = await ctx.probe.run("lsof", [
      "-nP",
      "-iTCP",
      "-sTCP:LISTEN",
    ]);
    // lsof exits 1 when nothing matched.
    if (!result.ok) return result;
    return { ok: true, value: parseLsofListen(result.value.stdout) };
  }

  const result = succeeded(
    await runPowershell(ctx.probe, WINDOWS_LISTENERS_SCRIPT),
    "Get-NetTCPConnection",
  );
  if (!result.ok) return result;
  const parsed = parsePowershellJson(result.value.stdout);
  if (!parsed.ok) return probeFailure("failed", parsed.reason);
  return {
    ok: true,
    value: objectList(parsed.value).map((o) => ({
      protocol: "tcp",
      address: `${jsonString(o.LocalAddress) ?? "?"}:${
        jsonNumber(o.LocalPort) ?? "?"
      }`,
      process: jsonString(o.Process),
    })),
  };
}

// --- Disk encryption ------------------------------------------------------

/** PowerShell that prints the system drive's BitLocker state. */
export const WINDOWS_BITLOCKER_SCRIPT =
  "Get-BitLockerVolume -MountPoint $env:SystemDrive | Select-Object " +
  "MountPoint,@{n='VolumeStatus';e={[string]$_.VolumeStatus}}," +
  "@{n='ProtectionStatus';e={[string]$_.ProtectionStatus}} | ConvertTo-Json";

/** Disk encryption reported for information; Cyber Essentials does not ask. */
export const diskEncryptionCheck: CheckDefinition = {
  id: "secure_configuration.disk_encryption",
  control: "secure_configuration",
  title: "Disk encryption",
  requirement:
    "Cyber Essentials does not require disk encryption; its state is " +
    "listed for information only.",
  expected: "Information only: disk encryption is not required",
  remediation: "",
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const state = await readDiskEncryption(ctx);
    if (!state.ok) {
      return info("The disk encryption state could not be read", [
        state.reason,
      ]);
    }
    return info(state.value.summary, state.value.evidence);
  },
};

interface EncryptionState {
  summary: string;
  evidence: string[];
}

function readDiskEncryption(
  ctx: CheckContext,
): Promise<ProbeResult<EncryptionState>> {
  if (ctx.platform === "windows") return windowsBitLocker(ctx.probe);
  if (ctx.platform === "darwin") return macFileVault(ctx.probe);
  return linuxRootEncryption(ctx.probe);
}

async function windowsBitLocker(
  probe: Probe,
): Promise<ProbeResult<EncryptionState>> {
  const result = succeeded(
    await runPowershell(probe, WINDOWS_BITLOCKER_SCRIPT),
    "Get-BitLockerVolume",
  );
  if (!result.ok) return result;
  const parsed = parsePowershellJson(result.value.stdout);
  const [volume] = parsed.ok ? objectList(parsed.value) : [];
  if (!volume) {
    return probeFailure("failed", "Get-BitLockerVolume printed no volume");
  }

  const protection = jsonString(volume.ProtectionStatus) ?? "unknown";
  const status = jsonString(volume.VolumeStatus) ?? "unknown";
  return {
    ok: true,
    value: {
      summary: `BitLocker protection is ${protection} on the system drive`,
      evidence: [
        `${jsonString(volume.MountPoint) ?? "?"}: VolumeStatus=${status} ` +
        `ProtectionStatus=${protection}`,
      ],
    },
  };
}

async function macFileVault(
  probe: Probe,
): Promise<ProbeResult<EncryptionState>> {
  const result = succeeded(
    await probe.run("fdesetup", ["status"]),
    "fdesetup status",
  );
  if (!result.ok) return result;
  const state = /^FileVault is (On|Off)\b/m.exec(result.value.stdout)?.[1];
  if (!state) {
    return probeFailure("failed", "fdesetup printed no FileVault state");
  }
  return {
    ok: true,
    value: {
      summary: `FileVault is ${state}`,
      evidence: [result.value.stdout.trim()],
    },
  };
}

async function linuxRootEncryption(
  probe: Probe,
): Promise<ProbeResult<EncryptionState>> {
  const result = succeeded(
    await probe.run("lsblk", ["-J", "-o", "NAME,TYPE,MOUNTPOINT"]),
    "lsblk",
  );
  if (!result.ok) return result;

  let devices: unknown;
  try {
    devices = JSON.parse(result.value.stdout).blockdevices;
  } catch {
    return probeFailure("failed", "lsblk printed something that is not JSON");
  }
  const chain = pathToMount(devices, "/");
  if (!chain) {
    return probeFailure("failed", "lsblk shows no device mounted on /");
  }

  const encrypted = chain.some((d) => d.type === "crypt");
  return {
    ok: true,
    value: {
      summary: encrypted
        ? "The root file system is on an encrypted device"
        : "The root file system is not on an encrypted device",
      evidence: [chain.map((d) => `${d.name} (${d.type})`).join(" > ")],
    },
  };
}

interface BlockDevice {
  name: string;
  type: string;
  mountpoint?: string | null;
  children?: BlockDevice[];
}

/** The devices from a top-level disk down to the one mounted at `mount`. */
function pathToMount(
  devices: unknown,
  mount: string,
): BlockDevice[] | undefined {
  if (!Array.isArray(devices)) return undefined;
  for (const device of devices as BlockDevice[]) {
    if (device.mountpoint === mount) return [device];
    const below = pathToMount(device.children, mount);
    if (below) return [device, ...below];
  }
  return undefined;
}

/** The secure configuration checks, in report order. */
export const secureConfigurationChecks: CheckDefinition[] = [
  guestAccountCheck,
  emptyPasswordsCheck,
  autorunCheck,
  screenLockCheck,
  bruteForceCheck,
  remoteLoginCheck,
  listeningServicesCheck,
  diskEncryptionCheck,
];
