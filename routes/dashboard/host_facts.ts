/**
 * The facts an agent page lists about a device. Agents send their host
 * details as free-form metadata; the keys cefleet's own agent sends get
 * readable labels, and any other key is shown as sent.
 *
 * @module
 */
import type { AgentDetail } from "../../controller/services/agent_detail.ts";

/** One line of the host facts: a label and its value, null when unknown. */
export type HostFact = [label: string, value: string | null];

const LABELS: Record<string, string> = {
  arch: "Architecture",
  kernel: "Kernel",
  machine_id: "Machine id",
  agent_version: "Agent version",
  queued_reports: "Reports queued on the device",
};

// Shown in the operating system line or as the role instead.
const FOLDED = new Set(["os_name", "is_server"]);

/** At most this many metadata entries, so a chatty agent cannot flood the page. */
const MAX_METADATA = 12;

/** The facts about the device, in the order the page shows them. */
export function hostFacts(
  agent: Pick<AgentDetail, "os" | "osVersion" | "ip" | "id" | "metadata">,
): HostFact[] {
  const { metadata } = agent;
  const facts: HostFact[] = [
    ["Operating system", operatingSystem(agent)],
    ["IP address", agent.ip],
    ["Agent id", agent.id],
  ];
  if (typeof metadata.is_server === "boolean") {
    facts.push(["Role", metadata.is_server ? "Server" : "Workstation"]);
  }

  const extra = Object.entries(metadata)
    .filter(([key, value]) =>
      !FOLDED.has(key) && ["string", "number", "boolean"].includes(typeof value)
    )
    .slice(0, MAX_METADATA);
  for (const [key, value] of extra) {
    facts.push([LABELS[key] ?? key, String(value)]);
  }
  return facts;
}

// The agent's own name for its system ("Debian GNU/Linux 12 (bookworm)")
// says more than the family and version the list columns use.
function operatingSystem(
  agent: Pick<AgentDetail, "os" | "osVersion" | "metadata">,
): string {
  const name = agent.metadata.os_name;
  if (typeof name === "string" && name.trim()) return name.trim();
  return `${agent.os} ${agent.osVersion ?? ""}`.trim();
}
