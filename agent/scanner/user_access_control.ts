/**
 * User access control: passwords long enough to resist guessing, admin
 * accounts kept apart from everyday ones, the built-in administrator out of
 * use, and no forgotten accounts left enabled.
 *
 * @module
 */
import {
  type CheckContext,
  type CheckDefinition,
  type CheckOutcome,
  info,
  limit,
  pass,
  unknown,
  unknownFromProbe,
  violation,
} from "./check.ts";
import { parseColonFields } from "./host.ts";
import { got, missed, type Reading } from "./reading.ts";
import {
  type GroupEntry,
  isLoginShell,
  isPasswordLocked,
  parseGroup,
  parsePasswd,
  parseShadow,
  type PasswdEntry,
  type ShadowEntry,
} from "./parse/accounts.ts";
import { parseEqualsConf, parseLoginDefs } from "./parse/config_files.ts";
import {
  isLocalSession,
  type LastLogin,
  parseBsdLast,
  parseLastlog,
  parseWho,
} from "./parse/logins.ts";
import { pamArg, type PamRule, parsePamStack } from "./parse/pam.ts";
import { isIncludedSudoersFile, parseSudoers } from "./parse/sudoers.ts";
import { isPlistDict, parseXmlPlist, type PlistValue } from "./parse/plist.ts";
import {
  JSON_SCRIPT_PRELUDE,
  jsonBoolean,
  type JsonObject,
  jsonString,
  objectList,
  parsePowershellJson,
  powershellDate,
} from "./parse/powershell_json.ts";
import {
  type Probe,
  type ProbeResult,
  runPowershell,
  succeeded,
} from "./probe.ts";

const CONTROL = "user_access_control" as const;
const DAY_MS = 86_400_000;

// --- Where the facts live -------------------------------------------------

/** Files and commands the user access control checks read on Linux. */
export const LINUX_ACCOUNT_SOURCES = {
  passwd: "/etc/passwd",
  group: "/etc/group",
  shadow: "/etc/shadow",
  sudoers: "/etc/sudoers",
  loginDefs: "/etc/login.defs",
  pwqualityConf: "/etc/security/pwquality.conf",
  pwqualityDir: "/etc/security/pwquality.conf.d",
  // Debian and SUSE keep the password stack in common-password; Red Hat's
  // family in system-auth.
  passwordStacks: ["/etc/pam.d/common-password", "/etc/pam.d/system-auth"],
} as const;

/** Groups whose members can become root on Linux. */
export const LINUX_ADMIN_GROUPS = ["sudo", "wheel", "admin"] as const;

/** PowerShell listing local accounts with the fields the checks need. */
export const WINDOWS_LOCAL_USERS_SCRIPT = [
  JSON_SCRIPT_PRELUDE,
  "function Iso($d) { if ($d) { $d.ToUniversalTime().ToString('o') } };",
  "Get-LocalUser | Select-Object Name,Enabled,",
  "@{n='SID';e={$_.SID.Value}},",
  "@{n='LastLogon';e={Iso $_.LastLogon}},",
  "@{n='PasswordLastSet';e={Iso $_.PasswordLastSet}}",
  "| ConvertTo-Json",
].join(" ");

/**
 * PowerShell listing the local Administrators group (by its well-known SID,
 * so it works in every language) and the user at the console. Errors stop
 * the script, so a member list cut short by an error is never read as
 * complete. PrincipalSource is cast to a string because Windows
 * PowerShell 5.1 writes enums as their numbers.
 */
export const WINDOWS_ADMINS_SCRIPT = [
  JSON_SCRIPT_PRELUDE,
  "$members = @(Get-LocalGroupMember -SID 'S-1-5-32-544' |",
  "Select-Object Name,ObjectClass,",
  "@{n='PrincipalSource';e={[string]$_.PrincipalSource}},",
  "@{n='SID';e={$_.SID.Value}});",
  "$console = (Get-CimInstance -ClassName Win32_ComputerSystem).UserName;",
  "[pscustomobject]@{ Members = $members; ConsoleUser = $console }",
  "| ConvertTo-Json -Depth 3",
].join(" ");

// --- Password length ------------------------------------------------------

/** A device's password length policy, as read from its system. */
export interface PasswordPolicy {
  /** Shortest password the system accepts; undefined when none is set. */
  minLength?: number;
  /** True when the system rejects common or dictionary passwords. */
  denyList: boolean;
  /** Where the policy came from, in one phrase. */
  source: string;
  evidence: string[];
}

/**
 * Judges a password policy against Cyber Essentials: a length of
 * `min_length_with_deny_list` with common passwords blocked, or
 * `min_length` without.
 */
export function judgePasswordLength(
  ctx: CheckContext,
  policy: PasswordPolicy,
): CheckOutcome {
  const withDenyList = limit(ctx, "min_length_with_deny_list");
  const without = limit(ctx, "min_length");
  const needed = policy.denyList ? withDenyList : without;
  const found = policy.minLength === undefined
    ? "no minimum length"
    : `a minimum of ${policy.minLength} characters`;
  const blocking = policy.denyList
    ? "common passwords blocked"
    : "no block on common passwords";
  const actual = `${policy.source} sets ${found}, ${blocking}`;

  if (policy.minLength !== undefined && policy.minLength >= needed) {
    return pass(actual, policy.evidence);
  }
  return {
    ...violation(ctx, actual, policy.evidence),
    expected: `At least ${needed} characters ` +
      (policy.denyList
        ? "(common passwords are blocked)"
        : `(or ${withDenyList} with a block on common passwords)`),
  };
}

