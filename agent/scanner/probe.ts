/**
 * Probes: the only way a check reads the system.
 *
 * A check never calls `Deno.Command` or `Deno.readTextFile` itself. It asks a
 * {@linkcode Probe}, so the same check runs against the real machine or
 * against outputs recorded on Windows, macOS and Linux.
 *
 * A probe never throws for an expected failure. It returns a tagged result
 * whose failure `kind` says why the system could not be read, so a check can
 * turn it into an `unknown` outcome with the reason as evidence.
 *
 * @module
 */

/** Why a probe could not read what it was asked for. */
export type ProbeFailureKind = "not_found" | "denied" | "timeout" | "failed";

/** A probe's failure: its kind and a sentence saying what went wrong. */
export interface ProbeFailure {
  ok: false;
  kind: ProbeFailureKind;
  reason: string;
}

/** A probe's result: the value read, or why it could not be read. */
export type ProbeResult<T> = { ok: true; value: T } | ProbeFailure;

/** What a finished command printed, and its exit code. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@linkcode Probe.run}. */
export interface RunOptions {
  /** Milliseconds before the command is killed; defaults to 10 s. */
  timeoutMs?: number;
  /**
   * Variables set for the command on top of the scanner's own, such as the
   * HOME of another account whose settings the command should read.
   */
  env?: Readonly<Record<string, string>>;
}

/** Facts the runtime knows without running anything. */
export interface RuntimeFacts {
  hostname: string;
  kernel: string;
  arch: string;
}

/**
 * Reads the system for checks.
 *
 * `run` returns `ok` whenever the command ran, whatever its exit code: many
 * tools report their answer through it (`systemctl is-active` exits 3 when
 * a unit is inactive). Use {@linkcode succeeded} when only exit 0 is usable.
 */
export interface Probe {
  /** Runs a program with arguments, never through a shell. */
  run(
    command: string,
    args: readonly string[],
    options?: RunOptions,
  ): Promise<ProbeResult<CommandOutput>>;
  /** Reads a text file. */
  readFile(path: string): Promise<ProbeResult<string>>;
  /** Lists the names of a directory's entries, sorted. */
  readDir(path: string): Promise<ProbeResult<string[]>>;
  /** Reads an environment variable; undefined when unset or not allowed. */
  env(name: string): string | undefined;
  /** Host name, kernel release and CPU architecture. */
  runtime(): RuntimeFacts;
}

/** Default time a command may run before it is killed. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Identifies a command line in recordings and caches. Variables set for the
 * command lead the line as `NAME=value`, sorted, so the same command run for
 * two accounts has two keys.
 */
export function commandKey(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): string {
  const assignments = Object.keys(env).sort().map((name) =>
    `${name}=${env[name]}`
  );
  return [...assignments, command, ...args].join(" ");
}

/** Builds a {@linkcode ProbeFailure}. */
export function probeFailure(
  kind: ProbeFailureKind,
  reason: string,
): ProbeFailure {
  return { ok: false, kind, reason };
}

/**
 * Narrows a command result to one that exited 0; any other exit code
 * becomes a `failed` probe failure quoting the command's stderr.
 */
export function succeeded(
  result: ProbeResult<CommandOutput>,
  command: string,
): ProbeResult<CommandOutput> {
  if (!result.ok || result.value.code === 0) return result;

  const { code, stderr, stdout } = result.value;
  const said = firstLine(stderr) || firstLine(stdout);
  const suffix = said ? `: "${said}"` : "";
  return probeFailure("failed", `"${command}" exited ${code}${suffix}`);
}

/**
 * Arguments that run a PowerShell script non-interactively with
 * `powershell`. Windows PowerShell 5.1 is on every supported Windows,
 * unlike PowerShell 7.
 */
export function powershellArgs(script: string): string[] {
  return [
    "-NoLogo",
    "-NoProfile",
    "-NonInteractive",
    "-ExecutionPolicy",
    "Bypass",
    "-Command",
    script,
  ];
}

/** The PowerShell executable, as `commands.ts` lists it. */
export const POWERSHELL = "powershell";

/** Runs a PowerShell script through a probe. */
export function runPowershell(
  probe: Probe,
  script: string,
  options?: RunOptions,
): Promise<ProbeResult<CommandOutput>> {
  return probe.run(POWERSHELL, powershellArgs(script), options);
}

/** First non-blank line of a text, trimmed, at most 200 characters. */
export function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  return line.trim().slice(0, 200);
}

/**
 * The real probe for the machine it runs on.
 *
 * Commands run with `LC_ALL=C` so their output is in the untranslated form
 * the parsers expect.
 */
export function createSystemProbe(): Probe {
  return {
    run: runCommand,
    readFile,
    readDir,
    env: readEnv,
    runtime: runtimeFacts,
  };
}

async function runCommand(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<ProbeResult<CommandOutput>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const line = commandKey(command, args);

  try {
    const output = await new Deno.Command(command, {
      args: [...args],
      env: { ...options.env, LC_ALL: "C", LANG: "C" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal: controller.signal,
    }).output();

    if (controller.signal.aborted) {
      return probeFailure("timeout", `"${line}" ran over ${timeoutMs} ms`);
    }
    const decoder = new TextDecoder();
    return {
      ok: true,
      value: {
        code: output.code,
        stdout: decoder.decode(output.stdout),
        stderr: decoder.decode(output.stderr),
      },
    };
  } catch (error) {
    if (controller.signal.aborted) {
      return probeFailure("timeout", `"${line}" ran over ${timeoutMs} ms`);
    }
    if (error instanceof Deno.errors.NotFound) {
      return probeFailure("not_found", `"${command}" is not installed`);
    }
    return failureFromError(error, `"${command}"`);
  } finally {
    clearTimeout(timer);
  }
}

async function readFile(path: string): Promise<ProbeResult<string>> {
  try {
    return { ok: true, value: await Deno.readTextFile(path) };
  } catch (error) {
    return failureFromError(error, `"${path}"`);
  }
}

async function readDir(path: string): Promise<ProbeResult<string[]>> {
  try {
    const names: string[] = [];
    for await (const entry of Deno.readDir(path)) names.push(entry.name);
    return { ok: true, value: names.sort() };
  } catch (error) {
    return failureFromError(error, `"${path}"`);
  }
}

function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    // Without --allow-env for this name the variable is simply unknown.
    return undefined;
  }
}

function runtimeFacts(): RuntimeFacts {
  return {
    hostname: safely(() => Deno.hostname(), "unknown"),
    kernel: safely(() => Deno.osRelease(), ""),
    arch: Deno.build.arch,
  };
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    // Missing --allow-sys leaves the fact unknown rather than the scan dead.
    return fallback;
  }
}

function failureFromError(error: unknown, what: string): ProbeFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Deno.errors.NotFound) {
    return probeFailure("not_found", `${what} does not exist`);
  }
  if (
    error instanceof Deno.errors.PermissionDenied ||
    error instanceof Deno.errors.NotCapable
  ) {
    return probeFailure("denied", `${what} could not be read: ${message}`);
  }
  return probeFailure("failed", `${what} failed: ${message}`);
}
