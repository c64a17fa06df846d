import assert from "node:assert/strict";
import { ReportSchema } from "../../shared/report.ts";
import {
  EXIT_COULD_NOT_RUN,
  parseScanArgs,
  type ScanIo,
  scanMain,
  UsageError,
} from "./cli.ts";
import { escapeHtml } from "./render_html.ts";
import { fixture, RecordedProbe, type Recordings } from "./recorded_probe.ts";

const ESC = "\x1b";

function memoryIo(terminal = false) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  const io: ScanIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    stdoutIsTerminal: terminal,
    stderrIsTerminal: terminal,
    writeFile: (path, text) => {
      files.set(path, text);
      return Promise.resolve();
    },
  };
  return { io, out, err, files };
}

const scan = (recordings: Recordings = {}) => ({
  platform: "linux" as const,
  probe: new RecordedProbe("linux", recordings),
  now: () => new Date("2026-06-01T09:00:00Z"),
});

Deno.test("parseScanArgs() reads mode, format and output in both spellings", () => {
  assert.deepEqual(
    parseScanArgs([
      "scan",
      "--mode",
      "strict",
      "--format=json",
      "-o",
      "r.json",
    ]),
    { mode: "strict", format: "json", output: "r.json", help: false },
  );
  assert.deepEqual(parseScanArgs([]), {
    mode: "standard",
    format: "text",
    help: false,
  });
});

Deno.test("parseScanArgs() rejects unknown options and bad values by name", () => {
  assert.throws(() => parseScanArgs(["--fast"]), UsageError);
  assert.throws(
    () => parseScanArgs(["--format", "pdf"]),
    /--format must be one of text, json, html, not "pdf"/,
  );
  assert.throws(() => parseScanArgs(["--output"]), /needs a value/);
});

Deno.test("scanMain() exits 3 with one line for a bad argument", async () => {
  const { io, err } = memoryIo();
  const code = await scanMain(["--mode", "lenient"], { io });

  assert.equal(code, EXIT_COULD_NOT_RUN);
  assert.equal(err.length, 1);
  assert.match(err[0], /^scan: Option --mode must be one of standard, strict/);
});

Deno.test("scanMain() help shows the mode table and the caller's options", async () => {
  const { io, out } = memoryIo();
  const code = await scanMain(["--help"], {
    io,
    extraHelp: "  --upload  send it",
  });

  assert.equal(code, 0);
  assert.match(
    out[0],
    /secure_configuration\.remote_login\s+warn medium\s+fail high/,
  );
  assert.match(out[0], /--upload {2}send it/);
});

Deno.test("scanMain() help names the caller's command in its usage line", async () => {
  const { io, out } = memoryIo();
  await scanMain(["--help"], { io, command: "cefleet-agent scan" });

  assert.match(out[0], /^Usage: cefleet-agent scan \[--mode/);
});

Deno.test("scanMain() exits 2 on a failing device and prints valid JSON", async () => {
  const { io, out } = memoryIo();
  const code = await scanMain(["--format", "json"], { io, scan: scan() });
  const report = JSON.parse(out.join(""));

  assert.equal(code, 2);
  assert.ok(ReportSchema.safeParse(report).success);
  assert.equal(report.overall.status, "fail");
});

Deno.test("scanMain() hands the report to afterReport once written", async () => {
  const { io, files } = memoryIo();
  const seen: string[] = [];
  await scanMain(["--format", "html", "--output", "/tmp/r.html"], {
    io,
    scan: scan(),
    afterReport: (report) => {
      seen.push(report.report_id);
      return Promise.resolve();
    },
  });

  assert.equal(seen.length, 1);
  const html = files.get("/tmp/r.html") ?? "";
  assert.match(html, /^<!doctype html>/);
  assert.ok(html.includes(seen[0]));
  assert.doesNotMatch(html, /<script|<link|src="http/);
});

Deno.test("scanMain() exits 3 when the report cannot be written", async () => {
  const { io, err } = memoryIo();
  io.writeFile = () => Promise.reject(new Deno.errors.PermissionDenied("nope"));
  const code = await scanMain(["--output", "/root/x"], { io, scan: scan() });

  assert.equal(code, EXIT_COULD_NOT_RUN);
  assert.match(err.join(""), /Could not write "\/root\/x": nope/);
});

Deno.test("scanMain() refuses an output file it may not write before scanning", async () => {
  const { io, out, err } = memoryIo();
  io.mayWrite = (path) => path.startsWith("/var/lib/cefleet/");
  let reports = 0;
  const code = await scanMain(["--output", "/tmp/r.html"], {
    io,
    scan: scan(),
    afterReport: () => {
      reports++;
      return Promise.resolve();
    },
  });

  assert.equal(code, EXIT_COULD_NOT_RUN);
  assert.equal(reports, 0);
  assert.deepEqual(out, []);
  assert.match(
    err.join(""),
    /^scan: Cannot write "\/tmp\/r.html": .*redirect the output instead \(> \/tmp\/r.html\)\n$/,
  );
});

Deno.test("scanMain() text output colours only a terminal and groups by control", async () => {
  const plain = memoryIo(false);
  const tty = memoryIo(true);
  await scanMain([], { io: plain.io, scan: scan() });
  await scanMain([], { io: tty.io, scan: scan() });

  assert.ok(!plain.out.join("").includes(ESC));
  assert.match(plain.out.join(""), /^Firewalls {2}FAIL/m);
  assert.match(plain.out.join(""), /^Overall: FAIL/m);
  assert.equal(plain.err.join(""), "");
  assert.match(tty.err.join(""), /\[\d+\/\d+\]/);
  if (!Deno.noColor) assert.ok(tty.out.join("").includes(`${ESC}[31mFAIL`));
});

Deno.test("scanMain() exits 0 or 1 as the report passes or warns", async () => {
  const { firewallChecks } = await import("./firewalls.ts");
  const run = async (ufwFixture: string) => {
    const { io, out } = memoryIo();
    const code = await scanMain(["--format", "json"], {
      io,
      scan: {
        ...scan({
          commands: {
            "ufw status verbose": { stdout: fixture("linux", ufwFixture) },
          },
        }),
        checks: firewallChecks,
      },
    });
    return { code, status: JSON.parse(out.join("")).overall.status };
  };

  assert.deepEqual(await run("firewalls_ufw_active.txt"), {
    code: 0,
    status: "pass",
  });
  assert.deepEqual(await run("firewalls_ufw_ssh_anywhere.txt"), {
    code: 1,
    status: "warn",
  });
});

Deno.test("escapeHtml() neutralises markup from evidence", () => {
  assert.equal(
    escapeHtml(`<img src=x onerror="alert('x')">&`),
    "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;",
  );
});