const passwordLength: CheckDefinition = {
  id: `${CONTROL}.password_length`,
  control: CONTROL,
  title: "Password length",
  requirement:
    "Passwords are at least 8 characters long with a technical block on " +
    "common passwords, or at least 12 characters long; there is no maximum.",
  expected:
    "At least 8 characters with common passwords blocked, or at least 12",
  remediation: {
    linux:
      "Install libpam-pwquality (or libpwquality), add pam_pwquality.so to " +
      "the password stack and set minlen = 12 in " +
      "/etc/security/pwquality.conf (dictcheck stays on)",
    darwin: "Set a password policy: sudo pwpolicy -setglobalpolicy " +
      '"minChars=12", or push a passcode profile with minLength 12 from MDM',
    windows:
      "Set Computer Configuration > Windows Settings > Security Settings > " +
      "Account Policies > Password Policy > Minimum password length to 12 " +
      "(or: net accounts /minpwlen:12)",
  },
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const policy = await readPasswordPolicy(ctx.probe, ctx.platform);
    if (!policy.ok) return policy.outcome;
    return judgePasswordLength(ctx, policy.value);
  },
};

function readPasswordPolicy(
  probe: Probe,
  platform: CheckContext["platform"],
): Promise<Reading<PasswordPolicy>> {
  if (platform === "windows") return readWindowsPasswordPolicy(probe);
  if (platform === "darwin") return readMacPasswordPolicy(probe);
  return readLinuxPasswordPolicy(probe);
}

async function readWindowsPasswordPolicy(
  probe: Probe,
): Promise<Reading<PasswordPolicy>> {
  const [accounts, entra] = await Promise.all([
    netAccounts(probe),
    entraJoined(probe),
  ]);
  if (!accounts.ok) return accounts;

  const raw = accounts.value["Minimum password length"];
  const minLength = Number(raw);
  if (raw === undefined || !Number.isInteger(minLength)) {
    return missed(unknown("net accounts printed no minimum password length", [
      `Minimum password length: "${raw ?? ""}"`,
    ]));
  }
  const local = `net accounts: Minimum password length = ${raw}`;
  if (entra.joined) return got(entraPolicy(local, entra.text));

  return got({
    minLength: minLength === 0 ? undefined : minLength,
    // A banned-password list (Entra ID Password Protection) works in the
    // directory, not on the device, so the device cannot show it.
    denyList: false,
    source: "Local password policy",
    evidence: [
      local,
      entra.text,
      "A banned-password list cannot be read on the device",
    ],
  });
}

// People sign in to an Entra-joined device with their Entra ID account,
// whose password Entra ID checks: at least 8 characters, and never on its
// global list of banned passwords. That policy cannot be lowered.
function entraPolicy(local: string, joined: string): PasswordPolicy {
  return {
    minLength: 8,
    denyList: true,
    source: "Microsoft Entra ID",
    evidence: [
      joined,
      "Entra ID accounts need 8 or more characters and cannot use a " +
      "banned (common) password",
      `${local} (applies to local accounts only)`,
    ],
  };
}

/** Whether `dsregcmd /status` says the device is joined to Entra ID. */
async function entraJoined(
  probe: Probe,
): Promise<{ joined: boolean; text: string }> {
  const result = succeeded(
    await probe.run("dsregcmd", ["/status"]),
    "dsregcmd /status",
  );
  if (!result.ok) {
    return { joined: false, text: `Entra ID join not read: ${result.reason}` };
  }
  const state = parseColonFields(result.value.stdout).AzureAdJoined;
  return {
    joined: state === "YES",
    text: `dsregcmd: AzureAdJoined ${state ?? "(not listed)"}`,
  };
}

async function netAccounts(
  probe: Probe,
): Promise<Reading<Record<string, string>>> {
  const result = succeeded(
    await probe.run("net", ["accounts"]),
    "net accounts",
  );
  if (!result.ok) return missed(unknownFromProbe(result));
  return got(parseColonFields(result.value.stdout));
}

/** Command that prints macOS's global account policies as a plist. */
export const MAC_PWPOLICY_ARGS = ["-getaccountpolicies"] as const;

async function readMacPasswordPolicy(
  probe: Probe,
): Promise<Reading<PasswordPolicy>> {
  const policies = await macAccountPolicies(probe);
  if (!policies.ok) return policies;

  const minLength = macMinimumLength(policies.value);
  return got({
    minLength,
    // macOS has no built-in check against common passwords.
    denyList: false,
    source: "The macOS account policy",
    evidence: [
      minLength === undefined
        ? "pwpolicy: no policyCategoryPasswordContent rule sets a length"
        : `pwpolicy: minimum length ${minLength}`,
    ],
  });
}

type MacPolicies = { [key: string]: PlistValue };

