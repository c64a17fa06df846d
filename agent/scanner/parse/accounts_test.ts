import assert from "node:assert/strict";
import { fixture } from "../recorded_probe.ts";
import {
  isLoginShell,
  isPasswordLocked,
  parseGroup,
  parsePasswd,
  parseShadow,
} from "./accounts.ts";

Deno.test("parsePasswd() and parseGroup() read ids, shells and members", () => {
  const users = parsePasswd(fixture("linux", "uac_passwd.txt"));
  const alice = users.find((u) => u.name === "alice");
  assert.equal(alice?.uid, 1000);
  assert.equal(alice?.shell, "/bin/bash");

  const sudo = parseGroup(fixture("linux", "uac_group.txt"))
    .find((g) => g.name === "sudo");
  assert.deepEqual(sudo, { name: "sudo", gid: 27, members: ["alice"] });
});

Deno.test("parseShadow() reads lock state, last change and expiry", () => {
  const entries = parseShadow(
    fixture("linux", "uac_shadow_root_locked.txt") +
      "gone:$y$x:19000:0:99999:7::19500:\n",
  );
  const root = entries.find((e) => e.name === "root");
  assert.ok(root && isPasswordLocked(root.password));
  assert.equal(entries.find((e) => e.name === "carol")?.lastChangeDay, 19800);
  assert.equal(entries.find((e) => e.name === "gone")?.expireDay, 19500);
  assert.equal(entries.find((e) => e.name === "alice")?.expireDay, undefined);
});

Deno.test("isLoginShell() refuses nologin and false", () => {
  assert.ok(isLoginShell("/bin/bash"));
  assert.ok(!isLoginShell("/usr/sbin/nologin"));
  assert.ok(!isLoginShell("/bin/false"));
  assert.ok(!isLoginShell(""));
});
