import assert from "node:assert/strict";
import { ALL_CHECKS } from "./mod.ts";
import {
  isDeclared,
  SCANNER_ACCESS,
  scannerPermissionFlags,
} from "./commands.ts";
import { RecordedProbe } from "./recorded_probe.ts";

Deno.test("scannerPermissionFlags() grants exactly the listed programs and paths", () => {
  const flags = scannerPermissionFlags("linux");
  const run = flags.find((f) => f.startsWith("--allow-run="))!;
  const read = flags.find((f) => f.startsWith("--allow-read="))!;

  assert.deepEqual(run.slice(12).split(","), [...SCANNER_ACCESS.linux.run]);
  assert.ok(read.slice(13).split(",").includes("/etc/shadow"));
  assert.ok(!flags.some((f) => f === "--allow-run" || f === "-A"));
});

Deno.test("isDeclared() grants files under a listed directory only", () => {
  assert.ok(isDeclared("linux", "read", "/etc/pam.d/common-auth"));
  assert.ok(!isDeclared("linux", "read", "/etc/pam.d.bak/x"));
  assert.ok(!isDeclared("linux", "run", "bash"));
  assert.ok(isDeclared("windows", "run", "powershell"));
});

Deno.test("the recorded probe refuses a program commands.ts does not list", async () => {
  const probe = new RecordedProbe("linux", {});

  await assert.rejects(
    async () => await probe.run("curl", ["https://example.com"]),
    /"curl" is not listed for linux/,
  );
});

Deno.test("every check on every platform asks only for listed access", async () => {
  for (const platform of ["linux", "darwin", "windows"] as const) {
    const probe = new RecordedProbe(platform, {});
    const ctx = {
      probe,
      platform,
      mode: "standard" as const,
      host: {
        platform,
        hostname: "h",
        osName: "",
        osVersion: "",
        kernel: "",
        arch: "x86_64",
        osId: platform,
        osIdLike: [],
        osRelease: {},
        isServer: false,
        hasDesktop: true,
        evidence: [],
      },
      rule: {
        severity: "high" as const,
        violation: "fail" as const,
        limits: {},
      },
      now: () => new Date("2026-06-01T00:00:00Z"),
    };
    for (
      const check of ALL_CHECKS.filter((c) => c.platforms.includes(platform))
    ) {
      try {
        await check.run(ctx);
      } catch (error) {
        // Empty limits may make a check throw; undeclared access never may.
        assert.doesNotMatch(
          String(error),
          /is not listed/,
          `${check.id} on ${platform}`,
        );
      }
    }
  }
});
