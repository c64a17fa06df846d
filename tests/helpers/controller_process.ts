/**
 * Run the real controller as a child process, started the way
 * `deno task start` starts it, for end-to-end tests.
 *
 * @module
 */

/** Options of {@linkcode startController}. */
export interface StartControllerOptions {
  /** Extra environment variables, applied last. */
  env?: Record<string, string>;
  /** Data folder; a fresh temporary one (removed by `stop`) when unset. */
  dataDir?: string;
  /** PostgreSQL URL; the embedded database when unset. */
  databaseUrl?: string;
  /** Password of the first admin; generated and read from output when unset. */
  adminPassword?: string;
  /** Enrollment secret that exists from start-up. */
  enrollSecret?: string;
  /** Milliseconds to wait for the listening line. */
  timeoutMs?: number;
}

/** A controller running as a child process. */
export interface ControllerProcess {
  /** Base URL, such as `http://127.0.0.1:41234`. */
  url: string;
  /** The admin's password: the one given, or the printed one-time one. */
  adminPassword?: string;
  /** The enrollment secret given at start, if any. */
  enrollSecret?: string;
  /** The data folder in use. */
  dataDir: string;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** Stop the process (SIGTERM) and remove a temporary data folder. */
  stop(): Promise<void>;
  /** Stop and start again on the same port and data. */
  restart(): Promise<void>;
}

const ROOT = new URL("../../", import.meta.url);
const LISTENING = /listening on (https?:\/\/\S+)/;
const PASSWORD = /One-time password: (\S+)/;
// Settings from the outer environment must not leak into the controller
// under test: each test says exactly which database and secrets it uses.
const INHERITED_BLOCKLIST = /^(DATABASE_URL|PORT|HOST|LOG_LEVEL|CEFLEET_.*)$/;

/** The permission flags and entry point of the `start` task. */
export async function startTaskArgs(): Promise<string[]> {
  return await taskArgs("start");
}

/** The arguments after `deno` of the `deno.json` task `name`. */
export async function taskArgs(name: string): Promise<string[]> {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("deno.json", ROOT)),
  );
  const words = (config.tasks[name] as string).split(/\s+/).filter(Boolean);
  if (words[0] !== "deno") {
    throw new Error(`Task "${name}" does not begin with deno: "${words[0]}"`);
  }
  return words.slice(1);
}

/** Start a controller and wait until it listens. */
export async function startController(
  options: StartControllerOptions = {},
): Promise<ControllerProcess> {
  const ownsDir = !options.dataDir;
  const dataDir = options.dataDir ??
    await Deno.makeTempDir({ prefix: "cefleet-test-" });
  const args = await startTaskArgs();
  const env = buildEnv(options, dataDir);

  let child = await launch(args, env, options.timeoutMs);
  let earlier = "";
  const handle: ControllerProcess = {
    url: child.url,
    dataDir,
    enrollSecret: options.enrollSecret,
    adminPassword: options.adminPassword ?? child.generatedPassword,
    output: () => earlier + child.output(),
    stop: async () => {
      await child.stop();
      if (ownsDir) await Deno.remove(dataDir, { recursive: true });
    },
    restart: async () => {
      await child.stop();
      earlier += child.output();
      const port = new URL(child.url).port;
      child = await launch(args, { ...env, PORT: port }, options.timeoutMs);
      handle.url = child.url;
    },
  };
  return handle;
}

function buildEnv(
  options: StartControllerOptions,
  dataDir: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(Deno.env.toObject())) {
    if (!INHERITED_BLOCKLIST.test(name)) env[name] = value;
  }
  Object.assign(env, {
    PORT: "0",
    HOST: "127.0.0.1",
    CEFLEET_DATA_DIR: dataDir,
    NO_COLOR: "1",
  });
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.adminPassword) {
    env.CEFLEET_ADMIN_PASSWORD = options.adminPassword;
  }
  if (options.enrollSecret) env.CEFLEET_ENROLL_SECRET = options.enrollSecret;
  return { ...env, ...options.env };
}

interface Launched {
  url: string;
  generatedPassword?: string;
  output(): string;
  stop(): Promise<void>;
}

async function launch(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Launched> {
  const process = new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();

  let text = "";
  let notify = () => {};
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      text += decoder.decode(chunk, { stream: true });
      notify();
    }
  };
  const drained = Promise.all([
    collect(process.stdout),
    collect(process.stderr),
  ]);

  const status = process.status;
  let exited = false;
  status.then(() => {
    exited = true;
    notify();
  });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      notify = () => {};
      process.kill("SIGKILL");
      reject(new Error(`Controller did not start in time:\n${text}`));
    }, timeoutMs);
    notify = () => {
      const match = LISTENING.exec(text);
      if (match || exited) {
        clearTimeout(timer);
        notify = () => {};
        if (match) resolve(match[1]);
        else reject(new Error(`Controller exited while starting:\n${text}`));
      }
    };
    notify();
  });

  return {
    url,
    get generatedPassword() {
      return PASSWORD.exec(text)?.[1];
    },
    output: () => text,
    stop: async () => {
      if (!exited) {
        try {
          process.kill("SIGTERM");
        } catch {
          // It exited between the check and the signal.
        }
      }
      await status;
      await drained;
    },
  };
}
