import assert from "node:assert/strict";
import { fixture } from "../recorded_probe.ts";
import {
  parseAptConfigDump,
  parseEqualsConf,
  parseLoginDefs,
} from "./config_files.ts";

Deno.test("parseEqualsConf() ignores commented defaults and keeps flags", () => {
  assert.equal(
    parseEqualsConf(fixture("linux", "uac_pwquality_default.conf")).size,
    0,
  );
  const local = parseEqualsConf(
    fixture("linux", "uac_pwquality_minlen12.conf"),
  );
  assert.equal(local.get("minlen"), "12");
  assert.equal(local.get("enforce_for_root"), "");
});

Deno.test("parseLoginDefs() reads tab-separated keys", () => {
  const defs = parseLoginDefs(fixture("linux", "uac_login_defs.txt"));
  assert.equal(defs.get("PASS_MAX_DAYS"), "99999");
  assert.equal(defs.get("UID_MIN"), "1000");
});

Deno.test("parseAptConfigDump() reads values and skips list entries", () => {
  const config = parseAptConfigDump(
    fixture("linux", "updates_apt_config_dump_unattended.txt"),
  );
  assert.equal(config.get("APT::Periodic::Unattended-Upgrade"), "1");
  assert.equal(config.get("APT::Architecture"), "amd64");
  assert.equal(config.has("APT::NeverAutoRemove::"), false);
});
