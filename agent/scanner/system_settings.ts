/**
 * Readers of system settings that several secure configuration checks
 * share: Windows local accounts and registry keys, Linux accounts, and
 * GNOME settings from dconf's system databases or `gsettings`.
 *
 * @module
 */
import { isLoginShell, parsePasswd, parseShadow } from "./parse/accounts.ts";
import { parseKeyFile } from "./parse/keyfile.ts";
import { isLocalSession, parseWho } from "./parse/logins.ts";
import {
  jsonBoolean,
  jsonString,
  objectList,
  parsePowershellJson,
} from "./parse/powershell_json.ts";
import {
  isMissingKey,
  parseRegQuery,
  type RegValue,
} from "./parse/reg_query.ts";
import {
  type Probe,
  probeFailure,
  type ProbeResult,
  runPowershell,
  succeeded,
} from "./probe.ts";

/** PowerShell that lists local accounts with their SID and password rule. */
export const WINDOWS_LOCAL_USERS_SCRIPT =
  "Get-LocalUser | Select-Object Name,Enabled," +
  "@{n='SID';e={$_.SID.Value}},PasswordRequired | ConvertTo-Json";

/** A Windows local account as `Get-LocalUser` lists it. */
export interface WindowsUser {
  name: string;
  sid: string;
  enabled: boolean;
  passwordRequired: boolean;
}

/** The local accounts of a Windows device. */
export async function windowsUsers(
  probe: Probe,
): Promise<ProbeResult<WindowsUser[]>> {
  const result = succeeded(
    await runPowershell(probe, WINDOWS_LOCAL_USERS_SCRIPT),
    "Get-LocalUser",
  );
  if (!result.ok) return result;
  const parsed = parsePowershellJson(result.value.stdout);
  if (!parsed.ok) return probeFailure("failed", parsed.reason);

  const users = objectList(parsed.value).map((o) => ({
    name: jsonString(o.Name) ?? "",
    sid: jsonString(o.SID) ?? "",
    enabled: jsonBoolean(o.Enabled) ?? true,
    passwordRequired: jsonBoolean(o.PasswordRequired) ?? true,
  }));
  if (users.length === 0 || users.some((u) => u.sid === "")) {
    return probeFailure(
      "failed",
      "Get-LocalUser printed no accounts with SIDs",
    );
  }
  return { ok: true, value: users };
}

/**
 * Reads a registry key with `reg query`. Null when the key does not exist,
 * which for policy keys means the policy is not set.
 */
export async function regQuery(
  probe: Probe,
  key: string,
): Promise<ProbeResult<Map<string, RegValue> | null>> {
  const result = await probe.run("reg", ["query", key]);
  if (!result.ok) return result;
  if (result.value.code !== 0 && isMissingKey(result.value.stderr)) {
    return { ok: true, value: null };
  }
  const done = succeeded(result, `reg query ${key}`);
  if (!done.ok) return done;
  return { ok: true, value: parseRegQuery(result.value.stdout) };
}

/** Linux files the secure configuration checks read. */
export const LINUX_FILES = {
  passwd: "/etc/passwd",
  shadow: "/etc/shadow",
  lightdm: "/etc/lightdm/lightdm.conf",
  lightdmDir: "/etc/lightdm/lightdm.conf.d",
  dconfDb: "/etc/dconf/db",
  faillock: "/etc/security/faillock.conf",
  pamDir: "/etc/pam.d",
  sshdConfig: "/etc/ssh/sshd_config",
} as const;

/** A Linux account joined from /etc/passwd and /etc/shadow. */
export interface LinuxAccount {
  name: string;
  shell: string;
  /** The shadow hash field. */
  password: string;
  expired: boolean;
}

/** The accounts of a Linux device, with their shadow password fields. */
export async function linuxAccounts(
  probe: Probe,
  now: Date,
): Promise<ProbeResult<LinuxAccount[]>> {
  const passwd = await probe.readFile(LINUX_FILES.passwd);
  if (!passwd.ok) return passwd;
  const shadow = await probe.readFile(LINUX_FILES.shadow);
  if (!shadow.ok) return shadow;

  const today = Math.floor(now.getTime() / 86_400_000);
  const hashes = new Map(parseShadow(shadow.value).map((s) => [s.name, s]));
  return {
    ok: true,
    value: parsePasswd(passwd.value).map((p) => {
      const entry = hashes.get(p.name);
      return {
        name: p.name,
        shell: p.shell,
        // An account missing from shadow cannot log in with a password.
        password: entry?.password ?? "*",
        expired: entry?.expireDay !== undefined && entry.expireDay <= today,
      };
    }),
  };
}

/** Whether an account has a login shell and has not expired. */
export function canLogIn(account: LinuxAccount): boolean {
  return isLoginShell(account.shell) && !account.expired;
}

/** Values of a dconf key in the system databases (`/etc/dconf/db/*.d`). */
async function dconfSystemValues(
  probe: Probe,
  section: string,
  key: string,
): Promise<string[]> {
  const databases = await probe.readDir(LINUX_FILES.dconfDb);
  if (!databases.ok) return [];

  const found: string[] = [];
  for (const db of databases.value.filter((name) => name.endsWith(".d"))) {
    const dir = `${LINUX_FILES.dconfDb}/${db}`;
    const files = await probe.readDir(dir);
    if (!files.ok) continue;
    for (const file of files.value) {
      const text = await probe.readFile(`${dir}/${file}`);
      const value = text.ok
        ? parseKeyFile(text.value).get(section)?.get(key)
        : undefined;
      if (value !== undefined) found.push(`${dir}/${file}: ${key}=${value}`);
    }
  }
  return found;
}

