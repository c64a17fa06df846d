import assert from "node:assert/strict";
import {
  AGENT_MAIN,
  controllerHost,
  denoRunArgs,
  optionValue,
} from "./launch.ts";
import { agentPermissionFlags } from "./permissions.ts";

Deno.test("denoRunArgs() runs the agent with the build's flags for its folder and controller", () => {
  const args = denoRunArgs({
    os: "linux",
    agentArgs: ["status", "--json"],
    stateDir: "/tmp/agent-a",
    controllerUrl: "https://ce.example.org",
  });
  const flags = agentPermissionFlags({
    os: "linux",
    stateDirs: ["/tmp/agent-a"],
    controllerHost: "ce.example.org:443",
  });

  assert.deepEqual(args.filter((a) => a.startsWith("--allow-")), flags);
  assert.deepEqual(args.slice(-3), [AGENT_MAIN, "status", "--json"]);
  assert.ok(args.includes("--no-prompt"));
});

Deno.test("denoRunArgs() turns certificate checks off only for the controller's host", () => {
  const args = denoRunArgs({
    os: "linux",
    agentArgs: ["run"],
    controllerUrl: "https://127.0.0.1:8443",
    insecure: true,
  });
  assert.ok(args.includes("--unsafely-ignore-certificate-errors=127.0.0.1"));
});

Deno.test("denoRunArgs() leaves a controller URL that does not parse for the agent to report", () => {
  const args = denoRunArgs({
    os: "linux",
    agentArgs: ["register", "--controller", "ce.example.org"],
    controllerUrl: "ce.example.org",
  });

  assert.ok(args.includes("--allow-net"));
  assert.deepEqual(args.slice(-4), [
    AGENT_MAIN,
    "register",
    "--controller",
    "ce.example.org",
  ]);
});

Deno.test("denoRunArgs() lets install-service --root write the folder it names", () => {
  const args = denoRunArgs({
    os: "linux",
    agentArgs: ["install-service", "--root", "/tmp/service-root"],
    stateDir: "/tmp/agent-a",
    serviceRoot: "/tmp/service-root",
  });
  const write = args.find((a) => a.startsWith("--allow-write="));

  assert.ok(write?.split("=")[1].split(",").includes("/tmp/service-root"));
});

Deno.test("controllerHost() makes the scheme's default port explicit", () => {
  assert.equal(controllerHost("https://ce.example.org/"), "ce.example.org:443");
  assert.equal(controllerHost("http://10.0.0.5"), "10.0.0.5:80");
  assert.equal(controllerHost("http://127.0.0.1:8000"), "127.0.0.1:8000");
});

Deno.test("optionValue() reads both --name value and --name=value", () => {
  assert.equal(optionValue(["run", "--state-dir", "/a"], "--state-dir"), "/a");
  assert.equal(optionValue(["--state-dir=/b"], "--state-dir"), "/b");
  assert.equal(optionValue(["run"], "--state-dir"), undefined);
});
