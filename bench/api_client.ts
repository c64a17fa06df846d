/**
 * The few API calls the benchmarks make, with plain `fetch`, so they load
 * the controller exactly as agents and scripts do.
 *
 * @module
 */

/** A registered simulated agent. */
export interface SimulatedAgent {
  id: string;
  token: string;
}

/** POST a JSON body and return the parsed answer, failing on an error. */
export async function postJson<T>(
  url: string,
  body: unknown,
  token?: string,
): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`POST ${url} answered ${response.status}: ${text}`);
  }
  return JSON.parse(text) as T;
}

/** GET and discard the body, failing on an error status. */
export async function getOk(
  url: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}`);
  }
}

/** Log in as an admin and return the bearer token. */
export async function adminToken(
  base: string,
  password: string,
): Promise<string> {
  const answer = await postJson<{ access_token: string }>(
    `${base}/api/auth/login`,
    { username: "admin", password },
  );
  return answer.access_token;
}

/** Register `count` agents, `concurrency` at a time. */
export async function registerAgents(
  base: string,
  enrollSecret: string,
  count: number,
  concurrency = 8,
): Promise<SimulatedAgent[]> {
  const agents: SimulatedAgent[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const answer = await postJson<{ agent_id: string; agent_token: string }>(
        `${base}/api/agents/register`,
        {
          hostname: `bench-${String(n).padStart(5, "0")}`,
          os: "Linux",
          os_version: "Debian GNU/Linux 12",
          ip: "127.0.0.1",
          metadata: { machine_id: crypto.randomUUID() },
          enroll_secret: enrollSecret,
        },
      );
      agents.push({ id: answer.agent_id, token: answer.agent_token });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return agents;
}
