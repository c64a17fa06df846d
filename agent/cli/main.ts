/**
 * The agent's command line: picks the command, parses its options and
 * turns every expected failure into one line and an exit status.
 *
 * @module
 */
import { AgentError, EXIT } from "../errors.ts";
import { AGENT_VERSION } from "../version.ts";
import { type AgentContext, openContext, reason } from "./context.ts";
import {
  type EnvReader,
  GLOBAL_HELP,
  type GlobalOptions,
  parseCommand,
  processEnv,
} from "./options.ts";
import { register, REGISTER_HELP } from "./register.ts";
import { RUN_HELP, runDaemon } from "./run.ts";
import { scanCommand, splitScanArgs } from "./scan.ts";
import {
  installServiceCommand,
  SERVICE_HELP,
  uninstallServiceCommand,
} from "./service.ts";
import { agentStatus, formatStatus, STATUS_HELP } from "./status.ts";
import { unregister, UNREGISTER_HELP } from "./unregister.ts";

/** Help shown by `cefleet-agent --help`. */
export const MAIN_HELP =
  `cefleet-agent ${AGENT_VERSION}: Cyber Essentials compliance agent

Usage: cefleet-agent <command> [options]

Commands:
  register           register this machine with a controller
  run                run the agent (heartbeat, commands, daily scan, uploads)
  scan               scan this machine once; --upload sends the report
  status             registration, controller, last heartbeat and scan, queue
  unregister         forget this machine's registration and token
  install-service    run the agent as a system service
  uninstall-service  remove the system service

Run "cefleet-agent <command> --help" for a command's options.
${GLOBAL_HELP}`;

/** Where output goes; tests capture it. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: Io = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** Runs the agent's command line; resolves with the exit status. */
export async function agentMain(
  args: string[],
  env: EnvReader = processEnv,
  io: Io = consoleIo,
): Promise<number> {
  const [command = "--help", ...rest] = args;

  try {
    return await dispatch(command, rest, env, io);
  } catch (error) {
    if (error instanceof AgentError) {
      io.err(`cefleet-agent: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof Deno.errors.PermissionDenied) {
      io.err(
        `cefleet-agent: ${reason(error)}; run as root (Administrator on ` +
          "Windows) or choose a folder with --state-dir",
      );
      return EXIT.failed;
    }
    if (error instanceof Deno.errors.NotCapable) {
      // Deno's advice to "run again with --allow-..." cannot be followed
      // with a compiled binary, so only the refused access is shown.
      const refused = error.message.split(/, run again/)[0];
      io.err(
        `cefleet-agent: this build of the agent may not do this: ${refused}`,
      );
      return EXIT.failed;
    }
    throw error;
  }
}

/** One command of the table below. */
interface CommandSpec {
  help: string;
  /** Options besides the global ones. */
  options: Record<string, { type: "string" | "boolean" }>;
  /** Whether the command creates folders and writes logs. */
  writable: boolean;
  run: (context: AgentContext, values: OptionValues) => Promise<number>;
}

type OptionValues = Record<string, string | boolean | undefined>;

const text = (value: unknown) => value as string | undefined;

const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  register: {
    help: REGISTER_HELP,
    options: {
      controller: { type: "string" },
      "enroll-secret": { type: "string" },
      "enroll-secret-file": { type: "string" },
      force: { type: "boolean" },
    },
    writable: true,
    run: async (context, values) => {
      await register(context, {
        controller: text(values.controller),
        enrollSecret: text(values["enroll-secret"]),
        enrollSecretFile: text(values["enroll-secret-file"]),
        force: values.force === true,
      });
      return EXIT.ok;
    },
  },
  run: { help: RUN_HELP, options: {}, writable: true, run: runDaemon },
  status: {
    help: STATUS_HELP,
    options: { json: { type: "boolean" } },
    writable: false,
    run: async (context, values) => {
      const status = await agentStatus(context);
      context.say(
        values.json
          ? JSON.stringify(status, null, 2)
          : formatStatus(status).join("\n"),
      );
      return EXIT.ok;
    },
  },
  unregister: {
    help: UNREGISTER_HELP,
    options: {},
    writable: true,
    run: async (context) => {
      await unregister(context);
      return EXIT.ok;
    },
  },
  "install-service": {
    help: SERVICE_HELP,
    options: { binary: { type: "string" }, root: { type: "string" } },
    writable: true,
    run: async (context, values) => {
      await installServiceCommand(context, {
        binary: text(values.binary),
        root: text(values.root),
      });
      return EXIT.ok;
    },
  },
  "uninstall-service": {
    help: SERVICE_HELP,
    options: { root: { type: "string" } },
    writable: true,
    run: async (context, values) => {
      await uninstallServiceCommand(context, { root: text(values.root) });
      return EXIT.ok;
    },
  },
};

/** Spellings of the original agent, kept so its scripts still work. */
const ALIASES: Readonly<Record<string, string>> = {
  "--daemon": "run",
  "--register": "register",
};

async function dispatch(
  name: string,
  args: string[],
  env: EnvReader,
  io: Io,
): Promise<number> {
  if (["-h", "--help", "help"].includes(name)) {
    io.out(MAIN_HELP);
    return EXIT.ok;
  }
  if (name === "--version" || name === "version") {
    io.out(AGENT_VERSION);
    return EXIT.ok;
  }
  // `scan` hands its options to the scanner, so it parses its own.
  if (name === "scan") return await scan(args, env, io);

  const command = COMMANDS[ALIASES[name] ?? name];
  if (!command) {
    throw new AgentError(
      "usage",
      `Unknown command "${name}" (see "cefleet-agent --help")`,
    );
  }

  const { globals, values } = parseCommand(name, args, command.options, env);
  if (globals.help) {
    io.out(`${command.help}\n${GLOBAL_HELP}`);
    return EXIT.ok;
  }
  const context = await openContext(globals, env, {
    writable: command.writable,
    say: io.out,
  });
  return await command.run(context, values as OptionValues);
}

async function scan(args: string[], env: EnvReader, io: Io) {
  const split = splitScanArgs(args);
  if (!split.upload) return await scanCommand(undefined, split.scannerArgs);

  const globals: GlobalOptions = {
    stateDir: split.stateDir ?? env("CEFLEET_AGENT_DIR"),
    caCert: split.caCert,
    noVerifySsl: split.noVerifySsl,
    help: false,
  };
  const context = await openContext(globals, env, {
    writable: true,
    say: io.out,
  });
  return await scanCommand(context, split.scannerArgs);
}
