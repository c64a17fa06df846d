import assert from "node:assert/strict";
import { EXIT } from "../errors.ts";
import { agentMain, MAIN_HELP } from "./main.ts";
import { splitScanArgs } from "./scan.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) },
    out,
    err,
  };
}

const noEnv = () => undefined;

Deno.test("agentMain() prints the command list for --help and for no command", async () => {
  for (const args of [["--help"], []]) {
    const { io, out } = capture();
    assert.equal(await agentMain(args, noEnv, io), EXIT.ok);
    assert.equal(out[0], MAIN_HELP);
  }
});

Deno.test("agentMain() rejects an unknown command in one line", async () => {
  const { io, err } = capture();
  assert.equal(await agentMain(["reboot"], noEnv, io), EXIT.usage);
  assert.deepEqual(err, [
    'cefleet-agent: Unknown command "reboot" (see "cefleet-agent --help")',
  ]);
});

Deno.test("agentMain() names an unknown option and the command's help", async () => {
  const { io, err } = capture();
  assert.equal(
    await agentMain(["register", "--controler", "x"], noEnv, io),
    EXIT.usage,
  );
  assert.equal(err.length, 1);
  assert.match(err[0], /^cefleet-agent: Unknown option '--controler'/);
  assert.match(err[0], /\(see "cefleet-agent register --help"\)$/);
});

Deno.test("agentMain() says which option lacks its value", async () => {
  for (const args of [["--enroll-secret"], ["--enroll-secret", "--force"]]) {
    const { io, err } = capture();
    const code = await agentMain(["register", ...args], noEnv, io);

    assert.equal(code, EXIT.usage);
    assert.match(err[0], /Option --enroll-secret needs a value/);
  }
});

Deno.test("agentMain() accepts the original --daemon spelling of run", async () => {
  const { io, out } = capture();
  assert.equal(await agentMain(["--daemon", "--help"], noEnv, io), EXIT.ok);
  assert.match(out[0], /^Usage: cefleet-agent run/);
});

Deno.test("agentMain() refuses a controller URL that is not http(s)", async () => {
  const dir = await Deno.makeTempDir();
  const { io, err } = capture();

  const code = await agentMain(
    ["register", "--state-dir", dir, "--controller", "ftp://ce.example.org"],
    noEnv,
    io,
  );

  assert.equal(code, EXIT.usage);
  assert.match(err[0], /Invalid controller URL "ftp:\/\/ce.example.org"/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("agentMain() says to use https:// for a controller given without a scheme", async () => {
  const dir = await Deno.makeTempDir();
  const { io, err } = capture();

  const code = await agentMain(
    ["register", "--state-dir", dir, "--controller", "ce.example.org"],
    noEnv,
    io,
  );

  assert.equal(code, EXIT.usage);
  assert.match(
    err[0],
    /Invalid controller URL "ce.example.org": use https:\/\//,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("agentMain() says how to register when scan --upload finds no registration", async () => {
  const dir = await Deno.makeTempDir();
  const { io, err } = capture();

  const code = await agentMain(
    ["scan", "--upload", "--state-dir", dir],
    noEnv,
    io,
  );

  assert.equal(code, EXIT.failed);
  assert.match(
    err[0],
    /not registered; run "cefleet-agent register --controller URL" first/,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("splitScanArgs() keeps the scanner's options and takes the agent's", () => {
  const split = splitScanArgs([
    "--mode",
    "strict",
    "--upload",
    "--state-dir=/tmp/a",
    "--format",
    "json",
    "--ca-cert",
    "/tmp/a/ca.pem",
  ]);
  assert.deepEqual(split, {
    upload: true,
    noVerifySsl: false,
    stateDir: "/tmp/a",
    caCert: "/tmp/a/ca.pem",
    scannerArgs: ["--mode", "strict", "--format", "json"],
  });
});