async function macAccountPolicies(
  probe: Probe,
): Promise<Reading<MacPolicies>> {
  const result = succeeded(
    await probe.run("pwpolicy", [...MAC_PWPOLICY_ARGS]),
    "pwpolicy -getaccountpolicies",
  );
  if (!result.ok) return missed(unknownFromProbe(result));

  // With no policy set, pwpolicy prints only its heading line.
  const body = result.value.stdout.split(/\r?\n/).slice(1).join("\n").trim();
  if (body === "" || /^No global policies/.test(body)) return got({});

  const plist = parseXmlPlist(result.value.stdout);
  if (!plist.ok || !isPlistDict(plist.value)) {
    return missed(
      unknown("pwpolicy printed something that is not a policy list", [
        plist.ok ? "The plist is not a dictionary" : plist.reason,
      ]),
    );
  }
  return got(plist.value);
}

/**
 * The minimum length a macOS account policy enforces: the largest of its
 * password-content rules' `minimumLength` parameters or `.{N,}` patterns.
 */
export function macMinimumLength(policies: MacPolicies): number | undefined {
  const lengths: number[] = [];
  for (const rule of policyRules(policies, "policyCategoryPasswordContent")) {
    const params = rule.policyParameters;
    if (isPlistDict(params) && params.minimumLength !== undefined) {
      lengths.push(Number(params.minimumLength));
    }
    const content = typeof rule.policyContent === "string"
      ? rule.policyContent
      : "";
    const pattern = /policyAttributePassword matches '\.\{(\d+),/.exec(content);
    if (pattern) lengths.push(Number(pattern[1]));
  }
  const valid = lengths.filter(Number.isFinite);
  return valid.length > 0 ? Math.max(...valid) : undefined;
}

function policyRules(
  policies: MacPolicies,
  category: string,
): { [key: string]: PlistValue }[] {
  const rules = policies[category];
  return Array.isArray(rules) ? rules.filter(isPlistDict) : [];
}

/** Password-quality settings of pam_pwquality or pam_cracklib. */
interface QualitySettings {
  minlen: number;
  dictcheck: boolean;
  credits: number;
  enforcing: boolean;
}

async function readLinuxPasswordPolicy(
  probe: Probe,
): Promise<Reading<PasswordPolicy>> {
  const stack = await readPasswordStack(probe);
  if (!stack.ok) return stack;

  const evidence = [
    `${stack.value.path}: ${describeRules(stack.value.rules)}`,
    ...(await loginDefsNote(probe)),
  ];
  const quality = stack.value.rules.find((r) =>
    r.module === "pam_pwquality.so" || r.module === "pam_cracklib.so"
  );
  if (quality) {
    const settings = await qualitySettings(probe, quality, evidence);
    if (settings.enforcing) {
      return got({
        // pam_pwquality never accepts fewer than 6 characters, and each
        // positive class credit lets a password be one character shorter.
        minLength: Math.max(6, settings.minlen - settings.credits),
        denyList: settings.dictcheck,
        source: quality.module,
        evidence,
      });
    }
    evidence.push(`${quality.module} only warns (enforcing = 0)`);
  }
  return got(unixMinimum(stack.value.rules, evidence));
}

function unixMinimum(rules: PamRule[], evidence: string[]): PasswordPolicy {
  const unix = rules.find((r) => r.module === "pam_unix.so");
  if (!unix) {
    return { denyList: false, source: "The PAM password stack", evidence };
  }
  // pam_unix's own minimum is 6 unless `minlen=` says otherwise, and it
  // holds only when people change their own password, not when root sets one.
  const minlen = Number(pamArg(unix, "minlen") ?? 6);
  evidence.push(
    `pam_unix.so minimum ${minlen}, not applied to passwords root sets`,
  );
  return {
    minLength: minlen,
    denyList: false,
    source: "pam_unix.so",
    evidence,
  };
}

async function readPasswordStack(
  probe: Probe,
): Promise<Reading<{ path: string; rules: PamRule[] }>> {
  let lastFailure: ProbeResult<string> | undefined;
  for (const path of LINUX_ACCOUNT_SOURCES.passwordStacks) {
    const file = await probe.readFile(path);
    if (file.ok) {
      const rules = parsePamStack(file.value).filter((r) =>
        r.type === "password"
      );
      return got({ path, rules });
    }
    // A file that exists but cannot be read says more than a missing one.
    if (!lastFailure || file.kind !== "not_found") lastFailure = file;
  }
  if (lastFailure && !lastFailure.ok) {
    return missed(unknownFromProbe(lastFailure));
  }
  return missed(unknown("No PAM password stack was found"));
}

function describeRules(rules: PamRule[]): string {
  if (rules.length === 0) return "no password rules";
  return rules.map((r) => [r.module, ...r.args].join(" ")).join("; ");
}

async function qualitySettings(
  probe: Probe,
  rule: PamRule,
  evidence: string[],
): Promise<QualitySettings> {
  const isCracklib = rule.module === "pam_cracklib.so";
  const conf = isCracklib ? new Map<string, string>() : await pwqualityConf(
    probe,
    evidence,
  );
  const value = (name: string) => pamArg(rule, name) ?? conf.get(name);

  const credits = ["dcredit", "ucredit", "lcredit", "ocredit"]
    .map((name) => Number(value(name) ?? (isCracklib ? 1 : 0)))
    .filter((n) => Number.isFinite(n) && n > 0)
    .reduce((sum, n) => sum + n, 0);
  const settings = {
    minlen: Number(value("minlen") ?? (isCracklib ? 9 : 8)),
    dictcheck: isCracklib || value("dictcheck") !== "0",
    credits,
    enforcing: value("enforcing") !== "0",
  };
  evidence.push(
    `${rule.module}: minlen=${settings.minlen} credits=${credits} ` +
      `dictcheck=${settings.dictcheck ? 1 : 0}`,
  );
  return settings;
}

