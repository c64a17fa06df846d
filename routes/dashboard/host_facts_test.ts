import assert from "node:assert/strict";
import { hostFacts } from "./host_facts.ts";

const AGENT = {
  id: "00000000-0000-4000-8000-000000000001",
  os: "Linux",
  osVersion: "12",
  ip: "192.0.2.2",
};

Deno.test("hostFacts() names the system as the agent does and labels its own keys", () => {
  const facts = hostFacts({
    ...AGENT,
    metadata: {
      os_name: "Debian GNU/Linux 12 (bookworm)",
      is_server: true,
      arch: "x86_64",
      agent_version: "1.0.0",
    },
  });

  assert.deepEqual(facts, [
    ["Operating system", "Debian GNU/Linux 12 (bookworm)"],
    ["IP address", "192.0.2.2"],
    ["Agent id", AGENT.id],
    ["Role", "Server"],
    ["Architecture", "x86_64"],
    ["Agent version", "1.0.0"],
  ]);
});

Deno.test("hostFacts() falls back to family and version and shows unknown keys as sent", () => {
  const facts = hostFacts({
    ...AGENT,
    metadata: { site: "Leeds", nested: { a: 1 } },
  });

  assert.deepEqual(facts, [
    ["Operating system", "Linux 12"],
    ["IP address", "192.0.2.2"],
    ["Agent id", AGENT.id],
    ["site", "Leeds"],
  ]);
});
