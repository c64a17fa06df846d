import assert from "node:assert/strict";
import { ALL_CHECKS } from "./mod.ts";
import { describeModes, MODE_TABLE, modeRule } from "./modes.ts";

Deno.test("every check has a row in the mode table", () => {
  const missing = ALL_CHECKS.filter((c) => !MODE_TABLE[c.id]).map((c) => c.id);

  assert.deepEqual(missing, []);
});

Deno.test("every mode table row belongs to a check", () => {
  const ids = new Set(ALL_CHECKS.map((c) => c.id));
  const orphans = Object.keys(MODE_TABLE).filter((id) => !ids.has(id));

  assert.deepEqual(orphans, []);
});

Deno.test("strict mode is never more lenient than standard", () => {
  const order = { low: 0, medium: 1, high: 2, critical: 3 };
  for (const [id, row] of Object.entries(MODE_TABLE)) {
    assert.ok(
      order[row.strict.severity] >= order[row.standard.severity],
      `${id} lowers its severity in strict mode`,
    );
    assert.ok(
      !(row.standard.violation === "fail" && row.strict.violation === "warn"),
      `${id} turns a fail into a warning in strict mode`,
    );
  }
});

Deno.test("modeRule() throws for a check without a row", () => {
  assert.throws(() => modeRule("firewalls.nope", "standard"), /no row/);
});

Deno.test("describeModes() lists each check with both modes' rules", () => {
  const lines = describeModes();

  assert.match(lines[0], /^check\s+standard\s+strict$/);
  const lockout = lines.find((l) =>
    l.startsWith("secure_configuration.brute_force")
  );
  assert.match(
    lockout ?? "",
    /fail high max_failed_attempts=10\s+fail high max_failed_attempts=5/,
  );
  assert.equal(lines.length, Object.keys(MODE_TABLE).length + 1);
});