async function pwqualityConf(
  probe: Probe,
  evidence: string[],
): Promise<Map<string, string>> {
  const settings = new Map<string, string>();
  const main = await probe.readFile(LINUX_ACCOUNT_SOURCES.pwqualityConf);
  if (main.ok) {
    for (const [k, v] of parseEqualsConf(main.value)) settings.set(k, v);
  } else {
    evidence.push(`pwquality.conf not read: ${main.reason}`);
  }

  // Drop-in files are read after the main file, in name order, and win.
  const dir = await probe.readDir(LINUX_ACCOUNT_SOURCES.pwqualityDir);
  for (const name of dir.ok ? dir.value : []) {
    if (!name.endsWith(".conf")) continue;
    const file = await probe.readFile(
      `${LINUX_ACCOUNT_SOURCES.pwqualityDir}/${name}`,
    );
    if (!file.ok) continue;
    for (const [k, v] of parseEqualsConf(file.value)) settings.set(k, v);
  }
  return settings;
}

async function loginDefsNote(probe: Probe): Promise<string[]> {
  const file = await probe.readFile(LINUX_ACCOUNT_SOURCES.loginDefs);
  if (!file.ok) return [];
  const minLen = parseLoginDefs(file.value).get("PASS_MIN_LEN");
  if (minLen === undefined) return [];
  return [
    `login.defs PASS_MIN_LEN=${minLen} (not used when passwords change ` +
    "through PAM)",
  ];
}

// --- Password expiry and complexity (information) --------------------------

const passwordRules: CheckDefinition = {
  id: `${CONTROL}.password_rules`,
  control: CONTROL,
  title: "Password expiry and complexity rules",
  requirement:
    "Cyber Essentials does not require password expiry or complexity " +
    "rules; they are listed for information only.",
  expected: "Information only: no expiry or complexity rule is required",
  remediation: "",
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const facts = await readPasswordRuleFacts(ctx.probe, ctx.platform);
    return info(
      facts.length > 0
        ? "Expiry and complexity rules found; none is required"
        : "No expiry or complexity rule could be read; none is required",
      facts,
    );
  },
};

async function readPasswordRuleFacts(
  probe: Probe,
  platform: CheckContext["platform"],
): Promise<string[]> {
  if (platform === "windows") {
    const accounts = await netAccounts(probe);
    if (!accounts.ok) return [];
    const fields = accounts.value;
    return ["Maximum password age (days)", "Minimum password age (days)"]
      .filter((k) => fields[k] !== undefined)
      .map((k) => `net accounts: ${k} = ${fields[k]}`);
  }
  if (platform === "darwin") {
    const policies = await macAccountPolicies(probe);
    if (!policies.ok) return [];
    return [
      ...policyRules(policies.value, "policyCategoryPasswordChange"),
      ...policyRules(policies.value, "policyCategoryPasswordContent"),
    ].map((r) => `pwpolicy: ${String(r.policyIdentifier ?? r.policyContent)}`);
  }
  const file = await probe.readFile(LINUX_ACCOUNT_SOURCES.loginDefs);
  if (!file.ok) return [];
  const defs = parseLoginDefs(file.value);
  return ["PASS_MAX_DAYS", "PASS_MIN_DAYS", "PASS_WARN_AGE"]
    .filter((k) => defs.has(k))
    .map((k) => `login.defs ${k}=${defs.get(k)}`);
}

// --- Admin accounts separate ----------------------------------------------

/** Who holds admin rights, and who uses the device every day. */
export interface AdminFacts {
  /** Accounts with admin rights, as the system names them. */
  admins: string[];
  /** Users signed in at the device itself (console, seat, local display). */
  consoleUsers: string[];
  /** Enabled human accounts without admin rights. */
  standardUsers: string[];
  evidence: string[];
}

/**
 * Judges admin separation: the person at the device should work in a
 * standard account. With nobody signed in, a device whose only human
 * accounts are admins has no everyday account to use. A server without a
 * desktop passes: all work on it is administration.
 */
export function judgeAdminSeparation(
  ctx: CheckContext,
  facts: AdminFacts,
): CheckOutcome {
  const admins = new Set(facts.admins.map(normaliseAccount));
  const evidence = [
    `Administrators: ${facts.admins.join(", ") || "none"}`,
    ...facts.evidence,
  ];

  // Nobody reads email or browses on a server without a desktop: whoever
  // signs in there does administration, which is what admin accounts are for.
  if (ctx.host.isServer && !ctx.host.hasDesktop) {
    return pass(
      "A server without a desktop is used only for administration",
      evidence,
    );
  }

  const adminAtConsole = facts.consoleUsers.filter((u) =>
    admins.has(normaliseAccount(u))
  );
  if (adminAtConsole.length > 0) {
    return violation(
      ctx,
      `The everyday user ${adminAtConsole.join(", ")} is an administrator`,
      evidence,
    );
  }
  if (facts.consoleUsers.length > 0) {
    return pass(
      `The everyday user ${facts.consoleUsers.join(", ")} has no admin rights`,
      evidence,
    );
  }
  if (facts.standardUsers.length > 0) {
    return pass(
      "Nobody is signed in at the device; standard accounts exist: " +
        facts.standardUsers.join(", "),
      evidence,
    );
  }
  const humanAdmins = facts.admins.filter((a) => !isRootName(a));
  if (humanAdmins.length > 0) {
    return violation(
      ctx,
      "Every user account is an administrator; there is no standard " +
        "account for everyday work",
      evidence,
    );
  }
  return pass("No user account has admin rights", evidence);
}

