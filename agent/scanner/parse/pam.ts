/**
 * Parser for PAM stacks (`/etc/pam.d/*`), enough to find which modules a
 * service's password or auth stack runs and with which arguments.
 *
 * @module
 */

/** One rule of a PAM stack. */
export interface PamRule {
  /** `auth`, `account`, `password` or `session` (without a leading `-`). */
  type: string;
  /** `required`, `requisite`..., or a bracketed `[value=action ...]`. */
  control: string;
  /** Module file name, e.g. `pam_pwquality.so`. */
  module: string;
  /** Module arguments as written, e.g. `minlen=12`. */
  args: string[];
  /** True for an `@include` line; `module` then names the included file. */
  include: boolean;
}

/** Parses a PAM configuration file into its rules, in order. */
export function parsePamStack(text: string): PamRule[] {
  const rules: PamRule[] = [];
  for (const line of joinContinuations(text)) {
    const rule = parsePamLine(line);
    if (rule) rules.push(rule);
  }
  return rules;
}

/** The value of a module argument `name=value`, or undefined. */
export function pamArg(rule: PamRule, name: string): string | undefined {
  const prefix = `${name}=`;
  const arg = rule.args.find((a) => a.startsWith(prefix));
  return arg?.slice(prefix.length);
}

/** The file name of a module path (`/lib/security/pam_unix.so`). */
export function moduleName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function joinContinuations(text: string): string[] {
  return text.replace(/\\\r?\n/g, " ").split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter((line) => line !== "");
}

function parsePamLine(line: string): PamRule | undefined {
  const include = /^@include\s+(\S+)/.exec(line);
  if (include) {
    return {
      type: "",
      control: "",
      module: include[1],
      args: [],
      include: true,
    };
  }

  const tokens = tokenize(line);
  if (tokens.length < 3) return undefined;
  const [type, control, module, ...args] = tokens;
  return {
    type: type.replace(/^-/, ""),
    control,
    module: moduleName(module),
    args,
    include: control === "include" || control === "substack",
  };
}

// A control may be a bracketed list with spaces, and an argument may be
// bracketed too (`[use_first_pass]`), so brackets group words.
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const pattern = /\[[^\]]*\]|\S+/g;
  for (const match of line.matchAll(pattern)) tokens.push(match[0]);
  return tokens;
}
