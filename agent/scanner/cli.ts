/**
 * The scanner's command line: `scan [--mode standard|strict]
 * [--format text|json|html] [--output FILE]`.
 *
 * It runs on its own (`deno run <flags> agent/scanner/cli.ts`) and inside
 * the agent, which strips its own options and calls {@linkcode scanMain}.
 *
 * @module
 */
import {
  COMPLIANCE_MODES,
  type ComplianceMode,
  type OverallStatus,
  type Report,
} from "../../shared/report.ts";
import { SEVERITY_WEIGHTS, STATUS_CREDIT } from "./check.ts";
import { runScan, type ScanOptions, type ScanProgress } from "./mod.ts";
import { describeModes } from "./modes.ts";
import { renderHtml } from "./render_html.ts";
import { renderText } from "./render_text.ts";

/** Exit status of a scan, by its overall result. */
export const EXIT_CODES: Readonly<Record<OverallStatus, number>> = {
  pass: 0,
  warn: 1,
  fail: 2,
};

/** Exit status when the scan could not run, arguments included. */
export const EXIT_COULD_NOT_RUN = 3;

/** Output formats of the command line. */
export const FORMATS = ["text", "json", "html"] as const;
/** An output format. */
export type Format = typeof FORMATS[number];

/** Parsed command-line options. */
export interface ScanArgs {
  mode: ComplianceMode;
  format: Format;
  output?: string;
  help: boolean;
}

/** Hooks the agent passes to {@linkcode scanMain}. */
export interface ScanHooks {
  /** Runs after the report is written, e.g. to queue and upload it. */
  afterReport?: (report: Report) => Promise<void>;
  /** Extra lines for `--help`, describing the caller's own options. */
  extraHelp?: string;
  /** How the caller is invoked, for the usage line ("scan" by default). */
  command?: string;
  /** Scan options for tests: a recorded probe, a platform, a clock. */
  scan?: Omit<ScanOptions, "mode" | "onProgress">;
  /** Where text goes; the process's streams by default. */
  io?: ScanIo;
}

/** The streams and terminal facts the command line uses. */
export interface ScanIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout and stderr are terminals (for colour and progress). */
  stdoutIsTerminal: boolean;
  stderrIsTerminal: boolean;
  writeFile(path: string, text: string): Promise<void>;
  /**
   * Whether this process may write `path`. The agent's builds may write
   * only their own folders, and finding that out after a scan wastes it.
   */
  mayWrite?(path: string): boolean;
}

/** Bad command-line arguments. */
export class UsageError extends Error {
  /** Makes an error whose message is shown as is. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Parses the scanner's arguments.
 *
 * @throws {UsageError} for an unknown option or a bad value
 */
export function parseScanArgs(args: readonly string[]): ScanArgs {
  const parsed: ScanArgs = { mode: "standard", format: "text", help: false };
  const words = args[0] === "scan" ? args.slice(1) : [...args];

  for (let i = 0; i < words.length; i++) {
    const [name, inline] = splitOption(words[i]);
    const value = () => {
      const next = inline ?? words[++i];
      if (next === undefined) {
        throw new UsageError(`Option ${name} needs a value`);
      }
      return next;
    };

    if (name === "--help" || name === "-h") parsed.help = true;
    else if (name === "--mode") {
      parsed.mode = oneOf(name, value(), COMPLIANCE_MODES);
    } else if (name === "--format") {
      parsed.format = oneOf(name, value(), FORMATS);
    } else if (name === "--output" || name === "-o") parsed.output = value();
    else throw new UsageError(`Unknown argument "${words[i]}"`);
  }
  return parsed;
}

function splitOption(word: string): [string, string | undefined] {
  const equals = word.indexOf("=");
  if (!word.startsWith("--") || equals === -1) return [word, undefined];
  return [word.slice(0, equals), word.slice(equals + 1)];
}

function oneOf<T extends string>(
  name: string,
  value: string,
  allowed: readonly T[],
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `Option ${name} must be one of ${allowed.join(", ")}, not "${value}"`,
  );
}

