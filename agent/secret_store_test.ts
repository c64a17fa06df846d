import assert from "node:assert/strict";
import { recordedRunner } from "./testdata/fake_runner.ts";
import {
  DPAPI_PROTECT_SCRIPT,
  DPAPI_UNPROTECT_SCRIPT,
  DpapiSecretStore,
  FileSecretStore,
  KeychainSecretStore,
  powershellArgs,
  selectSecretStore,
  SYSTEM_KEYCHAIN,
  SystemdCredsSecretStore,
  TOKEN_NAME,
} from "./secret_store.ts";
import { resolvePaths } from "./paths.ts";

const TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";

function assertTokenNeverInArgs(calls: { args: string[] }[]) {
  for (const call of calls) {
    assert.equal(call.args.join(" ").includes(TOKEN), false);
  }
}

Deno.test("FileSecretStore keeps the token in a 0600 file", async () => {
  const path = `${await Deno.makeTempDir()}/agent-token`;
  const store = new FileSecretStore(path);

  await store.set(TOKEN);

  assert.equal(await store.get(), TOKEN);
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
  await store.delete();
  assert.equal(await store.get(), undefined);
});

Deno.test("KeychainSecretStore adds the token through stdin of security -i", async () => {
  const runner = recordedRunner([
    {
      command: "security",
      args: ["-i"],
      stdin: `add-generic-password -U -a agent -s ${TOKEN_NAME} -w ${TOKEN} ` +
        `${SYSTEM_KEYCHAIN}\n`,
      output: {},
    },
    {
      command: "security",
      args: [
        "find-generic-password",
        "-a",
        "agent",
        "-s",
        TOKEN_NAME,
        "-w",
        SYSTEM_KEYCHAIN,
      ],
      output: { stdout: `${TOKEN}\n` },
    },
  ]);

  await new KeychainSecretStore(runner.run).set(TOKEN);

  runner.assertDone();
  assertTokenNeverInArgs(runner.calls);
});

Deno.test("KeychainSecretStore reads nothing when the item is missing", async () => {
  const runner = recordedRunner([{
    command: "security",
    args: [
      "find-generic-password",
      "-a",
      "agent",
      "-s",
      TOKEN_NAME,
      "-w",
      SYSTEM_KEYCHAIN,
    ],
    output: {
      code: 44,
      stderr: "security: SecKeychainSearchCopyNext: The specified item " +
        "could not be found in the keychain.\n",
    },
  }]);

  assert.equal(await new KeychainSecretStore(runner.run).get(), undefined);
});

Deno.test("KeychainSecretStore reports a failed write with the tool's words", async () => {
  const runner = recordedRunner([
    {
      command: "security",
      args: ["-i"],
      stdin: `add-generic-password -U -a agent -s ${TOKEN_NAME} -w ${TOKEN} ` +
        `${SYSTEM_KEYCHAIN}\n`,
      output: {
        code: 1,
        stderr: "security: SecKeychainItemCreateFromContent (<default>): " +
          "Write permissions error.\n",
      },
    },
    {
      command: "security",
      args: [
        "find-generic-password",
        "-a",
        "agent",
        "-s",
        TOKEN_NAME,
        "-w",
        SYSTEM_KEYCHAIN,
      ],
      output: { code: 44 },
    },
  ]);

  const error = await new KeychainSecretStore(runner.run).set(TOKEN)
    .catch((e) => e);

  assert.match(error.message, /Write permissions error/);
});

Deno.test("DpapiSecretStore seals through PowerShell stdin and stores base64", async () => {
  const dir = await Deno.makeTempDir();
  const sealed = "AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA";
  const runner = recordedRunner([
    {
      command: "icacls",
      args: [
        dir,
        "/inheritance:r",
        "/grant:r",
        "*S-1-5-18:(OI)(CI)F",
        "*S-1-5-32-544:(OI)(CI)F",
      ],
      output: {
        stdout: `processed file: ${dir}\r\nSuccessfully processed 1 files; ` +
          "Failed processing 0 files\r\n",
      },
    },
    {
      command: "powershell",
      args: powershellArgs(DPAPI_PROTECT_SCRIPT),
      stdin: TOKEN,
      output: { stdout: `${sealed}\r\n` },
    },
    {
      command: "powershell",
      args: powershellArgs(DPAPI_UNPROTECT_SCRIPT),
      stdin: sealed,
      output: { stdout: TOKEN },
    },
  ]);
  const store = new DpapiSecretStore(
    dir,
    `${dir}/agent-token.dpapi`,
    runner.run,
  );

  await store.set(TOKEN);
  const read = await store.get();

  assert.equal(read, TOKEN);
  assert.equal(await Deno.readTextFile(store.location), sealed);
  runner.assertDone();
  assertTokenNeverInArgs(runner.calls);
});

Deno.test("DpapiSecretStore refuses to store when the folder cannot be locked down", async () => {
  const dir = await Deno.makeTempDir();
  const runner = recordedRunner([{
    command: "icacls",
    args: [
      dir,
      "/inheritance:r",
      "/grant:r",
      "*S-1-5-18:(OI)(CI)F",
      "*S-1-5-32-544:(OI)(CI)F",
    ],
    output: { code: 5, stderr: `${dir}: Access is denied.\r\n` },
  }]);
  const store = new DpapiSecretStore(dir, `${dir}/t.dpapi`, runner.run);

  const error = await store.set(TOKEN).catch((e) => e);

  assert.match(
    error.message,
    /^Cannot restrict access to ".*": .*Access is denied\.$/,
  );
  await assert.rejects(Deno.stat(`${dir}/t.dpapi`), Deno.errors.NotFound);
});

Deno.test("DpapiSecretStore uses machine scope", () => {
  assert.match(DPAPI_PROTECT_SCRIPT, /'LocalMachine'/);
  assert.match(DPAPI_UNPROTECT_SCRIPT, /'LocalMachine'/);
});

Deno.test("SystemdCredsSecretStore falls back to a 0600 file when encryption fails", async () => {
  const dir = await Deno.makeTempDir();
  const reasons: string[] = [];
  const runner = recordedRunner([{
    command: "systemd-creds",
    args: ["encrypt", `--name=${TOKEN_NAME}`, "-", "-"],
    stdin: TOKEN,
    output: { code: 1, stderr: "Failed to determine local credential key\n" },
  }]);
  const store = new SystemdCredsSecretStore(
    dir,
    runner.run,
    (r) => reasons.push(r),
  );

  await store.set(TOKEN);

  assert.equal(await store.get(), TOKEN);
  assert.equal((await Deno.stat(`${dir}/agent-token`)).mode! & 0o777, 0o600);
  assert.deepEqual(reasons, ["Failed to determine local credential key"]);
});

Deno.test("selectSecretStore() uses a file inside a state directory", () => {
  const paths = resolvePaths("darwin", "/tmp/agent");
  const store = selectSecretStore("darwin", paths, recordedRunner([]).run);
  assert.equal(store.kind, "file");
  assert.equal(store.location, "/tmp/agent/agent-token");
});

Deno.test("selectSecretStore() uses each OS's own store by default", () => {
  const run = recordedRunner([]).run;
  const kinds = (["linux", "darwin", "windows"] as const).map((os) =>
    selectSecretStore(os, resolvePaths(os), run).kind
  );
  assert.deepEqual(kinds, ["systemd-creds", "keychain", "dpapi"]);
});
