/**
 * Command-line parsing shared by the agent's commands: the global options
 * every command accepts, and one-line errors for anything unexpected.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { AgentError } from "../errors.ts";

/** Options every command accepts. */
export const GLOBAL_OPTIONS = {
  "state-dir": { type: "string" },
  "ca-cert": { type: "string" },
  "no-verify-ssl": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

/** Values of the global options, with the environment applied. */
export interface GlobalOptions {
  stateDir?: string;
  caCert?: string;
  noVerifySsl: boolean;
  help: boolean;
}

/** Reads an environment variable; injectable for tests. */
export type EnvReader = (name: string) => string | undefined;

/** The real environment; a variable the agent may not read counts as unset. */
export const processEnv: EnvReader = (name) => {
  try {
    return Deno.env.get(name) || undefined;
  } catch {
    return undefined;
  }
};

/**
 * Parses `args` against the global options plus `extra`. Unknown options
 * and stray arguments are usage errors, said in one line.
 */
export function parseCommand<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  args: string[],
  extra: T,
  env: EnvReader,
) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...GLOBAL_OPTIONS, ...extra },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new AgentError(
      "usage",
      `${usageMessage(error)} (see "cefleet-agent ${command} --help")`,
    );
  }

  const values = parsed.values as Record<string, string | boolean | undefined>;
  const globals: GlobalOptions = {
    stateDir: (values["state-dir"] as string | undefined) ??
      env("CEFLEET_AGENT_DIR"),
    caCert: values["ca-cert"] as string | undefined,
    noVerifySsl: values["no-verify-ssl"] === true,
    help: values.help === true,
  };
  return { globals, values };
}

function usageMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // "argument is ambiguous" is how node:util says that the next word,
  // another option, was taken for no value at all.
  const valueless = /^Option '(-[\w-]+)[^']*' argument (missing|is ambiguous)/
    .exec(text);
  if (valueless) return `Option ${valueless[1]} needs a value`;
  // node:util words its errors for developers; keep the first sentence.
  return text.split(/\.\s/)[0].replace(/\.$/, "").replace(
    /^./,
    (c) => c.toUpperCase(),
  );
}

/** Text shown under every command's own help. */
export const GLOBAL_HELP = `
Options for every command:
  --state-dir DIR     keep config, token, queue and logs under DIR
                      (also CEFLEET_AGENT_DIR); default: the OS's folders
  --ca-cert FILE      trust the private CA in FILE (PEM) for the controller
  --no-verify-ssl     do not check the controller's certificate (tests only)
  -h, --help          show help`;
