import assert from "node:assert/strict";
import { parseFirewalldZones, zonesInUse } from "./firewalld.ts";

const zones = (headers: string[]) =>
  headers.map((h) => `${h}\n  target: default\n  interfaces: \n`).join("\n");

Deno.test("zonesInUse() picks the active zones, else the default one", () => {
  const active = parseFirewalldZones(
    zones(["block", "public (default)", "work (active)", "home (active)"]),
  );
  const idle = parseFirewalldZones(zones(["block", "public (default)"]));

  assert.deepEqual(zonesInUse(active).map((z) => z.name), ["work", "home"]);
  assert.deepEqual(zonesInUse(idle).map((z) => z.name), ["public"]);
});

Deno.test("parseFirewalldZones() reads rich rules and leaves out broken blocks", () => {
  const parsed = parseFirewalldZones(
    "public (active)\n  target: default\n  sources: 10.0.0.0/8\n" +
      '  rich rules: \n\trule family="ipv4" service name="ssh" accept\n' +
      "garbage\n  nothing here\n",
  );

  assert.equal(parsed.length, 1);
  assert.deepEqual(parsed[0].sources, ["10.0.0.0/8"]);
  assert.deepEqual(parsed[0].richRules, [
    'rule family="ipv4" service name="ssh" accept',
  ]);
});
