/**
 * The user access control and update checks on the real Linux machine:
 * each test changes a real setting (an admin account, root's password,
 * PAM's minimum length, apt's periodic settings), scans, and restores it.
 *
 * They run only as root on Linux, because only root can make the changes.
 */
import assert from "node:assert/strict";
import type { CheckResult } from "../shared/report.ts";
import { runScan } from "../agent/scanner/mod.ts";
import { securityUpdateManagementChecks } from "../agent/scanner/security_update_management.ts";
import { userAccessControlChecks } from "../agent/scanner/user_access_control.ts";

const TEST_USER = "cefleet-uac-test";
const PAM_PASSWORD = "/etc/pam.d/common-password";
const APT_TEST_CONF = "/etc/apt/apt.conf.d/99cefleet-uac-test";

async function works(command: string, args: string[]): Promise<boolean> {
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
const hasUserTools = isLinuxRoot &&
  await works("useradd", ["--help"]) && await works("chage", ["--help"]);
const hasOpenssl = hasUserTools && await works("openssl", ["version"]);
const hasDebianPam = isLinuxRoot && await exists(PAM_PASSWORD);
const hasApt = isLinuxRoot && await works("apt-config", ["dump"]);

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function run(command: string, args: string[]): Promise<string> {
  const output = await new Deno.Command(command, { args }).output();
  const text = new TextDecoder().decode(output.stdout);
  if (output.code !== 0) {
    const error = new TextDecoder().decode(output.stderr);
    throw new Error(`${command} ${args.join(" ")} failed: ${error}`);
  }
  return text;
}

async function scan(id: string): Promise<CheckResult> {
  const checks = [...userAccessControlChecks, ...securityUpdateManagementChecks]
    .filter((c) => c.id === id);
  const report = await runScan({ mode: "standard", checks });
  return report.checks[0];
}

async function rootPasswordField(): Promise<string> {
  const shadow = await Deno.readTextFile("/etc/shadow");
  const line = shadow.split("\n").find((l) => l.startsWith("root:"));
  if (!line) throw new Error("/etc/shadow has no root entry");
  return line.split(":")[1];
}

Deno.test({
  name: "admin_separation lists a new sudo member and inactive_accounts " +
    "flags it once its set-up date is old",
  ignore: !hasUserTools,
  async fn() {
    const adminGroup = (await works("getent", ["group", "sudo"]))
      ? "sudo"
      : "wheel";
    await run("useradd", [
      "-m",
      "-s",
      "/bin/bash",
      "-G",
      adminGroup,
      TEST_USER,
    ]);
    try {
      const admins = await scan("user_access_control.admin_separation");
      const listed = admins.evidence.find((e) =>
        e.startsWith("Administrators:")
      );
      assert.match(listed ?? "", new RegExp(`\\b${TEST_USER}\\b`));

      // A password set today means a new account, not a forgotten one.
      await run("chage", [
        "-d",
        new Date().toISOString().slice(0, 10),
        TEST_USER,
      ]);
      const fresh = await scan("user_access_control.inactive_accounts");
      assert.doesNotMatch(fresh.actual, new RegExp(TEST_USER));

      await run("chage", ["-d", "2020-01-01", TEST_USER]);
      const stale = await scan("user_access_control.inactive_accounts");
      assert.match(stale.actual, new RegExp(TEST_USER));
      assert.ok(
        stale.evidence.includes(
          `${TEST_USER}: never logged in, set up 2020-01-01`,
        ),
      );
    } finally {
      await run("userdel", ["-r", TEST_USER]).catch(() => "");
    }
  },
});

Deno.test({
  name: "builtin_admin follows root's password from locked to usable and back",
  ignore: !hasOpenssl,
  async fn() {
    const original = await rootPasswordField();
    // A hash of a random password nobody knows: usable, never guessable.
    const secret = crypto.randomUUID();
    const hash = (await run("openssl", ["passwd", "-6", secret])).trim();
    try {
      await run("usermod", ["-p", hash, "root"]);
      const usable = await scan("user_access_control.builtin_admin");
      assert.equal(usable.status, "warn");
      assert.equal(usable.actual, "root has a usable password");

      await run("usermod", ["-p", "*", "root"]);
      const locked = await scan("user_access_control.builtin_admin");
      assert.equal(locked.status, "pass");
    } finally {
      await run("usermod", ["-p", original, "root"]);
    }
    assert.equal(await rootPasswordField(), original);
  },
});

Deno.test({
  name: "password_length follows pam_unix's minlen in common-password",
  ignore: !hasDebianPam,
  async fn() {
    const original = await Deno.readTextFile(PAM_PASSWORD);
    const unixLine = /^(password\s+(?:\[[^\]]*\]|\S+)\s+pam_unix\.so)(.*)$/m;
    if (!unixLine.test(original)) {
      throw new Error(`${PAM_PASSWORD} has no pam_unix.so password line`);
    }
    try {
      await Deno.writeTextFile(
        PAM_PASSWORD,
        original.replace(unixLine, "$1$2 minlen=12"),
      );
      const twelve = await scan("user_access_control.password_length");
      assert.equal(twelve.status, "pass");
      assert.match(twelve.actual, /pam_unix\.so sets a minimum of 12/);

      await Deno.writeTextFile(
        PAM_PASSWORD,
        original.replace(unixLine, "$1$2 minlen=10"),
      );
      const ten = await scan("user_access_control.password_length");
      assert.equal(ten.status, "fail");
    } finally {
      await Deno.writeTextFile(PAM_PASSWORD, original);
    }
  },
});

Deno.test({
  name: "automatic_updates reads apt's periodic settings as they change",
  ignore: !hasApt,
  async fn() {
    try {
      await Deno.writeTextFile(
        APT_TEST_CONF,
        'APT::Periodic::Update-Package-Lists "1";\n' +
          'APT::Periodic::Unattended-Upgrade "1";\n',
      );
      const on = await scan("security_update_management.automatic_updates");
      assert.ok(
        on.evidence.includes('APT::Periodic::Unattended-Upgrade = "1"'),
      );

      await Deno.writeTextFile(
        APT_TEST_CONF,
        'APT::Periodic::Unattended-Upgrade "0";\n',
      );
      const off = await scan("security_update_management.automatic_updates");
      assert.ok(
        off.evidence.includes('APT::Periodic::Unattended-Upgrade = "0"'),
      );
      assert.notEqual(off.status, "pass");
    } finally {
      await Deno.remove(APT_TEST_CONF).catch(() => undefined);
    }
  },
});
