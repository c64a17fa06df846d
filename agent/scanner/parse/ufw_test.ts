import assert from "node:assert/strict";
import { parseUfwStatus, ufwInboundAllows } from "./ufw.ts";

Deno.test("ufwInboundAllows() reads ports, app profiles and addresses", () => {
  const status = parseUfwStatus(`Status: active
Default: deny (incoming), allow (outgoing), deny (routed)

To                         Action      From
--                         ------      ----
Apache Full                ALLOW IN    Anywhere
10.0.0.5 22/tcp            ALLOW IN    Anywhere
192.0.2.10                 ALLOW IN    Anywhere
Anywhere on eth1           ALLOW IN    10.1.0.0/16
8080/tcp                   ALLOW OUT   Anywhere
`)!;
  const rules = ufwInboundAllows(status);

  assert.deepEqual(status.defaults, {
    incoming: "deny",
    outgoing: "allow",
    routed: "deny",
  });
  assert.deepEqual(rules.map((r) => [r.ports, r.fromAnywhere]), [
    [[], true],
    [[{ from: 22, to: 22 }], true],
    ["any", true],
    ["any", false],
  ]);
});

Deno.test("parseUfwStatus() refuses output without a known Status", () => {
  assert.equal(parseUfwStatus("Status: aktiv\n"), null);
  assert.equal(parseUfwStatus(""), null);
});
