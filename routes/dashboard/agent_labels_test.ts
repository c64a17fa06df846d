import assert from "node:assert/strict";
import { agentLabels } from "./agent_labels.ts";

Deno.test("agentLabels() tells agents with the same hostname apart by id", () => {
  const labels = agentLabels([
    { id: "bccae6ab-6ddf-4d76-ba67-747254d0ac43", hostname: "vm" },
    { id: "bd5a8c96-e289-4e15-b937-bdc6f67b317f", hostname: "vm" },
    { id: "63cce49b-89fc-46d4-add4-4684fef93a62", hostname: "laptop-7" },
  ]).map((agent) => agent.label);

  assert.deepEqual(labels, ["vm (bccae6ab)", "vm (bd5a8c96)", "laptop-7"]);
});
