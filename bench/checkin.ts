/**
 * The check-in hot path under load: simulated agents send heartbeats and
 * command polls as fast as a fixed number of connections allow, and the
 * figure that matters is how many agents one controller can carry at the
 * real pace of one heartbeat a minute and one poll every 30 seconds.
 *
 * @module
 */
import { postJson, registerAgents, type SimulatedAgent } from "./api_client.ts";
import { type LatencySummary, summarise } from "./stats.ts";

/** Settings of one check-in run. */
export interface CheckinOptions {
  base: string;
  enrollSecret: string;
  agents: number;
  concurrency: number;
  seconds: number;
}

/** What one check-in run measured. */
export interface CheckinResult {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** Agents one controller carries at 3 requests per agent per minute. */
  fleetCapacity: number;
}

// One heartbeat a minute plus one poll every 30 seconds.
const REQUESTS_PER_AGENT_PER_SECOND = 1 / 60 + 2 / 60;

/** Register the simulated fleet, then hammer the check-in paths. */
export async function runCheckin(
  options: CheckinOptions,
): Promise<CheckinResult> {
  const fleet = await registerAgents(
    options.base,
    options.enrollSecret,
    options.agents,
  );
  const latencies: number[] = [];
  let errors = 0;
  let turn = 0;
  const deadline = performance.now() + options.seconds * 1000;

  const worker = async () => {
    while (performance.now() < deadline) {
      const agent = fleet[turn++ % fleet.length];
      const start = performance.now();
      try {
        await checkIn(options.base, agent, turn % 3 === 0);
        latencies.push(performance.now() - start);
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;

  const requestsPerSecond = latencies.length / elapsed;
  return {
    requests: latencies.length,
    errors,
    requestsPerSecond,
    latency: summarise(latencies),
    fleetCapacity: Math.floor(
      requestsPerSecond / REQUESTS_PER_AGENT_PER_SECOND,
    ),
  };
}

async function checkIn(
  base: string,
  agent: SimulatedAgent,
  heartbeat: boolean,
): Promise<void> {
  if (heartbeat) {
    await postJson(`${base}/api/agents/${agent.id}/heartbeat`, {
      status: "online",
    }, agent.token);
    return;
  }
  const response = await fetch(`${base}/api/agents/${agent.id}/commands`, {
    headers: { authorization: `Bearer ${agent.token}` },
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`Poll answered ${response.status}`);
}