/**
 * Whose per-user desktop settings a check reads: the person signed in at
 * the console when the scan runs as root, otherwise the scan's own account.
 */
export interface SettingsOwner {
  /** The account whose settings are read; undefined when unknown. */
  user?: string;
  /** Home folder of the console user whose settings root reads. */
  home?: string;
  /** Variables that point a command at that user's settings. */
  env?: Record<string, string>;
  /** A sentence naming whose settings were read, for evidence. */
  evidence: string;
}

/**
 * Finds whose settings to read. A daemon runs the scan as root, and root's
 * own desktop settings say nothing about the person using the device.
 */
export async function settingsOwner(
  probe: Probe,
  platform: "linux" | "darwin",
): Promise<SettingsOwner> {
  const self = await scanAccount(probe);
  const atConsole = platform === "linux"
    ? await linuxConsoleUser(probe)
    : await macConsoleUser(probe);
  const own = self ?? "the account the scan runs as";

  if (atConsole === undefined) {
    return {
      user: self,
      evidence:
        `No one is signed in at the console; read the settings of ${own}`,
    };
  }
  if (self !== "root") {
    const also = atConsole === self ? "" : `; ${atConsole} is at the console`;
    return { user: self, evidence: `Read the settings of ${own}${also}` };
  }

  const home = platform === "linux"
    ? await linuxHome(probe, atConsole)
    : `/Users/${atConsole}`;
  if (home === undefined) {
    return {
      user: self,
      evidence: `${atConsole} is at the console but has no home folder in ` +
        `/etc/passwd; read the settings of root`,
    };
  }
  return consoleOwner(atConsole, home);
}

/**
 * The console user `user` with home folder `home`, and the environment
 * that makes per-user tools such as gsettings read that user's settings.
 */
export function consoleOwner(user: string, home: string): SettingsOwner {
  return {
    user,
    home,
    env: {
      HOME: home,
      XDG_CONFIG_HOME: `${home}/.config`,
      USER: user,
      LOGNAME: user,
    },
    evidence: `Read the settings of ${user}, signed in at the console`,
  };
}

async function scanAccount(probe: Probe): Promise<string | undefined> {
  const result = succeeded(await probe.run("id", ["-un"]), "id -un");
  const name = result.ok ? result.value.stdout.trim() : "";
  return name === "" ? undefined : name;
}

async function linuxConsoleUser(probe: Probe): Promise<string | undefined> {
  const who = succeeded(await probe.run("who", []), "who");
  if (!who.ok) return undefined;
  return parseWho(who.value.stdout)
    .filter(isLocalSession)
    .map((s) => s.user)
    .find((user) => user !== "root");
}

async function macConsoleUser(probe: Probe): Promise<string | undefined> {
  const owner = succeeded(
    await probe.run("stat", ["-f", "%Su", "/dev/console"]),
    "stat /dev/console",
  );
  const name = owner.ok ? owner.value.stdout.trim() : "";
  // At the login window the console belongs to root: nobody is signed in.
  return name === "" || name === "root" ? undefined : name;
}

async function linuxHome(
  probe: Probe,
  user: string,
): Promise<string | undefined> {
  const passwd = await probe.readFile(LINUX_FILES.passwd);
  if (!passwd.ok) return undefined;
  const home = parsePasswd(passwd.value).find((e) => e.name === user)?.home;
  return home === undefined || home === "" ? undefined : home;
}

/**
 * What `gsettings get` prints for a key, trimmed, for the given owner's
 * settings (the scan's own account when none is given).
 */
export async function gsettingsGet(
  probe: Probe,
  schema: string,
  key: string,
  owner?: SettingsOwner,
): Promise<ProbeResult<string>> {
  const options = owner?.env ? { env: owner.env } : undefined;
  const result = succeeded(
    await probe.run("gsettings", ["get", schema, key], options),
    `gsettings get ${schema} ${key}`,
  );
  if (!result.ok) return result;
  return { ok: true, value: result.value.stdout.trim() };
}

/**
 * A GNOME boolean setting: the system database's value when an
 * administrator set one, otherwise what `gsettings` reports for the owner.
 */
export async function gnomeBoolean(
  probe: Probe,
  schema: string,
  key: string,
  owner?: SettingsOwner,
): Promise<ProbeResult<{ value: boolean; evidence: string[] }>> {
  const section = schema.replace(/^org\.gnome\./, "org/gnome/")
    .replaceAll(".", "/");
  const system = await dconfSystemValues(probe, section, key);
  const last = system[system.length - 1];
  if (last) {
    return {
      ok: true,
      value: { value: /=true$/.test(last), evidence: system },
    };
  }

  const current = await gsettingsGet(probe, schema, key, owner);
  if (!current.ok) return current;
  if (current.value !== "true" && current.value !== "false") {
    return probeFailure(
      "failed",
      `gsettings printed "${current.value}" for ${schema} ${key}`,
    );
  }
  return {
    ok: true,
    value: {
      value: current.value === "true",
      evidence: [
        ...(owner ? [owner.evidence] : []),
        `gsettings ${schema} ${key} = ${current.value}`,
      ],
    },
  };
}