function isRootName(name: string): boolean {
  return name === "root";
}

// Windows names members DOMAIN\user; the console user is written the same
// way, but case may differ.
function normaliseAccount(name: string): string {
  return name.toLowerCase();
}

const adminSeparation: CheckDefinition = {
  id: `${CONTROL}.admin_separation`,
  control: CONTROL,
  title: "Admin accounts separate from everyday accounts",
  requirement:
    "Administrative accounts are used only for administrative work; people " +
    "use a standard account for everyday work such as email and browsing.",
  expected: "The user at the device works in a standard (non-admin) account",
  remediation: {
    linux:
      "Give each person a standard account for daily work and a separate " +
      "admin account in the sudo/wheel group (gpasswd -d USER sudo)",
    darwin: "Create a separate admin account, then untick 'Allow user to " +
      "administer this computer' for the everyday account in Users & Groups",
    windows:
      "Create a separate admin account and remove the everyday account from " +
      "the Administrators group (Remove-LocalGroupMember)",
  },
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const facts = await readAdminFacts(ctx.probe, ctx.platform);
    if (!facts.ok) return facts.outcome;
    return judgeAdminSeparation(ctx, facts.value);
  },
};

function readAdminFacts(
  probe: Probe,
  platform: CheckContext["platform"],
): Promise<Reading<AdminFacts>> {
  if (platform === "windows") return readWindowsAdminFacts(probe);
  if (platform === "darwin") return readMacAdminFacts(probe);
  return readLinuxAdminFacts(probe);
}

async function readLinuxAdminFacts(
  probe: Probe,
): Promise<Reading<AdminFacts>> {
  const [passwdFile, groupFile] = await Promise.all([
    probe.readFile(LINUX_ACCOUNT_SOURCES.passwd),
    probe.readFile(LINUX_ACCOUNT_SOURCES.group),
  ]);
  if (!passwdFile.ok) return missed(unknownFromProbe(passwdFile));
  if (!groupFile.ok) return missed(unknownFromProbe(groupFile));

  const passwd = parsePasswd(passwdFile.value);
  const sudoers = await readSudoers(probe);
  const adminGroupNames = new Set<string>([
    ...LINUX_ADMIN_GROUPS,
    ...sudoers.groups,
  ]);
  const groups = parseGroup(groupFile.value)
    .filter((g) => adminGroupNames.has(g.name));
  const admins = adminMembers(passwd, groups, sudoers.users);

  const humans = humanAccounts(passwd);
  const who = await probe.run("who", []);
  const consoleUsers = who.ok
    ? unique(
      parseWho(who.value.stdout).filter(isLocalSession).map((s) => s.user),
    )
    : [];
  return got({
    admins: [...admins].sort(),
    consoleUsers,
    standardUsers: humans.map((u) => u.name).filter((n) => !admins.has(n)),
    evidence: [
      `Admin groups: ${groups.map((g) => g.name).join(", ") || "none"}`,
      ...sudoers.evidence,
      who.ok
        ? `Signed in at the device: ${consoleUsers.join(", ") || "nobody"}`
        : `who not run: ${who.reason}`,
    ],
  });
}

function adminMembers(
  passwd: readonly PasswdEntry[],
  groups: readonly GroupEntry[],
  sudoUsers: readonly string[],
): Set<string> {
  const admins = new Set([
    "root",
    ...sudoUsers,
    ...groups.flatMap((g) => g.members),
  ]);
  // A user whose primary group is an admin group is a member too, though
  // /etc/group does not list them.
  const adminGids = new Set(groups.map((g) => g.gid));
  for (const user of passwd) {
    if (adminGids.has(user.gid)) admins.add(user.name);
  }
  return admins;
}

/** Full sudo grants from /etc/sudoers and its included directories. */
async function readSudoers(
  probe: Probe,
): Promise<{ users: string[]; groups: string[]; evidence: string[] }> {
  const main = await probe.readFile(LINUX_ACCOUNT_SOURCES.sudoers);
  if (!main.ok) {
    return {
      users: [],
      groups: [],
      evidence: [`sudoers not read (admin groups only): ${main.reason}`],
    };
  }

  const grants = parseSudoers(main.value);
  const users = [...grants.users];
  const groups = [...grants.groups];
  for (const dir of grants.includeDirs) {
    const listing = await probe.readDir(dir);
    for (const name of listing.ok ? listing.value : []) {
      if (!isIncludedSudoersFile(name)) continue;
      const file = await probe.readFile(`${dir}/${name}`);
      if (!file.ok) continue;
      const more = parseSudoers(file.value);
      users.push(...more.users);
      groups.push(...more.groups);
    }
  }
  const granted = [...users, ...groups.map((g) => `%${g}`)];
  return {
    users,
    groups,
    evidence: [`sudoers grants ALL to: ${granted.join(", ") || "nobody"}`],
  };
}

