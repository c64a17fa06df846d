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
  const [first = "--help", ...rest] = args;
  const command = first === "--daemon" ? "run" : first;

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

async function dispatch(
  command: string,
  args: string[],
  env: EnvReader,
  io: Io,
): Promise<number> {
  switch (command) {
    case "-h":
    case "--help":
    case "help":
      io.out(MAIN_HELP);
      return EXIT.ok;
    case "--version":
    case "version":
      io.out(AGENT_VERSION);
      return EXIT.ok;
    case "register":
    case "--register":
      return await registerCommand(args, env, io);
    case "run":
      return await withContext("run", args, {}, RUN_HELP, env, io, runDaemon);
    case "scan":
      return await scan(args, env, io);
    case "status":
      return await statusCommand(args, env, io);
    case "unregister":
      return await withContext(
        "unregister",
        args,
        {},
        UNREGISTER_HELP,
        env,
        io,
        async (c) => {
          await unregister(c);
          return EXIT.ok;
        },
      );
    case "install-service":
    case "uninstall-service":
      return await serviceCommand(command, args, env, io);
    default:
      throw new AgentError(
        "usage",
        `Unknown command "${command}" (see "cefleet-agent --help")`,
      );
  }
}

type OptionSpec = Record<string, { type: "string" | "boolean" }>;

async function withContext(
  command: string,
  args: string[],
  options: OptionSpec,
  help: string,
  env: EnvReader,
  io: Io,
  action: (
    context: AgentContext,
    values: Record<string, unknown>,
  ) => Promise<number>,
): Promise<number> {
  const { globals, values } = parseCommand(command, args, options, env);
  if (globals.help) {
    io.out(`${help}\n${GLOBAL_HELP}`);
    return EXIT.ok;
  }
  const context = await openContext(globals, env, {
    writable: true,
    say: io.out,
  });
  return await action(context, values);
}

function registerCommand(args: string[], env: EnvReader, io: Io) {
  const options = {
    controller: { type: "string" },
    "enroll-secret": { type: "string" },
    "enroll-secret-file": { type: "string" },
    force: { type: "boolean" },
  } as const;
  return withContext(
    "register",
    args,
    options,
    REGISTER_HELP,
    env,
    io,
    async (context, values) => {
      await register(context, {
        controller: values.controller as string | undefined,
        enrollSecret: values["enroll-secret"] as string | undefined,
        enrollSecretFile: values["enroll-secret-file"] as string | undefined,
        force: values.force === true,
      });
      return EXIT.ok;
    },
  );
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

async function statusCommand(args: string[], env: EnvReader, io: Io) {
  const { globals, values } = parseCommand("status", args, {
    json: { type: "boolean" },
  }, env);
  if (globals.help) {
    io.out(`${STATUS_HELP}\n${GLOBAL_HELP}`);
    return EXIT.ok;
  }
  const context = await openContext(globals, env, {
    writable: false,
    say: io.out,
  });
  const status = await agentStatus(context);
  io.out(
    values.json
      ? JSON.stringify(status, null, 2)
      : formatStatus(status).join("\n"),
  );
  return EXIT.ok;
}

function serviceCommand(
  command: "install-service" | "uninstall-service",
  args: string[],
  env: EnvReader,
  io: Io,
) {
  const options = {
    binary: { type: "string" },
    root: { type: "string" },
  } as const;
  return withContext(
    command,
    args,
    options,
    SERVICE_HELP,
    env,
    io,
    async (context, values) => {
      const serviceOptions = {
        binary: values.binary as string | undefined,
        root: values.root as string | undefined,
      };
      if (command === "install-service") {
        await installServiceCommand(context, serviceOptions);
      } else {
        await uninstallServiceCommand(context, serviceOptions);
      }
      return EXIT.ok;
    },
  );
}
