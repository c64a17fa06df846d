import assert from "node:assert/strict";
import { IncomingReportSchema, ReportSchema } from "../../shared/report.ts";
import { type CheckDefinition, pass } from "./check.ts";
import { ALL_CHECKS, runScan, type ScanProgress, sharedProbe } from "./mod.ts";
import type { ModeTable } from "./modes.ts";
import { RecordedProbe } from "./recorded_probe.ts";

const fixedNow = () => new Date("2026-06-01T09:00:00.123Z");

function fakeCheck(
  id: string,
  run: CheckDefinition["run"],
  platforms: CheckDefinition["platforms"] = ["linux"],
): CheckDefinition {
  return {
    id,
    control: "firewalls",
    title: id,
    requirement: "r",
    expected: "e",
    remediation: "f",
    platforms,
    run,
  };
}

const table: ModeTable = Object.fromEntries(
  ["t.pass", "t.throws", "t.hangs", "t.windows"].map((id) => [id, {
    summary: id,
    standard: { severity: "high", violation: "warn" },
    strict: { severity: "critical", violation: "fail" },
  }]),
);

Deno.test("runScan() on recordings returns a report the shared schema accepts", async () => {
  for (const platform of ["linux", "darwin", "windows"] as const) {
    const report = await runScan({
      mode: "strict",
      platform,
      probe: new RecordedProbe(platform, {}),
      now: fixedNow,
      reportId: "0b5f6a43-6c52-4c1e-9a53-3f4b8c2d1e00",
    });

    assert.ok(ReportSchema.safeParse(report).success, platform);
    assert.ok(IncomingReportSchema.safeParse(report).success, platform);
    assert.equal(report.timestamp_utc, "2026-06-01T09:00:00Z");
    assert.equal(report.compliance_mode, "strict");
    assert.equal(report.checks.length, ALL_CHECKS.length);
    assert.equal(report.controls.length, 5);
    assert.ok(report.eos_table_date);
  }
});

Deno.test("runScan() with nothing readable never passes a control", async () => {
  const report = await runScan({
    mode: "standard",
    platform: "windows",
    probe: new RecordedProbe("windows", {}),
    now: fixedNow,
  });

  for (const control of report.controls) {
    assert.notEqual(control.status, "pass", control.name);
  }
  assert.notEqual(report.overall.status, "pass");
});

Deno.test("runScan() turns a throwing check into unknown and keeps the others", async () => {
  const report = await runScan({
    mode: "standard",
    platform: "linux",
    probe: new RecordedProbe("linux", {}),
    now: fixedNow,
    modeTable: table,
    checks: [
      fakeCheck("t.pass", () => Promise.resolve(pass("fine"))),
      fakeCheck("t.throws", () => Promise.reject(new Error("parser bug"))),
    ],
  });

  assert.deepEqual(report.checks.map((c) => c.status), ["pass", "unknown"]);
  assert.equal(report.checks[1].actual, "The check could not run: parser bug");
});

Deno.test("runScan() gives up on a hung check after its timeout", async () => {
  const report = await runScan({
    mode: "standard",
    platform: "linux",
    probe: new RecordedProbe("linux", {}),
    now: fixedNow,
    modeTable: table,
    checkTimeoutMs: 20,
    checks: [fakeCheck("t.hangs", () => new Promise(() => {}))],
  });

  assert.equal(report.checks[0].status, "unknown");
  assert.match(report.checks[0].actual, /ran over 20 ms/);
});

Deno.test("runScan() marks checks for other platforms not applicable", async () => {
  const report = await runScan({
    mode: "strict",
    platform: "linux",
    probe: new RecordedProbe("linux", {}),
    now: fixedNow,
    modeTable: table,
    checks: [
      fakeCheck("t.windows", () => Promise.resolve(pass("x")), ["windows"]),
    ],
  });

  assert.equal(report.checks[0].status, "not_applicable");
  assert.equal(report.checks[0].severity, "critical");
  assert.equal(report.checks[0].actual, "This check does not apply to Linux");
});

Deno.test("runScan() reports progress for every check", async () => {
  const events: ScanProgress[] = [];
  await runScan({
    mode: "standard",
    platform: "linux",
    probe: new RecordedProbe("linux", {}),
    now: fixedNow,
    onProgress: (event) => events.push(event),
  });

  assert.equal(events[0].type, "started");
  const finished = events.filter((e) => e.type === "check_finished");
  assert.equal(finished.length, ALL_CHECKS.length);
  assert.deepEqual(
    finished.map((e) => e.type === "check_finished" && e.done),
    ALL_CHECKS.map((_, i) => i + 1),
  );
});

Deno.test("sharedProbe() runs a command once however many checks ask", async () => {
  const recorded = new RecordedProbe("linux", {
    commands: { "ufw status verbose": { stdout: "Status: inactive\n" } },
  });
  const probe = sharedProbe(recorded);
  await Promise.all([
    probe.run("ufw", ["status", "verbose"]),
    probe.run("ufw", ["status", "verbose"]),
    probe.readFile("/etc/shadow"),
    probe.readFile("/etc/shadow"),
  ]);

  assert.deepEqual(recorded.asked, ["ufw status verbose", "/etc/shadow"]);
});
