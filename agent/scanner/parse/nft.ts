/**
 * Parser of `nft list ruleset`: tables, chains, base-chain hooks and
 * policies, and rule lines.
 *
 * @module
 */
import {
  type InboundAllowRule,
  parsePortList,
  type PortRange,
} from "./ports.ts";

/** One chain of an nftables table. */
export interface NftChain {
  /** `<family> <table> <chain>`, unique in a ruleset. */
  key: string;
  family: string;
  table: string;
  name: string;
  /** Base chains only: `type`, `hook` and `policy` of the chain. */
  type?: string;
  hook?: string;
  policy?: string;
  /** Rule lines, in order, as printed. */
  rules: string[];
}

const TABLE = /^table\s+(\S+)\s+(\S+)\s*\{$/;
const CHAIN = /^chain\s+(\S+)\s*\{$/;
const BASE = /^type\s+(\S+)\s+hook\s+(\S+)\b.*?(?:policy\s+(\w+);)?\s*$/;

/** Parses the chains of `nft list ruleset`, skipping sets and maps. */
export function parseNftRuleset(stdout: string): NftChain[] {
  const chains: NftChain[] = [];
  let table: { family: string; name: string } | null = null;
  let chain: NftChain | null = null;
  // Depth of braces that belong to neither a table nor a chain: set,
  // map and flowtable blocks, and element lists spread over lines.
  let other = 0;

  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;

    if (other > 0) {
      other += braceBalance(line);
      continue;
    }
    const tableMatch = TABLE.exec(line);
    if (!table && tableMatch) {
      table = { family: tableMatch[1], name: tableMatch[2] };
      continue;
    }
    const chainMatch = CHAIN.exec(line);
    if (table && !chain && chainMatch) {
      chain = newChain(table, chainMatch[1]);
      continue;
    }
    if (line === "}") {
      if (chain) chains.push(chain);
      else table = null;
      chain = null;
      continue;
    }
    if (chain) {
      addChainLine(chain, line);
      continue;
    }
    other += braceBalance(line);
  }
  return chains;
}

function newChain(table: { family: string; name: string }, name: string) {
  return {
    key: `${table.family} ${table.name} ${name}`,
    family: table.family,
    table: table.name,
    name,
    rules: [],
  };
}

function addChainLine(chain: NftChain, line: string): void {
  const base = BASE.exec(line);
  if (base) {
    chain.type = base[1];
    chain.hook = base[2];
    chain.policy = base[3] ?? "accept";
    return;
  }
  chain.rules.push(line);
}

function braceBalance(line: string): number {
  return (line.match(/\{/g)?.length ?? 0) - (line.match(/\}/g)?.length ?? 0);
}

/** Filter base chains on the input hook. */
export function inputChains(chains: readonly NftChain[]): NftChain[] {
  return chains.filter((c) => c.type === "filter" && c.hook === "input");
}

/**
 * Whether a chain drops what its rules did not accept: its policy is drop,
 * or its last rule is an unconditional drop or reject, and no final
 * unconditional accept undoes it.
 */
export function blocksByDefault(chain: NftChain): boolean {
  const last = chain.rules[chain.rules.length - 1];
  const bare = last === undefined ? "" : withoutDecorations(last);
  // A final bare accept lets everything through whatever the policy says.
  if (bare === "accept") return false;
  return chain.policy === "drop" || isUnconditionalBlock(bare);
}

function isUnconditionalBlock(bare: string): boolean {
  return bare === "drop" || /^reject(\s+with\s+.+)?$/.test(bare);
}

// Counters, log statements and comments change no verdict.
function withoutDecorations(rule: string): string {
  return rule
    .replace(/\bcounter(\s+packets\s+\d+\s+bytes\s+\d+)?/g, "")
    .replace(/\blog(\s+prefix\s+"[^"]*")?(\s+level\s+\w+)?/g, "")
    .replace(/\bcomment\s+"[^"]*"/g, "")
    .trim()
    .replace(/\s+/g, " ");
}

/**
 * Chains a packet can reach from the input base chains through `jump` and
 * `goto`, base chains first.
 */
export function reachableFromInput(chains: readonly NftChain[]): NftChain[] {
  const byKey = new Map(chains.map((c) => [c.key, c]));
  const seen = new Set<string>();
  const queue = inputChains(chains);
  const reached: NftChain[] = [];

  while (queue.length > 0) {
    const chain = queue.shift()!;
    if (seen.has(chain.key)) continue;
    seen.add(chain.key);
    reached.push(chain);
    for (const rule of chain.rules) {
      const target = /\b(?:jump|goto)\s+(\S+)/.exec(rule)?.[1];
      const next = target &&
        byKey.get(`${chain.family} ${chain.table} ${target}`);
      if (next) queue.push(next);
    }
  }
  return reached;
}

/** Accepting rules of the chains reachable from input, in common shape. */
export function nftInboundAllows(
  chains: readonly NftChain[],
): InboundAllowRule[] {
  return reachableFromInput(chains).flatMap((chain) =>
    chain.rules
      .filter((rule) => /\baccept$/.test(withoutDecorations(rule)))
      .filter((rule) => !isStateOrLoopback(rule))
      .map((rule) => ({
        text: `${chain.key}: ${rule}`,
        ports: destinationPorts(rule),
        fromAnywhere: !/\b(saddr|iif|iifname)\b/.test(rule),
      }))
  );
}

// Return traffic and loopback are how every host works, not openings.
function isStateOrLoopback(rule: string): boolean {
  return /^ct state\b/.test(rule) || /^(iif|iifname)\s+"?lo"?\s/.test(rule);
}

// Older nft releases print well-known ports by service name.
const SERVICE_PORTS: Record<string, string> = {
  ssh: "22",
  telnet: "23",
  http: "80",
  https: "443",
  "ms-wbt-server": "3389",
};

function destinationPorts(rule: string): PortRange[] | "any" {
  const match = /\bdport\s+(\{[^}]*\}|\S+)/.exec(rule);
  if (!match) return /\bicmp(v6)?\b/.test(rule) ? [] : "any";

  const list = match[1].replace(/[{}\s]/g, "").split(",")
    .map((port) => SERVICE_PORTS[port] ?? port.replace("-", ":"));
  return parsePortList(list.join(",")) ?? [];
}
