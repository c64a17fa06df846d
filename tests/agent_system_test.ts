/**
 * The agent's Linux integrations on the real system: the systemd-creds
 * token store and the systemd unit `install-service` writes.
 */
import assert from "node:assert/strict";
import { runCommand } from "../agent/command_runner.ts";
import { SystemdCredsSecretStore } from "../agent/secret_store.ts";
import { runAgent } from "./helpers/agent_process.ts";

const TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlLXRlc3Q";

async function toolWorks(command: string, args: string[]): Promise<boolean> {
  try {
    const { code } = await new Deno.Command(command, {
      args,
      stdout: "null",
      stderr: "null",
    }).output();
    return code === 0;
  } catch {
    return false;
  }
}

const isLinuxRoot = Deno.build.os === "linux" && Deno.uid() === 0;
const hasCreds = isLinuxRoot && await toolWorks("systemd-creds", ["--version"]);
const hasAnalyze = Deno.build.os === "linux" &&
  await toolWorks("systemd-analyze", ["--version"]);

Deno.test({
  name:
    "systemd-creds store keeps the token encrypted at rest and reads it back",
  ignore: !hasCreds,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "cefleet-creds-" });
    try {
      const fallbacks: string[] = [];
      const store = new SystemdCredsSecretStore(
        dir,
        runCommand,
        (reason) => fallbacks.push(reason),
      );

      await store.set(TOKEN);

      assert.deepEqual(fallbacks, []);
      const sealed = await Deno.readTextFile(`${dir}/agent-token.cred`);
      assert.equal(sealed.includes(TOKEN), false);
      assert.equal(
        (await Deno.stat(`${dir}/agent-token.cred`)).mode! & 0o777,
        0o600,
      );
      assert.equal(await store.get(), TOKEN);

      await store.delete();
      assert.equal(await store.get(), undefined);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "install-service writes a unit that systemd-analyze accepts, and uninstall-service removes it",
  ignore: !hasAnalyze,
  async fn() {
    const stateDir = await Deno.makeTempDir({ prefix: "cefleet-agent-" });
    const root = `${stateDir}/root`;
    const unit = `${root}/etc/systemd/system/cefleet-agent.service`;
    try {
      const install = await runAgent(["install-service", "--root", root], {
        stateDir,
      });
      assert.equal(install.code, 0, install.stderr);
      assert.match(
        install.stdout,
        /Wrote .*cefleet-agent\.service; no service manager was called/,
      );

      const text = await Deno.readTextFile(unit);
      const execStart = /^ExecStart=(.*)$/m.exec(text)?.[1] ?? "";
      assert.ok(execStart.startsWith(Deno.execPath()), execStart);
      assert.match(execStart, / run --state-dir /);
      assert.doesNotMatch(execStart, / -A | --allow-all/);

      const verify = await new Deno.Command("systemd-analyze", {
        args: ["verify", unit],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(verify.code, 0, new TextDecoder().decode(verify.stderr));

      const remove = await runAgent(["uninstall-service", "--root", root], {
        stateDir,
      });
      assert.equal(remove.code, 0, remove.stderr);
      await assert.rejects(Deno.stat(unit), Deno.errors.NotFound);
    } finally {
      await Deno.remove(stateDir, { recursive: true });
    }
  },
});
