import assert from "node:assert/strict";
import { fixture } from "../recorded_probe.ts";
import { pamArg, parsePamStack } from "./pam.ts";

Deno.test("parsePamStack() keeps bracketed controls and module arguments", () => {
  const rules = parsePamStack(fixture("linux", "uac_system_auth_rhel9.txt"));
  const password = rules.filter((r) => r.type === "password");
  assert.deepEqual(password.map((r) => r.module), [
    "pam_pwquality.so",
    "pam_unix.so",
    "pam_localuser.so",
    "pam_sss.so",
    "pam_deny.so",
  ]);
  assert.equal(password[2].control, "[success=1 default=ignore]");
  assert.equal(pamArg(password[0], "minlen"), "14");
  assert.equal(pamArg(password[0], "retry"), undefined);
});

Deno.test("parsePamStack() reads includes, optional rules, paths and continuations", () => {
  const rules = parsePamStack(
    "@include common-auth\n" +
      "-session optional pam_systemd.so\n" +
      "password required /lib/x86_64-linux-gnu/security/pam_unix.so \\\n" +
      "  minlen=10 # trailing comment\n",
  );
  assert.equal(rules[0].include, true);
  assert.equal(rules[0].module, "common-auth");
  assert.equal(rules[1].type, "session");
  assert.equal(rules[2].module, "pam_unix.so");
  assert.deepEqual(rules[2].args, ["minlen=10"]);
});
