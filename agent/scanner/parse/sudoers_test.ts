import assert from "node:assert/strict";
import { fixture } from "../recorded_probe.ts";
import { isIncludedSudoersFile, parseSudoers } from "./sudoers.ts";

Deno.test("parseSudoers() finds full grants to users and groups", () => {
  const grants = parseSudoers(fixture("linux", "uac_sudoers_debian.txt"));
  assert.deepEqual(grants.users, ["root"]);
  assert.deepEqual(grants.groups, ["sudo"]);
  assert.deepEqual(grants.includeDirs, ["/etc/sudoers.d"]);
});

Deno.test("parseSudoers() reads tags, lists and leaves narrow grants out", () => {
  const grants = parseSudoers(
    "dave,erin ALL=(ALL:ALL) NOPASSWD: ALL\n" +
      "%wheel ALL=(ALL) ALL # admins\n" +
      "backup ALL=(root) NOPASSWD: /usr/bin/rsync\n" +
      "Defaults env_reset\n" +
      "User_Alias ADMINS = frank\n",
  );
  assert.deepEqual(grants.users, ["dave", "erin"]);
  assert.deepEqual(grants.groups, ["wheel"]);
});

Deno.test("isIncludedSudoersFile() skips backups and dotted names", () => {
  assert.ok(isIncludedSudoersFile("90-cloud-init-users"));
  assert.ok(!isIncludedSudoersFile("README.txt"));
  assert.ok(!isIncludedSudoersFile("admins~"));
});
