import assert from "node:assert/strict";
import { SCANNER_ACCESS } from "./scanner/commands.ts";
import { agentPermissionFlags, agentPermissions } from "./permissions.ts";

Deno.test("agentPermissions() writes only the agent's folders and unit on Linux", () => {
  const p = agentPermissions({ os: "linux" });
  assert.deepEqual(p.write, [
    "/etc/cefleet",
    "/etc/systemd/system/cefleet-agent.service",
    "/var/lib/cefleet",
  ]);
});

Deno.test("agentPermissions() runs the scanner's tools plus the token store's", () => {
  for (const os of ["linux", "darwin", "windows"] as const) {
    const run = agentPermissions({ os }).run;
    for (const tool of SCANNER_ACCESS[os].run) {
      assert.ok(run.includes(tool), tool);
    }
  }
  assert.ok(agentPermissions({ os: "linux" }).run.includes("systemd-creds"));
  assert.ok(agentPermissions({ os: "darwin" }).run.includes("security"));
  assert.ok(agentPermissions({ os: "windows" }).run.includes("powershell"));
});

Deno.test("agentPermissions() never grants a shell or the Deno binary", () => {
  for (const os of ["linux", "darwin", "windows"] as const) {
    const run = agentPermissions({ os }).run;
    for (const shell of ["sh", "bash", "cmd", "cmd.exe", "deno"]) {
      assert.equal(run.includes(shell), false, `${os} may run ${shell}`);
    }
  }
});

Deno.test("agentPermissions() replaces the standard folders with a state directory", () => {
  const p = agentPermissions({ os: "darwin", stateDirs: ["/tmp/agent-a"] });
  assert.ok(p.write.includes("/tmp/agent-a"));
  assert.equal(p.write.some((w) => w.includes("Application Support")), false);
});

Deno.test("agentPermissionFlags() narrows the network to the controller when known", () => {
  const open = agentPermissionFlags({ os: "linux" });
  const narrow = agentPermissionFlags({
    os: "linux",
    controllerHost: "ce.example.org:443",
  });
  assert.ok(open.includes("--allow-net"));
  assert.ok(narrow.includes("--allow-net=ce.example.org:443"));
});

Deno.test("agentPermissionFlags() grants no blanket permission", () => {
  const flags = agentPermissionFlags({ os: "windows", controllerHost: "h" });
  for (const flag of flags) assert.match(flag, /=./, flag);
  assert.equal(flags.includes("-A"), false);
});
