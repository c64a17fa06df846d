import assert from "node:assert/strict";
import type {
  CheckResult,
  CheckStatus,
  Severity,
} from "../../shared/report.ts";
import {
  type CheckContext,
  type CheckDefinition,
  controlStatusOf,
  limit,
  overallOf,
  scoreOf,
  toCheckResult,
  toControlResult,
  unknownFromProbe,
  violation,
} from "./check.ts";

function result(
  status: CheckStatus,
  severity: Severity = "medium",
  control: CheckResult["control"] = "firewalls",
): CheckResult {
  return {
    id: `${control}.${status}.${severity}`,
    control,
    title: `A ${status} check`,
    status,
    severity,
    requirement: "",
    expected: "",
    actual: `found ${status}`,
    evidence: [],
    remediation: status === "pass" ? "" : `fix ${status}`,
  };
}

Deno.test("scoreOf() weighs checks by severity and gives a warning half credit", () => {
  const score = scoreOf([
    result("pass", "critical"), // 4 of 4
    result("warn", "high"), // 1.5 of 3
    result("fail", "low"), // 0 of 1
  ]);

  assert.equal(score, Math.round((5.5 / 8) * 1000) / 1000);
});

Deno.test("scoreOf() counts unknown as not passed and leaves out n/a and info", () => {
  assert.equal(scoreOf([result("pass"), result("unknown")]), 0.5);
  assert.equal(
    scoreOf([result("pass"), result("not_applicable"), result("info")]),
    1,
  );
  assert.equal(scoreOf([result("not_applicable")]), 1);
});

Deno.test("controlStatusOf() is the worst status, and unknown is never a pass", () => {
  assert.equal(controlStatusOf([result("pass"), result("fail")]), "fail");
  assert.equal(controlStatusOf([result("unknown"), result("warn")]), "warn");
  assert.equal(controlStatusOf([result("pass"), result("unknown")]), "unknown");
  assert.equal(controlStatusOf([result("pass"), result("info")]), "pass");
});

Deno.test("toControlResult() builds findings and recommendations from flagged checks", () => {
  const checks = [
    result("pass"),
    result("fail"),
    result("unknown"),
    result("info"),
    result("warn", "low", "malware_protection"),
  ];
  const control = toControlResult("firewalls", checks);

  assert.equal(control.status, "fail");
  assert.deepEqual(control.findings, [
    "A fail check: found fail",
    "A unknown check: found unknown",
  ]);
  assert.deepEqual(control.recommendations, ["fix fail", "fix unknown"]);
  assert.deepEqual(control.details.information, ["A info check: found info"]);
});

Deno.test("overallOf() fails on a failed control and warns on an unknown one", () => {
  const pass = toControlResult("firewalls", [result("pass")]);
  const unknown = toControlResult("secure_configuration", [
    result("unknown", "high", "secure_configuration"),
  ]);
  const fail = toControlResult("malware_protection", [
    result("fail", "high", "malware_protection"),
  ]);

  assert.equal(overallOf([pass], []).status, "pass");
  assert.equal(overallOf([pass, unknown], []).status, "warn");
  assert.equal(overallOf([pass, unknown, fail], []).status, "fail");
});

const context = (violationStatus: "warn" | "fail"): CheckContext => ({
  rule: {
    severity: "high",
    violation: violationStatus,
    limits: { max_failed_attempts: 10 },
  },
} as unknown as CheckContext);

Deno.test("violation() takes its status from the mode rule", () => {
  assert.equal(violation(context("warn"), "x").status, "warn");
  assert.equal(violation(context("fail"), "x").status, "fail");
});

Deno.test("limit() reads a mode limit and throws for a missing one", () => {
  assert.equal(limit(context("fail"), "max_failed_attempts"), 10);
  assert.throws(
    () => limit(context("fail"), "max_days"),
    /no limit "max_days"/,
  );
});

Deno.test("unknownFromProbe() keeps the probe's reason as evidence", () => {
  const outcome = unknownFromProbe({
    ok: false,
    kind: "denied",
    reason: '"/etc/shadow" could not be read: Permission denied',
  });

  assert.equal(outcome.status, "unknown");
  assert.match(outcome.actual, /permission denied/);
  assert.deepEqual(outcome.evidence, [
    '"/etc/shadow" could not be read: Permission denied',
  ]);
});

Deno.test("toCheckResult() picks platform text, clips long text and drops a pass's fix", () => {
  const definition: CheckDefinition = {
    id: "firewalls.enabled",
    control: "firewalls",
    title: "t",
    requirement: "r",
    expected: { linux: "linux expected", windows: "windows expected" },
    remediation: "do it",
    platforms: ["linux"],
    run: () => Promise.reject(new Error("not run")),
  };
  const long = "x".repeat(5000);
  const failed = toCheckResult(
    definition,
    { status: "fail", actual: long, evidence: [long] },
    "high",
    "windows",
  );
  const passed = toCheckResult(
    definition,
    { status: "pass", actual: "ok", evidence: [] },
    "high",
    "linux",
  );

  assert.equal(failed.expected, "windows expected");
  assert.equal(failed.actual.length, 4000);
  assert.equal(failed.evidence[0].length, 4000);
  assert.equal(failed.remediation, "do it");
  assert.equal(passed.remediation, "");
  const skipped = toCheckResult(
    definition,
    { status: "not_applicable", actual: "no desktop", evidence: [] },
    "high",
    "linux",
  );
  assert.equal(skipped.remediation, "");
});
