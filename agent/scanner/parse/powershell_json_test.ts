import assert from "node:assert/strict";
import {
  jsonBoolean,
  objectList,
  parsePowershellJson,
  powershellDate,
} from "./powershell_json.ts";

Deno.test("parsePowershellJson() reads empty output as an empty list and strips a BOM", () => {
  assert.deepEqual(parsePowershellJson("  \r\n"), { ok: true, value: [] });
  assert.deepEqual(parsePowershellJson('\uFEFF{"a": 1}'), {
    ok: true,
    value: { a: 1 },
  });
  assert.equal(parsePowershellJson("Name  Enabled").ok, false);
});

Deno.test("objectList() treats one object and an array alike", () => {
  assert.deepEqual(objectList({ a: 1 }), [{ a: 1 }]);
  assert.deepEqual(objectList([{ a: 1 }, null, 3, { b: 2 }]), [{ a: 1 }, {
    b: 2,
  }]);
});

Deno.test("powershellDate() reads the /Date()/ form and ISO strings", () => {
  assert.equal(
    powershellDate("/Date(1796284800000)/")?.toISOString(),
    "2026-12-03T08:00:00.000Z",
  );
  assert.equal(
    powershellDate("2026-11-10T00:00:00.0000000Z")?.toISOString(),
    "2026-11-10T00:00:00.000Z",
  );
  assert.equal(powershellDate(null), undefined);
  assert.equal(powershellDate("soon"), undefined);
});

Deno.test("jsonBoolean() accepts PowerShell's spellings only", () => {
  assert.equal(jsonBoolean(true), true);
  assert.equal(jsonBoolean("False"), false);
  assert.equal(jsonBoolean(1), true);
  assert.equal(jsonBoolean("yes"), undefined);
});
