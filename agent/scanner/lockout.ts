/**
 * Account lockout policies: what stops password guessing on each
 * platform (`net accounts` on Windows, `pwpolicy` on macOS, pam_faillock
 * or pam_tally2 in the PAM auth stacks on Linux).
 *
 * @module
 */
import type { ScanPlatform } from "./check.ts";
import { parseColonFields } from "./host.ts";
import { parseEqualsConf } from "./parse/config_files.ts";
import { pamArg, type PamRule, parsePamStack } from "./parse/pam.ts";
import { isPlistDict, parseXmlPlist, type PlistValue } from "./parse/plist.ts";
import {
  type Probe,
  probeFailure,
  type ProbeResult,
  succeeded,
} from "./probe.ts";
import { LINUX_FILES } from "./system_settings.ts";
/** PAM stacks every password login on Linux goes through. */
const LINUX_AUTH_STACKS = ["common-auth", "system-auth", "password-auth"];

/** What protects a device's logons against password guessing. */
export interface LockoutPolicy {
  /** Failed attempts before lockout; undefined when nothing locks. */
  threshold?: number;
  evidence: string[];
}

/** The account lockout policy of a platform. */
export function readLockoutPolicy(
  probe: Probe,
  platform: ScanPlatform,
): Promise<ProbeResult<LockoutPolicy>> {
  if (platform === "windows") return windowsLockout(probe);
  if (platform === "darwin") return macLockout(probe);
  return linuxLockout(probe);
}

/** The Windows lockout threshold from `net accounts`. */
export async function windowsLockout(
  probe: Probe,
): Promise<ProbeResult<LockoutPolicy>> {
  const result = succeeded(
    await probe.run("net", ["accounts"]),
    "net accounts",
  );
  if (!result.ok) return result;

  const raw = parseColonFields(result.value.stdout)["Lockout threshold"];
  const evidence = [`net accounts: Lockout threshold = ${raw}`];
  if (raw === "Never") return { ok: true, value: { evidence } };
  const threshold = Number(raw);
  if (raw === undefined || !Number.isInteger(threshold)) {
    return probeFailure(
      "failed",
      `net accounts printed no lockout threshold (got "${raw ?? ""}")`,
    );
  }
  // A threshold of 0 is how Windows says "never lock".
  return {
    ok: true,
    value: { threshold: threshold > 0 ? threshold : undefined, evidence },
  };
}

async function macLockout(probe: Probe): Promise<ProbeResult<LockoutPolicy>> {
  const result = succeeded(
    await probe.run("pwpolicy", ["-getaccountpolicies"]),
    "pwpolicy -getaccountpolicies",
  );
  if (!result.ok) return result;

  const body = result.value.stdout.split(/\r?\n/)
    .filter((line) => !/^Getting global account policies/.test(line))
    .join("\n").trim();
  if (body === "" || /^No global policies/.test(body)) {
    return { ok: true, value: { evidence: ["pwpolicy: no account policies"] } };
  }
  const plist = parseXmlPlist(body);
  if (!plist.ok || !isPlistDict(plist.value)) {
    return probeFailure(
      "failed",
      `pwpolicy printed something that is not a policy list`,
    );
  }

  const threshold = maxFailedAuthentications(plist.value);
  return {
    ok: true,
    value: {
      threshold,
      evidence: [
        threshold === undefined
          ? "pwpolicy: no policyAttributeMaximumFailedAuthentications"
          : `pwpolicy: policyAttributeMaximumFailedAuthentications = ${threshold}`,
      ],
    },
  };
}

/** The lowest failed-authentication limit of a macOS account policy. */
export function maxFailedAuthentications(
  policies: { [key: string]: PlistValue },
): number | undefined {
  const rules = policies.policyCategoryAuthentication;
  const limits = (Array.isArray(rules) ? rules : [])
    .filter(isPlistDict)
    .map((rule) => rule.policyParameters)
    .filter(isPlistDict)
    .map((params) => Number(params.policyAttributeMaximumFailedAuthentications))
    .filter((n) => Number.isInteger(n) && n > 0);
  return limits.length > 0 ? Math.min(...limits) : undefined;
}

async function linuxLockout(probe: Probe): Promise<ProbeResult<LockoutPolicy>> {
  const stacks = await readAuthStacks(probe);
  if (!stacks.ok) return stacks;

  const lockers = stacks.value.rules.filter((r) =>
    r.type === "auth" &&
    (r.module === "pam_faillock.so" || r.module === "pam_tally2.so")
  );
  const evidence = [
    `PAM stacks read: ${stacks.value.files.join(", ")}`,
    ...lockers.map((r) => `auth ${r.control} ${r.module} ${r.args.join(" ")}`),
  ];
  if (lockers.length === 0) {
    evidence.push("No pam_faillock or pam_tally2 in the auth stack");
    return { ok: true, value: { evidence } };
  }

  const conf = await probe.readFile(LINUX_FILES.faillock);
  const confDeny = conf.ok
    ? parseEqualsConf(conf.value).get("deny")
    : undefined;
  if (confDeny !== undefined) {
    evidence.push(`faillock.conf: deny = ${confDeny}`);
  }
  // pam_faillock locks after 3 failures unless told otherwise.
  const deny = Number(
    lockers.map((r) => pamArg(r, "deny")).find((d) => d !== undefined) ??
      confDeny ?? 3,
  );
  return {
    ok: true,
    value: { threshold: deny > 0 ? deny : undefined, evidence },
  };
}

/** The auth stacks of `/etc/pam.d`, with included files followed. */
async function readAuthStacks(
  probe: Probe,
): Promise<ProbeResult<{ files: string[]; rules: PamRule[] }>> {
  const listing = await probe.readDir(LINUX_FILES.pamDir);
  if (!listing.ok) return listing;

  const files: string[] = [];
  const rules: PamRule[] = [];
  const queue = LINUX_AUTH_STACKS.filter((f) => listing.value.includes(f));
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (files.includes(name)) continue;
    const text = await probe.readFile(`${LINUX_FILES.pamDir}/${name}`);
    if (!text.ok) return text;
    files.push(name);
    for (const rule of parsePamStack(text.value)) {
      if (rule.include) queue.push(rule.module);
      else rules.push(rule);
    }
  }
  if (files.length === 0) {
    return probeFailure(
      "not_found",
      `None of ${LINUX_AUTH_STACKS.join(", ")} is in ${LINUX_FILES.pamDir}`,
    );
  }
  return { ok: true, value: { files, rules } };
}