/** The `--help` text, with the mode table and the scoring formula. */
export function scanHelp(extraHelp = "", command = "scan"): string {
  const weights = Object.entries(SEVERITY_WEIGHTS)
    .map(([severity, weight]) => `${severity} ${weight}`).join(", ");
  const credits = Object.entries(STATUS_CREDIT)
    .map(([status, credit]) => `${status} ${credit}`).join(", ");
  return `Usage: ${command} [--mode standard|strict] [--format text|json|html] [--output FILE]

Checks this device against the five Cyber Essentials v3.2 technical
controls and prints a report.

Options:
  --mode MODE         standard (default) or strict; they differ only in the
                      thresholds and severities below
  --format FORMAT     text (default), json (the report) or html (one
                      self-contained file for an assessor)
  --output FILE       write the report to FILE instead of standard output
  -h, --help          show this help
${extraHelp}
Exit status: 0 pass, 1 warn, 2 fail, 3 the scan could not run.

Score: severity-weighted share of applicable checks passed
  (weights ${weights}; credit ${credits};
  not applicable and information checks are not counted).

Mode table (outcome when not met, severity, limits):
${describeModes().map((line) => `  ${line}`).join("\n")}
`;
}

const SYSTEM_IO: ScanIo = {
  stdout: (text) => writeAll(Deno.stdout, text),
  stderr: (text) => writeAll(Deno.stderr, text),
  get stdoutIsTerminal() {
    return Deno.stdout.isTerminal();
  },
  get stderrIsTerminal() {
    return Deno.stderr.isTerminal();
  },
  writeFile: (path, text) => Deno.writeTextFile(path, text),
  mayWrite: (path) =>
    Deno.permissions.querySync({ name: "write", path }).state === "granted",
};

function writeAll(stream: { writeSync(p: Uint8Array): number }, text: string) {
  const bytes = new TextEncoder().encode(text);
  let written = 0;
  while (written < bytes.length) {
    written += stream.writeSync(bytes.subarray(written));
  }
}

/**
 * Runs the `scan` command and returns its exit status: 0 pass, 1 warn,
 * 2 fail, 3 when the scan could not run (bad arguments included).
 */
export async function scanMain(
  args: string[],
  hooks: ScanHooks = {},
): Promise<number> {
  const io = hooks.io ?? SYSTEM_IO;

  let options: ScanArgs;
  try {
    options = parseScanArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`scan: ${error.message} (see --help)\n`);
    return EXIT_COULD_NOT_RUN;
  }
  if (options.help) {
    io.stdout(scanHelp(hooks.extraHelp, hooks.command));
    return 0;
  }
  if (options.output && io.mayWrite && !io.mayWrite(options.output)) {
    io.stderr(outputRefused(options.output));
    return EXIT_COULD_NOT_RUN;
  }

  const report = await scanOrExplain(options, hooks, io);
  if (!report) return EXIT_COULD_NOT_RUN;

  const written = await writeReport(report, options, io);
  if (!written) return EXIT_COULD_NOT_RUN;

  await hooks.afterReport?.(report);
  return EXIT_CODES[report.overall.status];
}

async function scanOrExplain(
  options: ScanArgs,
  hooks: ScanHooks,
  io: ScanIo,
): Promise<Report | null> {
  const progress = io.stderrIsTerminal ? progressPrinter(io) : undefined;
  try {
    return await runScan({
      ...hooks.scan,
      mode: options.mode,
      onProgress: progress,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`scan: The scan could not run: ${message}\n`);
    return null;
  } finally {
    if (progress) io.stderr("\r\x1b[K");
  }
}

function progressPrinter(io: ScanIo): (event: ScanProgress) => void {
  return (event) => {
    if (event.type === "started") {
      io.stderr(`Scanning ${event.host.hostname} (${event.total} checks)...`);
      return;
    }
    io.stderr(`\r\x1b[K[${event.done}/${event.total}] ${event.title}`);
  };
}

async function writeReport(
  report: Report,
  options: ScanArgs,
  io: ScanIo,
): Promise<boolean> {
  const toTerminal = !options.output && io.stdoutIsTerminal;
  const text = render(report, options.format, toTerminal && !Deno.noColor);
  if (!options.output) {
    io.stdout(text);
    return true;
  }

  try {
    await io.writeFile(options.output, text);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) {
      io.stderr(outputRefused(options.output));
      return false;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`scan: Could not write "${options.output}": ${message}\n`);
    return false;
  }
  io.stderr(
    `Report written to ${options.output} (${report.overall.status})\n`,
  );
  return true;
}

// Deno's own wording suggests a flag the compiled agent cannot take, so
// say what works instead.
function outputRefused(path: string): string {
  return `scan: Cannot write "${path}": this program writes only inside its ` +
    `own folders; redirect the output instead (> ${path})\n`;
}

/** Renders a report in one of the output formats. */
export function render(report: Report, format: Format, color = false): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  if (format === "html") return renderHtml(report);
  return renderText(report, { color });
}

if (import.meta.main) {
  Deno.exit(await scanMain(Deno.args));
}
