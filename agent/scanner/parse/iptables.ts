/**
 * Parser of `iptables -S` (the rules as the commands that would recreate
 * them).
 *
 * @module
 */
import {
  type InboundAllowRule,
  parsePortList,
  type PortRange,
} from "./ports.ts";

/** The filter table as `iptables -S` prints it. */
export interface IptablesRules {
  /** Built-in chain policies, e.g. `{INPUT: "DROP"}`. */
  policies: Record<string, string>;
  /** Rules per chain, each as its argument words after `-A <chain>`. */
  chains: Record<string, string[][]>;
}

/** Parses `iptables -S`; returns null when no line is a `-P` or `-A`. */
export function parseIptablesRules(stdout: string): IptablesRules | null {
  const rules: IptablesRules = { policies: {}, chains: {} };
  let understood = 0;

  for (const line of stdout.split(/\r?\n/)) {
    const words = splitWords(line.trim());
    const [flag, chain, ...rest] = words;
    if (flag === "-P" && chain && rest[0]) {
      rules.policies[chain] = rest[0];
      understood++;
    } else if (flag === "-N" && chain) {
      rules.chains[chain] ??= [];
      understood++;
    } else if (flag === "-A" && chain) {
      (rules.chains[chain] ??= []).push(rest);
      understood++;
    }
  }
  return understood > 0 ? rules : null;
}

// iptables quotes comments that contain spaces: --comment "allow ssh".
function splitWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    words.push(match[1] ?? match[2]);
  }
  return words;
}

/** The value after an option such as `--dport`, or undefined. */
function option(words: string[], name: string): string | undefined {
  const index = words.indexOf(name);
  return index >= 0 ? words[index + 1] : undefined;
}

/**
 * Whether INPUT drops what its rules did not accept: policy DROP, or a
 * last rule that drops or rejects with no condition, and no final
 * unconditional ACCEPT undoes it.
 */
export function inputBlocksByDefault(rules: IptablesRules): boolean {
  const input = rules.chains.INPUT ?? [];
  const last = input[input.length - 1];
  const lastTarget = last && isUnconditional(last) ? option(last, "-j") : "";
  // A final bare ACCEPT lets everything through whatever the policy says.
  if (lastTarget === "ACCEPT") return false;
  return rules.policies.INPUT === "DROP" ||
    lastTarget === "DROP" || lastTarget === "REJECT";
}

function isUnconditional(words: string[]): boolean {
  const conditions = words.filter((w, i) =>
    w.startsWith("-") && !TARGET_OPTIONS.has(w) && words[i - 1] !== "-j"
  );
  return conditions.length === 0;
}

// Options that belong to the target or count packets, not to the match.
const TARGET_OPTIONS = new Set(["-j", "--reject-with", "-c"]);

/** Chains reachable from INPUT through jumps, INPUT first. */
export function chainsFromInput(rules: IptablesRules): string[] {
  const seen: string[] = [];
  const queue = ["INPUT"];
  while (queue.length > 0) {
    const chain = queue.shift()!;
    if (seen.includes(chain)) continue;
    seen.push(chain);
    for (const words of rules.chains[chain] ?? []) {
      const target = option(words, "-j") ?? option(words, "-g");
      if (target && rules.chains[target]) queue.push(target);
    }
  }
  return seen;
}

/** ACCEPT rules reachable from INPUT, in the common rule shape. */
export function iptablesInboundAllows(
  rules: IptablesRules,
): InboundAllowRule[] {
  return chainsFromInput(rules).flatMap((chain) =>
    (rules.chains[chain] ?? [])
      .filter((words) => option(words, "-j") === "ACCEPT")
      .filter((words) => !isStateOrLoopback(words))
      .map((words) => ({
        text: `-A ${chain} ${words.join(" ")}`,
        ports: destinationPorts(words),
        fromAnywhere: isFromAnywhere(words),
      }))
  );
}

// Return traffic and loopback are how every host works, not openings.
function isStateOrLoopback(words: string[]): boolean {
  return option(words, "-i") === "lo" ||
    option(words, "--ctstate") !== undefined ||
    option(words, "--state") !== undefined;
}

function isFromAnywhere(words: string[]): boolean {
  const source = option(words, "-s");
  if (source && source !== "0.0.0.0/0" && source !== "::/0") return false;
  return option(words, "-i") === undefined;
}

function destinationPorts(words: string[]): PortRange[] | "any" {
  const spec = option(words, "--dport") ?? option(words, "--dports");
  if (spec) return parsePortList(spec) ?? [];
  const protocol = option(words, "-p");
  return protocol === "icmp" || protocol === "ipv6-icmp" ? [] : "any";
}
