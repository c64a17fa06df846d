import assert from "node:assert/strict";
import { commandKey, createSystemProbe, succeeded } from "./probe.ts";

const probe = createSystemProbe();
const linuxOnly = { ignore: Deno.build.os === "windows" };

Deno.test({
  name: "system probe runs a program without a shell and reports its exit code",
  ...linuxOnly,
  async fn() {
    const result = await probe.run("sh", [
      "-c",
      "echo out; echo err >&2; exit 3",
    ]);

    assert.ok(result.ok);
    assert.deepEqual(result.value, {
      code: 3,
      stdout: "out\n",
      stderr: "err\n",
    });
  },
});

Deno.test({
  name: "system probe runs commands in the C locale",
  ...linuxOnly,
  async fn() {
    const result = await probe.run("sh", ["-c", "echo $LC_ALL"]);

    assert.ok(result.ok);
    assert.equal(result.value.stdout, "C\n");
  },
});

Deno.test("system probe says not_found for a program that is not installed", async () => {
  const result = await probe.run("cefleet-no-such-tool", []);

  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.kind, "not_found");
  assert.match(!result.ok ? result.reason : "", /is not installed/);
});

Deno.test({
  name: "system probe kills a command that runs over its timeout",
  ...linuxOnly,
  async fn() {
    const result = await probe.run("sleep", ["30"], { timeoutMs: 50 });

    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.kind, "timeout");
  },
});

Deno.test("system probe reports a missing file as not_found", async () => {
  const result = await probe.readFile("/nonexistent/cefleet/file");

  assert.equal(!result.ok && result.kind, "not_found");
});

Deno.test({
  name: "system probe reports an unreadable file as denied",
  ignore: Deno.build.os === "windows" || Deno.uid() === 0,
  async fn() {
    const result = await probe.readFile("/etc/shadow");

    assert.equal(!result.ok && result.kind, "denied");
  },
});

Deno.test("system probe lists a directory sorted", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/b`, "");
  await Deno.writeTextFile(`${dir}/a`, "");
  const result = await probe.readDir(dir);
  await Deno.remove(dir, { recursive: true });

  assert.deepEqual(result, { ok: true, value: ["a", "b"] });
});

Deno.test("succeeded() turns a non-zero exit into a failure quoting stderr", () => {
  const result = succeeded(
    { ok: true, value: { code: 1, stdout: "", stderr: "ERROR: no\n" } },
    "reg query",
  );

  assert.deepEqual(result, {
    ok: false,
    kind: "failed",
    reason: '"reg query" exited 1: "ERROR: no"',
  });
});

Deno.test("commandKey() leads with sorted variables so two accounts' runs differ", () => {
  assert.equal(commandKey("who", []), "who");
  assert.equal(
    commandKey("gsettings", ["get", "a", "b"], { USER: "alice", HOME: "/h" }),
    "HOME=/h USER=alice gsettings get a b",
  );
});

Deno.test({
  name: "system probe sets the given variables for the command",
  ...linuxOnly,
  async fn() {
    const result = await probe.run("sh", ["-c", 'printf %s "$HOME"'], {
      env: { HOME: "/home/someone-else" },
    });

    assert.ok(result.ok);
    assert.equal(result.value.stdout, "/home/someone-else");
  },
});