/**
 * Linux accounts people log in with: a login shell and a user id in the
 * range `useradd` gives people (1000 up to, not including, 65534).
 */
export function humanAccounts(passwd: readonly PasswdEntry[]): PasswdEntry[] {
  return passwd.filter((u) =>
    u.uid >= 1000 && u.uid < 65534 && isLoginShell(u.shell)
  );
}

async function readMacAdminFacts(
  probe: Probe,
): Promise<Reading<AdminFacts>> {
  const group = succeeded(
    await probe.run("dscl", [".", "-read", "/Groups/admin", "GroupMembership"]),
    "dscl . -read /Groups/admin",
  );
  if (!group.ok) return missed(unknownFromProbe(group));
  const admins = parseColonFields(group.value.stdout).GroupMembership
    ?.split(/\s+/).filter(Boolean) ?? [];

  const users = await macUsers(probe);
  if (!users.ok) return users;
  const console = await probe.run("stat", ["-f", "%Su", "/dev/console"]);
  // At the login window the console belongs to root: nobody is signed in.
  const owner = console.ok ? console.value.stdout.trim() : "";
  const consoleUsers = owner !== "" && owner !== "root" ? [owner] : [];

  return got({
    admins,
    consoleUsers,
    standardUsers: users.value.filter((u) => !admins.includes(u)),
    evidence: [
      `Signed in at the console: ${consoleUsers.join(", ") || "nobody"}`,
    ],
  });
}

/** Local macOS accounts people use: user id 501 or more, no `_` prefix. */
async function macUsers(probe: Probe): Promise<Reading<string[]>> {
  const list = succeeded(
    await probe.run("dscl", [".", "-list", "/Users", "UniqueID"]),
    "dscl . -list /Users UniqueID",
  );
  if (!list.ok) return missed(unknownFromProbe(list));

  const users: string[] = [];
  for (const line of list.value.stdout.split(/\r?\n/)) {
    const m = /^(\S+)\s+(-?\d+)\s*$/.exec(line);
    if (m && Number(m[2]) >= 501 && !m[1].startsWith("_")) users.push(m[1]);
  }
  return got(users);
}

async function readWindowsAdminFacts(
  probe: Probe,
): Promise<Reading<AdminFacts>> {
  const result = succeeded(
    await runPowershell(probe, WINDOWS_ADMINS_SCRIPT),
    "Get-LocalGroupMember Administrators",
  );
  if (!result.ok) return missed(unknownFromProbe(result));
  const parsed = parsePowershellJson(result.value.stdout);
  if (!parsed.ok) {
    return missed(
      unknown("The Administrators list was not JSON", [parsed.reason]),
    );
  }

  const data = objectList(parsed.value)[0] ?? {};
  // TODO: expand members that are groups (a domain's "Domain Admins", an
  // Entra ID role); a console user who is an admin only through such a
  // group is not seen, though the group is listed as evidence.
  const members = objectList(data.Members);
  const consoleUser = jsonString(data.ConsoleUser);
  const admins = members.map((m) => jsonString(m.Name) ?? "").filter(Boolean);

  const users = await windowsLocalUsers(probe);
  const standardUsers = users.ok
    ? users.value.filter((u) => u.enabled && !isAdminSid(u, members))
      .map((u) => u.name)
    : [];
  return got({
    admins,
    consoleUsers: consoleUser ? [consoleUser] : [],
    standardUsers,
    evidence: [
      ...members.map((m) =>
        `Member: ${m.Name} (${m.ObjectClass}, ${m.PrincipalSource})`
      ),
      `Signed in at the console: ${consoleUser ?? "nobody"}`,
    ],
  });
}

function isAdminSid(user: WindowsUser, members: JsonObject[]): boolean {
  return members.some((m) => m.SID === user.sid);
}

// --- Built-in administrator -------------------------------------------------

const builtinAdmin: CheckDefinition = {
  id: `${CONTROL}.builtin_admin`,
  control: CONTROL,
  title: "Built-in administrator account not in use",
  requirement:
    "Default administrative accounts are disabled, renamed or otherwise " +
    "kept out of everyday use, so their well-known names cannot be guessed.",
  expected: {
    linux: "The root account's password is locked (sudo is used instead)",
    darwin: "The root user is disabled",
    windows: "The built-in Administrator (SID ending -500) is disabled or " +
      "renamed",
  },
  remediation: {
    linux: "Lock root's password with 'passwd -l root' and use sudo",
    darwin: "Disable the root user: dsenableroot -d",
    windows: "Disable the built-in Administrator: Disable-LocalUser -SID " +
      "(Get-LocalUser | Where-Object { $_.SID -like '*-500' }).SID",
  },
  platforms: ["linux", "darwin", "windows"],
  run(ctx) {
    if (ctx.platform === "windows") return windowsBuiltinAdmin(ctx);
    if (ctx.platform === "darwin") return macRoot(ctx);
    return linuxRoot(ctx);
  },
};

