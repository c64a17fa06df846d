/**
 * Readers of system settings that several secure configuration checks
 * share: Windows local accounts and registry keys, Linux accounts, and
 * GNOME settings from dconf's system databases or `gsettings`.
 *
 * @module
 */
import { isLoginShell, parsePasswd, parseShadow } from "./parse/accounts.ts";
import { parseKeyFile } from "./parse/keyfile.ts";
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

/** What `gsettings get` prints for a key, trimmed. */
export async function gsettingsGet(
  probe: Probe,
  schema: string,
  key: string,
): Promise<ProbeResult<string>> {
  const result = succeeded(
    await probe.run("gsettings", ["get", schema, key]),
    `gsettings get ${schema} ${key}`,
  );
  if (!result.ok) return result;
  return { ok: true, value: result.value.stdout.trim() };
}

/**
 * A GNOME boolean setting: the system database's value when an
 * administrator set one, otherwise what `gsettings` reports.
 */
export async function gnomeBoolean(
  probe: Probe,
  schema: string,
  key: string,
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

  const current = await gsettingsGet(probe, schema, key);
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
      evidence: [`gsettings ${schema} ${key} = ${current.value}`],
    },
  };
}
