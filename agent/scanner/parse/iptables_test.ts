import assert from "node:assert/strict";
import {
  inputBlocksByDefault,
  iptablesInboundAllows,
  parseIptablesRules,
} from "./iptables.ts";

Deno.test("inputBlocksByDefault() reads the policy and a final reject", () => {
  const policy = parseIptablesRules(
    "-P INPUT DROP\n-A INPUT -i lo -j ACCEPT\n",
  )!;
  const reject = parseIptablesRules(
    "-P INPUT ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\n" +
      "-A INPUT -j REJECT --reject-with icmp-port-unreachable\n",
  )!;
  const conditional = parseIptablesRules(
    "-P INPUT ACCEPT\n-A INPUT -p tcp --dport 23 -j DROP\n",
  )!;
  const undone = parseIptablesRules("-P INPUT DROP\n-A INPUT -j ACCEPT\n")!;

  assert.equal(inputBlocksByDefault(policy), true);
  assert.equal(inputBlocksByDefault(reject), true);
  assert.equal(inputBlocksByDefault(conditional), false);
  assert.equal(inputBlocksByDefault(undone), false);
});

Deno.test("iptablesInboundAllows() keeps quoted comments in one word", () => {
  const rules = iptablesInboundAllows(
    parseIptablesRules(
      '-P INPUT DROP\n-A INPUT -p tcp -m tcp --dport 5900:5903 -m comment --comment "vnc for the lab" -j ACCEPT\n',
    )!,
  );

  assert.equal(rules.length, 1);
  assert.deepEqual(rules[0].ports, [{ from: 5900, to: 5903 }]);
  assert.match(rules[0].text, /vnc for the lab -j ACCEPT$/);
});

Deno.test("parseIptablesRules() returns null for output it does not know", () => {
  assert.equal(parseIptablesRules("iptables v1.8.9: can't initialize"), null);
});
