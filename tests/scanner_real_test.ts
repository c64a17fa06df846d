/**
 * The scanner on this Linux machine, run as the agent ships it (the
 * permission flags built from `commands.ts`), with real settings changed
 * and the verdict followed.
 *
 * Settings change inside private Linux namespaces (`unshare --mount --net`):
 * a bind-mounted /etc/shadow, an nftables ruleset in a fresh network
 * namespace, an sshd drop-in directory. The scanner sees them exactly as it
 * would on a host configured that way, while the machine itself and the
 * other tests are untouched.
 *
 * Needs root, `unshare`, `nft` and `sshd`. Outside CI a machine without
 * them skips these tests with a message; with `CI=true` they fail.
 */
import { assert, assertEquals, assertMatch } from "./helpers/assert.ts";
import { createTestApp } from "./helpers/app.ts";
import { dbTest } from "./helpers/db.ts";
import { scannerPermissionFlags } from "../agent/scanner/commands.ts";
import { toUpload } from "../agent/reports.ts";
import {
  type CheckResult,
  type Report,
  ReportSchema,
} from "../shared/report.ts";

const CLI = new URL("../agent/scanner/cli.ts", import.meta.url).pathname;

const missing = await missingRequirements();
const inCi = Deno.env.get("CI") === "true";
if (missing.length > 0 && !inCi) {
  console.warn(`Skipping real scanner tests: ${missing.join(", ")}`);
}

function realTest(name: string, fn: () => Promise<void>) {
  Deno.test({
    name,
    ignore: missing.length > 0 && !inCi,
    async fn() {
      if (missing.length > 0) {
        throw new Error(`CI must run the real scanner tests: ${missing}`);
      }
      await fn();
    },
  });
}

async function missingRequirements(): Promise<string[]> {
  if (Deno.build.os !== "linux") return ["not Linux"];
  const missing: string[] = [];
  if (Deno.uid() !== 0) missing.push("not root");
  for (const tool of ["unshare", "nft", "sshd", "mount"]) {
    const found = await new Deno.Command("sh", {
      args: ["-c", `command -v ${tool}`],
      stdout: "null",
    }).output();
    if (!found.success) missing.push(`${tool} not installed`);
  }
  return missing;
}

interface ScanRun {
  code: number;
  report: Report;
  stderr: string;
}

/**
 * Runs the scanner CLI with the shipped permission flags inside fresh
 * mount and network namespaces, after a shell `setup` step there.
 */
async function scanIsolated(
  setup: string,
  args: string[] = [],
  flags = scannerPermissionFlags("linux"),
): Promise<ScanRun> {
  const deno = Deno.execPath();
  const command = [deno, "run", ...flags, CLI, "--format", "json", ...args]
    .map(shellQuote).join(" ");
  const script = `set -e\n${setup}\nexec ${command}`;
  const output = await new Deno.Command("unshare", {
    args: ["--mount", "--net", "--propagation", "private", "sh", "-c", script],
    stdout: "piped",
    stderr: "piped",
  }).output();

  const stdout = new TextDecoder().decode(output.stdout);
  const stderr = new TextDecoder().decode(output.stderr);
  assert(stdout.startsWith("{"), `The scan printed no report: ${stderr}`);
  return { code: output.code, report: JSON.parse(stdout), stderr };
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'"'"'`)}'`;
}

function check(report: Report, id: string): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  assert(found, `No check ${id} in the report`);
  return found;
}

async function withTempDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "cefleet-scan-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const EXIT_FOR: Record<Report["overall"]["status"], number> = {
  pass: 0,
  warn: 1,
  fail: 2,
};

realTest(
  "a real scan with the shipped permissions gives a valid report and exit status",
  async () => {
    const { code, report, stderr } = await scanIsolated("true");

    const parsed = ReportSchema.safeParse(report);
    assert(parsed.success, JSON.stringify(parsed.error?.issues));
    assertEquals(code, EXIT_FOR[report.overall.status]);
    assertEquals(report.os.platform, "Linux");
    assertEquals(report.controls.length, 5);
    // Deno notes each listed tool this machine lacks; nothing else may appear.
    const notes = stderr.split("\n").filter((line) =>
      line !== "" && !/Failed to resolve '[^']+' for allow-run/.test(line)
    );
    assertEquals(notes, []);
    const denied = report.checks.filter((c) =>
      c.evidence.some((e) => /Requires (run|read|env) access/.test(e))
    );
    assertEquals(denied.map((c) => c.id), []);
  },
);