async function linuxRoot(ctx: CheckContext): Promise<CheckOutcome> {
  const shadow = await ctx.probe.readFile(LINUX_ACCOUNT_SOURCES.shadow);
  if (!shadow.ok) return unknownFromProbe(shadow);

  const root = parseShadow(shadow.value).find((e) => e.name === "root");
  if (!root) return unknown("/etc/shadow has no entry for root");
  if (isPasswordLocked(root.password)) {
    return pass("root's password is locked", [
      `/etc/shadow root password field starts with "${root.password[0]}"`,
    ]);
  }
  return violation(ctx, "root has a usable password", [
    root.password === ""
      ? "/etc/shadow root password field is empty"
      : "/etc/shadow root password field holds a password hash",
  ]);
}

async function macRoot(ctx: CheckContext): Promise<CheckOutcome> {
  const result = await ctx.probe.run("dscl", [
    ".",
    "-read",
    "/Users/root",
    "AuthenticationAuthority",
  ]);
  if (!result.ok) return unknownFromProbe(result);

  const said = `${result.value.stdout}\n${result.value.stderr}`.split(/\r?\n/)
    .map((l) => l.trim());
  // A disabled root user has no authentication authority at all.
  if (said.includes("No such key: AuthenticationAuthority")) {
    return pass("The root user is disabled", [
      "dscl: root has no AuthenticationAuthority",
    ]);
  }
  const authority = parseColonFields(result.value.stdout)
    .AuthenticationAuthority;
  if (result.value.code === 0 && authority !== undefined) {
    return violation(ctx, "The root user is enabled", [
      `dscl: AuthenticationAuthority: ${authority}`,
    ]);
  }
  return unknown("dscl printed no AuthenticationAuthority for root", [
    `dscl exited ${result.value.code}`,
  ]);
}

async function windowsBuiltinAdmin(ctx: CheckContext): Promise<CheckOutcome> {
  const users = await windowsLocalUsers(ctx.probe);
  if (!users.ok) return users.outcome;

  const admin = users.value.find((u) => u.sid.endsWith("-500"));
  if (!admin) return unknown("No local account has a SID ending in -500");
  const evidence = [
    `${admin.name} (${admin.sid}): Enabled=${admin.enabled}`,
  ];
  if (!admin.enabled) {
    return pass(
      `The built-in Administrator (${admin.name}) is disabled`,
      evidence,
    );
  }
  if (admin.name.toLowerCase() !== "administrator") {
    return pass(
      `The built-in Administrator is enabled but renamed to ${admin.name}`,
      evidence,
    );
  }
  return violation(
    ctx,
    "The built-in Administrator is enabled under its default name",
    evidence,
  );
}

/** A local Windows account, as the checks need it. */
export interface WindowsUser {
  name: string;
  enabled: boolean;
  sid: string;
  lastLogon?: Date;
  passwordLastSet?: Date;
}

async function windowsLocalUsers(
  probe: Probe,
): Promise<Reading<WindowsUser[]>> {
  const result = succeeded(
    await runPowershell(probe, WINDOWS_LOCAL_USERS_SCRIPT),
    "Get-LocalUser",
  );
  if (!result.ok) return missed(unknownFromProbe(result));
  const parsed = parsePowershellJson(result.value.stdout);
  if (!parsed.ok) {
    return missed(
      unknown("Get-LocalUser output was not JSON", [parsed.reason]),
    );
  }
  return got(parseWindowsUsers(parsed.value));
}

/** Local accounts from {@linkcode WINDOWS_LOCAL_USERS_SCRIPT}'s JSON. */
export function parseWindowsUsers(value: unknown): WindowsUser[] {
  return objectList(value).map((o) => {
    const user: WindowsUser = {
      name: jsonString(o.Name) ?? "",
      enabled: jsonBoolean(o.Enabled) ?? false,
      sid: jsonString(o.SID) ?? "",
    };
    const lastLogon = powershellDate(o.LastLogon);
    const passwordLastSet = powershellDate(o.PasswordLastSet);
    if (lastLogon) user.lastLogon = lastLogon;
    if (passwordLastSet) user.passwordLastSet = passwordLastSet;
    return user;
  }).filter((u) => u.name !== "");
}

// --- Inactive accounts ------------------------------------------------------

/** An enabled account and what is known of its use. */
export interface AccountUse {
  name: string;
  lastLogin?: Date;
  /** When the account was created or its password last set, if known. */
  since?: Date;
}

/**
 * Judges enabled accounts' last use. An account never used counts from
 * when it was set up, when that is known; otherwise it is flagged too,
 * because nothing shows it is needed.
 */
export function judgeInactiveAccounts(
  ctx: CheckContext,
  accounts: readonly AccountUse[],
  extraEvidence: string[] = [],
): CheckOutcome {
  const maxDays = limit(ctx, "max_inactive_days");
  const now = ctx.now().getTime();
  const idle = accounts.filter((a) => {
    const last = a.lastLogin ?? a.since;
    return !last || (now - last.getTime()) / DAY_MS > maxDays;
  });

  const evidence = [...accounts.map(describeUse), ...extraEvidence];
  if (idle.length === 0) {
    return pass(
      `All ${accounts.length} enabled accounts were used in the last ` +
        `${maxDays} days`,
      evidence,
    );
  }
  return {
    ...violation(
      ctx,
      `${idle.length} enabled account(s) unused for over ${maxDays} days: ` +
        idle.map((a) => a.name).join(", "),
      evidence,
    ),
    expected: `Every enabled account used within ${maxDays} days`,
  };
}

