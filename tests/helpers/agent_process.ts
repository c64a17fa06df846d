/**
 * Run the agent as a real process, exactly as shipped: `deno run` with the
 * permission flags the build compiles into the binary, scoped to a test's
 * own state directory.
 *
 * @module
 */
import { denoRunArgs } from "../../agent/launch.ts";
import { currentOs } from "../../agent/paths.ts";

/** What a finished agent command printed and how it exited. */
export interface AgentRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of an agent process. */
export interface AgentProcessOptions {
  stateDir: string;
  /**
   * The folder the permission flags grant, as the build grants its
   * standard folders; the state directory by default.
   */
  grantedDir?: string;
  /** The controller the flags are narrowed to, as a build for it would be. */
  controllerUrl?: string;
  /** Start the runtime with certificate checks off for the controller. */
  insecure?: boolean;
  env?: Record<string, string>;
}

// Outer settings must not leak into the agent under test.
const INHERITED_BLOCKLIST = /^CEFLEET_/;

function command(args: string[], options: AgentProcessOptions) {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(Deno.env.toObject())) {
    if (!INHERITED_BLOCKLIST.test(name)) env[name] = value;
  }
  return new Deno.Command(Deno.execPath(), {
    args: denoRunArgs({
      os: currentOs(),
      agentArgs: [...args, "--state-dir", options.stateDir],
      stateDir: options.grantedDir ?? options.stateDir,
      controllerUrl: options.controllerUrl,
      insecure: options.insecure,
    }),
    env: { ...env, NO_COLOR: "1", ...options.env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

/** Runs one agent command to its end. */
export async function runAgent(
  args: string[],
  options: AgentProcessOptions,
): Promise<AgentRun> {
  const output = await command(args, options).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** A daemon started with `run`. */
export interface AgentDaemon {
  /** Everything it printed so far. */
  output(): string;
  /** Resolves once the output matches `pattern`; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit status once the process ends on its own. */
  exited: Promise<number>;
  /** Sends SIGTERM and waits for the end. */
  stop(): Promise<number>;
}

/** Starts `run` in the background. */
export function startAgent(options: AgentProcessOptions): AgentDaemon {
  const child = command(["run"], options).spawn();
  let text = "";
  let notify = () => {};
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      text += decoder.decode(chunk, { stream: true });
      notify();
    }
  };
  const drained = Promise.all([collect(child.stdout), collect(child.stderr)]);
  const exited = child.status.then(async (status) => {
    await drained;
    return status.code;
  });
  let done = false;
  exited.then(() => {
    done = true;
    notify();
  });

  return {
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          notify = () => {};
          reject(new Error(`Agent never printed ${pattern}:\n${text}`));
        }, timeoutMs);
        notify = () => {
          if (pattern.test(text)) {
            clearTimeout(timer);
            notify = () => {};
            resolve();
          } else if (done) {
            clearTimeout(timer);
            notify = () => {};
            reject(new Error(`Agent exited before ${pattern}:\n${text}`));
          }
        };
        notify();
      });
    },
    async stop() {
      if (!done) {
        try {
          child.kill("SIGTERM");
        } catch {
          // It ended between the check and the signal.
        }
      }
      return await exited;
    },
  };
}

/** Changes settings in the agent's config.json, as an operator would. */
export async function editConfig(
  stateDir: string,
  changes: Record<string, unknown>,
): Promise<void> {
  const path = `${stateDir}/config.json`;
  const config = JSON.parse(await Deno.readTextFile(path));
  await Deno.writeTextFile(path, JSON.stringify({ ...config, ...changes }));
}

/** Every file under `dir`, recursively. */
export async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) files.push(...await filesUnder(path));
    else if (entry.isFile) files.push(path);
  }
  return files;
}
