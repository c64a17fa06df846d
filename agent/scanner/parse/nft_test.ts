import assert from "node:assert/strict";
import {
  blocksByDefault,
  inputChains,
  nftInboundAllows,
  parseNftRuleset,
} from "./nft.ts";

Deno.test("parseNftRuleset() reads base chains and skips multi-line sets", () => {
  const chains = parseNftRuleset(`table inet filter {
	set blocked {
		type ipv4_addr
		elements = { 192.0.2.1,
			     192.0.2.2 }
	}

	chain input {
		type filter hook input priority filter; policy drop;
		tcp dport ssh accept
	}
}
table ip nat {
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "eth0" masquerade
	}
}
`);

  assert.deepEqual(chains.map((c) => c.key), [
    "inet filter input",
    "ip nat postrouting",
  ]);
  assert.equal(chains[0].policy, "drop");
  assert.deepEqual(chains[0].rules, ["tcp dport ssh accept"]);
  assert.deepEqual(inputChains(chains).map((c) => c.name), ["input"]);
});

Deno.test("blocksByDefault() is undone by a final unconditional accept", () => {
  const [chain] = parseNftRuleset(`table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		tcp dport 22 accept
		counter packets 10 bytes 600 accept
	}
}`);

  assert.equal(blocksByDefault(chain), false);
});

Deno.test("nftInboundAllows() maps service names and sees source limits", () => {
  const rules = nftInboundAllows(parseNftRuleset(`table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		tcp dport ssh accept
		ip saddr 10.0.0.0/8 tcp dport 3389 accept
		icmp type echo-request accept
		tcp dport @web accept
	}
}`));

  assert.deepEqual(rules.map((r) => [r.ports, r.fromAnywhere]), [
    [[{ from: 22, to: 22 }], true],
    [[{ from: 3389, to: 3389 }], false],
    [[], true],
    [[], true],
  ]);
});