function describeUse(account: AccountUse): string {
  const last = account.lastLogin
    ? `last login ${account.lastLogin.toISOString()}`
    : "never logged in";
  const since = account.since
    ? `, set up ${account.since.toISOString().slice(0, 10)}`
    : "";
  return `${account.name}: ${last}${since}`;
}

const inactiveAccounts: CheckDefinition = {
  id: `${CONTROL}.inactive_accounts`,
  control: CONTROL,
  title: "No unused enabled accounts",
  requirement:
    "Accounts no longer needed are removed or disabled: user accounts are " +
    "managed through a process that removes them when people leave.",
  expected: "Every enabled account used within 90 days",
  remediation: {
    linux: "Remove (userdel) or lock (usermod -L -e 1) accounts nobody uses",
    darwin: "Delete unused accounts in System Settings > Users & Groups",
    windows: "Disable (Disable-LocalUser) or remove unused local accounts",
  },
  platforms: ["linux", "darwin", "windows"],
  async run(ctx) {
    const uses = await readAccountUse(ctx);
    if (!uses.ok) return uses.outcome;
    return judgeInactiveAccounts(ctx, uses.value.accounts, uses.value.evidence);
  },
};

function readAccountUse(
  ctx: CheckContext,
): Promise<Reading<{ accounts: AccountUse[]; evidence: string[] }>> {
  if (ctx.platform === "windows") return windowsAccountUse(ctx.probe);
  if (ctx.platform === "darwin") return macAccountUse(ctx);
  return linuxAccountUse(ctx.probe, ctx.now());
}

async function windowsAccountUse(
  probe: Probe,
): Promise<Reading<{ accounts: AccountUse[]; evidence: string[] }>> {
  const users = await windowsLocalUsers(probe);
  if (!users.ok) return users;

  const accounts = users.value.filter((u) => u.enabled).map((u) => ({
    name: u.name,
    lastLogin: u.lastLogon,
    since: u.passwordLastSet,
  }));
  return got({ accounts, evidence: [] });
}

async function linuxAccountUse(
  probe: Probe,
  now: Date,
): Promise<Reading<{ accounts: AccountUse[]; evidence: string[] }>> {
  const passwdFile = await probe.readFile(LINUX_ACCOUNT_SOURCES.passwd);
  if (!passwdFile.ok) return missed(unknownFromProbe(passwdFile));
  const logins = await linuxLastLogins(probe);
  if (!logins.ok) return logins;

  const shadowFile = await probe.readFile(LINUX_ACCOUNT_SOURCES.shadow);
  const shadow = shadowFile.ok ? parseShadow(shadowFile.value) : [];
  const accounts = humanAccounts(parsePasswd(passwdFile.value))
    .filter((u) => !isExpired(shadow.find((s) => s.name === u.name), now))
    .map((u) => ({
      name: u.name,
      lastLogin: logins.value.get(u.name),
      since: passwordChanged(shadow.find((s) => s.name === u.name)),
    }));
  const evidence = shadowFile.ok
    ? []
    : [`Account set-up dates unknown: ${shadowFile.reason}`];
  return got({ accounts, evidence });
}

// An expired account cannot log in, so it is as good as disabled.
function isExpired(entry: ShadowEntry | undefined, now: Date): boolean {
  return entry?.expireDay !== undefined &&
    entry.expireDay * DAY_MS < now.getTime();
}

function passwordChanged(entry: ShadowEntry | undefined): Date | undefined {
  const day = entry?.lastChangeDay;
  return day !== undefined && day > 0 ? new Date(day * DAY_MS) : undefined;
}

async function linuxLastLogins(
  probe: Probe,
): Promise<Reading<Map<string, Date | undefined>>> {
  // Debian 13 and later replaced lastlog with lastlog2; both print the same.
  let result = await probe.run("lastlog", []);
  if (!result.ok && result.kind === "not_found") {
    result = await probe.run("lastlog2", []);
  }
  const ran = succeeded(result, "lastlog");
  if (!ran.ok) return missed(unknownFromProbe(ran));
  return got(
    new Map(parseLastlog(ran.value.stdout).map((l) => [l.user, l.at])),
  );
}

async function macAccountUse(
  ctx: CheckContext,
): Promise<Reading<{ accounts: AccountUse[]; evidence: string[] }>> {
  const users = await macUsers(ctx.probe);
  if (!users.ok) return users;
  const last = succeeded(await ctx.probe.run("last", []), "last");
  if (!last.ok) return missed(unknownFromProbe(last));

  const record = parseBsdLast(last.value.stdout, ctx.now());
  const byUser = new Map<string, LastLogin>(
    record.logins.map((l) => [l.user, l]),
  );
  // An account absent from the login record was not used since it began.
  const accounts = users.value.map((name) => ({
    name,
    lastLogin: byUser.get(name)?.at,
    since: byUser.has(name) ? undefined : record.begins,
  }));
  return got({
    accounts,
    evidence: [
      `Login record begins ${record.begins?.toISOString() ?? "(unknown)"}`,
    ],
  });
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** The checks of this control, in report order. */
export const userAccessControlChecks: CheckDefinition[] = [
  passwordLength,
  passwordRules,
  adminSeparation,
  builtinAdmin,
  inactiveAccounts,
];
