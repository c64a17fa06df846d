import assert from "node:assert/strict";
import { agentPermissionFlags } from "../agent/permissions.ts";
import { buildPlan, TARGETS } from "./build.ts";

const controllerFlags = ["--allow-net", "--allow-read"];

Deno.test("buildPlan() compiles the agent for five targets and the controller for each", () => {
  const plan = buildPlan({ controllerFlags });
  assert.deepEqual(plan.map((step) => step.label), [
    "cefleet-agent linux-x86_64",
    "cefleet-agent linux-aarch64",
    "cefleet-agent macos-x86_64",
    "cefleet-agent macos-aarch64",
    "cefleet-agent windows-x86_64",
    "cefleet-controller linux-x86_64",
    "cefleet-controller linux-aarch64",
    "cefleet-controller macos-x86_64",
    "cefleet-controller macos-aarch64",
    "cefleet-controller windows-x86_64",
  ]);
});

Deno.test("buildPlan() gives each agent exactly its OS's permission flags", () => {
  const plan = buildPlan({ controllerFlags, agentOnly: true });
  for (const [index, target] of TARGETS.entries()) {
    const args = plan[index].args;
    const flags = args.filter((arg) => arg.startsWith("--allow-"));
    assert.deepEqual(flags, agentPermissionFlags({ os: target.os }));
    assert.ok(args.includes(`--target=${target.triple}`));
  }
  assert.ok(
    plan[4].args.includes("--output=dist/cefleet-agent-windows-x86_64.exe"),
  );
});

Deno.test("buildPlan() narrows the agents' network to the given controller", () => {
  const plan = buildPlan({
    controllerFlags,
    agentOnly: true,
    controllerUrl: "https://ce.example.org",
  });
  for (const step of plan) {
    assert.ok(step.args.includes("--allow-net=ce.example.org:443"));
  }
});

Deno.test("buildPlan() embeds the dashboard's built files in the controller", () => {
  const controller = buildPlan({ controllerFlags }).at(-1)!;
  assert.ok(controller.args.includes("--include=dist/islands"));
  assert.ok(controller.args.includes("--allow-net"));
  assert.equal(controller.args.at(-1), "controller/main.ts");
});
