/**
 * The agent against a controller that serves HTTPS with a certificate from
 * a private CA, as many customers run it.
 */
import assert from "node:assert/strict";
import { runAgent, startAgent } from "./helpers/agent_process.ts";
import { startController } from "./helpers/controller_process.ts";
import { makeCertificates } from "./helpers/tls.ts";

const ENROLL_SECRET = "agent-tls-enroll-secret-0001";

async function registerWith(
  stateDir: string,
  url: string,
  extra: string[],
  insecure = false,
) {
  await Deno.writeTextFile(`${stateDir}/enroll-secret`, ENROLL_SECRET);
  return await runAgent([
    "register",
    "--controller",
    url,
    "--enroll-secret-file",
    `${stateDir}/enroll-secret`,
    ...extra,
  ], { stateDir, controllerUrl: url, insecure });
}

Deno.test("agent over HTTPS: refuses an unknown CA in one line, trusts --ca-cert, warns on --no-verify-ssl", async (t) => {
  const certs = await Deno.makeTempDir({ prefix: "cefleet-tls-" });
  await makeCertificates(certs);
  const controller = await startController({
    enrollSecret: ENROLL_SECRET,
    env: {
      CEFLEET_TLS_CERT: `${certs}/server.pem`,
      CEFLEET_TLS_KEY: `${certs}/server.key`,
    },
  });
  const dirs: string[] = [];
  const stateDir = async () => {
    const dir = await Deno.makeTempDir({ prefix: "cefleet-agent-" });
    dirs.push(dir);
    return dir;
  };
  try {
    assert.match(controller.url, /^https:\/\/127\.0\.0\.1:\d+$/);

    await t.step(
      "an unknown issuer ends in one line naming the fix",
      async () => {
        const run = await registerWith(await stateDir(), controller.url, []);
        assert.equal(run.code, 1);
        assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
        assert.match(
          run.stderr,
          /^cefleet-agent: TLS connection to https:\/\/127\.0\.0\.1:\d+ failed: .*UnknownIssuer.*; to trust a private CA, pass --ca-cert FILE\n$/,
        );
      },
    );

    await t.step(
      "a CA file outside the agent's folders is refused by its permissions",
      async () => {
        const run = await registerWith(await stateDir(), controller.url, [
          "--ca-cert",
          `${certs}/ca.pem`,
        ]);
        assert.equal(run.code, 1);
        assert.match(
          run.stderr,
          /Cannot read CA certificate ".*ca\.pem": this build of the agent may not access it/,
        );
      },
    );

    await t.step(
      "--ca-cert trusts the private CA, for register and run",
      async () => {
        const dir = await stateDir();
        await Deno.copyFile(`${certs}/ca.pem`, `${dir}/ca.pem`);
        const run = await registerWith(dir, controller.url, [
          "--ca-cert",
          `${dir}/ca.pem`,
        ]);
        assert.equal(run.code, 0, run.stderr);

        const daemon = startAgent({
          stateDir: dir,
          controllerUrl: controller.url,
        });
        await daemon.waitFor(/Agent started/);
        const status = await runAgent(["status", "--json"], {
          stateDir: dir,
          controllerUrl: controller.url,
        });
        assert.equal(JSON.parse(status.stdout).controller_reachable, true);
        assert.equal(await daemon.stop(), 0);
      },
    );

    await t.step("--no-verify-ssl connects and warns", async () => {
      const run = await registerWith(await stateDir(), controller.url, [
        "--no-verify-ssl",
      ], true);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /Certificate checks of the controller are OFF/);
    });
  } finally {
    await controller.stop();
    for (const dir of [certs, ...dirs]) {
      await Deno.remove(dir, { recursive: true });
    }
  }
});
