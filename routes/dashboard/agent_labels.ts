/**
 * Names for agents in a list the admin picks from. Hostnames repeat in a
 * real fleet (a re-imaged laptop registers again, default names such as
 * "DESKTOP-1A2B" collide), and identical entries cannot be told apart.
 *
 * @module
 */

/** Agent id and hostname, as a picker lists them. */
export interface NamedAgent {
  id: string;
  hostname: string;
}

/**
 * Each agent with the label to show: its hostname, followed by the start
 * of its id when another agent has the same hostname.
 */
export function agentLabels<T extends NamedAgent>(
  agents: readonly T[],
): (T & { label: string })[] {
  const seen = new Map<string, number>();
  for (const agent of agents) {
    seen.set(agent.hostname, (seen.get(agent.hostname) ?? 0) + 1);
  }
  return agents.map((agent) => ({
    ...agent,
    label: (seen.get(agent.hostname) ?? 0) > 1
      ? `${agent.hostname} (${agent.id.slice(0, 8)})`
      : agent.hostname,
  }));
}