realTest(
  "an account given an empty password fails the check; removing it passes",
  async () => {
    await withTempDir(async (dir) => {
      const setup = (withEmpty: boolean) => `
cp /etc/passwd ${dir}/passwd
cp /etc/shadow ${dir}/shadow
${
        withEmpty
          ? `echo 'cefleet-empty:x:4242:4242::/nonexistent:/bin/bash' >> ${dir}/passwd
echo 'cefleet-empty::20000:0:99999:7:::' >> ${dir}/shadow`
          : ""
      }
mount --bind ${dir}/passwd /etc/passwd
mount --bind ${dir}/shadow /etc/shadow`;

      const bad = await scanIsolated(setup(true));
      const good = await scanIsolated(setup(false));

      const failed = check(bad.report, "secure_configuration.empty_passwords");
      assertEquals(failed.status, "fail");
      assertMatch(failed.actual, /cefleet-empty/);
      assertEquals(
        check(good.report, "secure_configuration.empty_passwords").status,
        "pass",
      );
    });
  },
);

realTest(
  "an nftables input chain that drops passes; opening SSH to anyone warns; none fails",
  async () => {
    await withTempDir(async (dir) => {
      const ruleset = (sshRule: string) =>
        `table inet cefleet_test {
  chain input {
    type filter hook input priority filter; policy drop;
    ct state established,related accept
    iif "lo" accept
    ${sshRule}
  }
}
`;
      await Deno.writeTextFile(
        `${dir}/open.nft`,
        ruleset("tcp dport 22 accept"),
      );
      await Deno.writeTextFile(
        `${dir}/restricted.nft`,
        ruleset("ip saddr 10.0.0.0/8 tcp dport 22 accept"),
      );

      const none = await scanIsolated("true");
      const open = await scanIsolated(`nft -f ${dir}/open.nft`);
      const restricted = await scanIsolated(`nft -f ${dir}/restricted.nft`);

      assertEquals(check(none.report, "firewalls.enabled").status, "fail");
      assertEquals(check(open.report, "firewalls.enabled").status, "pass");
      assertEquals(
        check(open.report, "firewalls.inbound_default_block").status,
        "pass",
      );
      const exposed = check(open.report, "firewalls.inbound_rules");
      assertEquals(exposed.status, "warn");
      assertMatch(exposed.actual, /SSH 22/);
      assertEquals(
        check(restricted.report, "firewalls.inbound_rules").status,
        "pass",
      );
    });
  },
);

realTest(
  "an sshd drop-in permitting root password logins warns, fails in strict, and key-only passes",
  async () => {
    await withTempDir(async (dir) => {
      await Deno.mkdir(`${dir}/root`);
      await Deno.writeTextFile(
        `${dir}/root/10-root.conf`,
        "PermitRootLogin yes\nPasswordAuthentication yes\n",
      );
      await Deno.mkdir(`${dir}/keys`);
      await Deno.writeTextFile(
        `${dir}/keys/10-keys.conf`,
        "PermitRootLogin prohibit-password\nPasswordAuthentication no\n",
      );
      // sshd -T refuses to run without its privilege separation directory.
      const setup = (dropIn: string) => `
mount -t tmpfs tmpfs /run
mkdir -p /run/sshd
mount --bind ${dir}/${dropIn} /etc/ssh/sshd_config.d`;

      const standard = await scanIsolated(setup("root"));
      const strict = await scanIsolated(setup("root"), ["--mode", "strict"]);
      const keys = await scanIsolated(setup("keys"));

      const warned = check(
        standard.report,
        "secure_configuration.remote_login",
      );
      assertEquals(warned.status, "warn");
      assertMatch(warned.actual, /root may log in with a password/);
      assertMatch(warned.evidence.join("\n"), /Read with sshd -T/);
      assertEquals(
        check(strict.report, "secure_configuration.remote_login").status,
        "fail",
      );
      assertEquals(
        check(keys.report, "secure_configuration.remote_login").status,
        "pass",
      );
    });
  },
);

realTest(
  "a scanner that may not read /etc/shadow says unknown, never pass",
  async () => {
    const flags = scannerPermissionFlags("linux").map((flag) =>
      flag.startsWith("--allow-read=")
        ? flag.replace(/,?\/etc\/shadow/, "")
        : flag
    );
    const { report } = await scanIsolated("true", [], flags);

    const empty = check(report, "secure_configuration.empty_passwords");
    assertEquals(empty.status, "unknown");
    assertMatch(empty.actual, /permission denied/);
  },
);

dbTest(
  "a real scan's report is accepted by the controller's report endpoint",
  async (kind) => {
    if (missing.length > 0 && !inCi) return;
    const { report } = await scanIsolated("true");
    await using t = await createTestApp(kind);
    const agent = await t.registerAgent();

    const answer = await t.request("POST", `/api/agents/${agent.id}/report`, {
      token: agent.token,
      body: toUpload(report),
    });
    const stored = await t.request("GET", `/api/reports/${report.report_id}`, {
      token: await t.adminToken(),
    });

    assertEquals(answer.status, 200);
    assertEquals(answer.body.report_id, report.report_id);
    assertEquals(stored.body.checks.length, report.checks.length);
  },
);
