/**
 * Reading a 10,000-agent fleet: the agent list of the API and of the
 * dashboard, filtered, searched, sorted and paged the ways an admin does.
 *
 * @module
 */
import { getOk } from "./api_client.ts";
import { type LatencySummary, summarise, timed } from "./stats.ts";

/** One list request and its latency over the repetitions. */
export interface PageTiming {
  label: string;
  path: string;
  latency: LatencySummary;
}

/** The requests an admin paging through a large fleet makes. */
export const PAGE_REQUESTS: ReadonlyArray<{ label: string; path: string }> = [
  { label: "API, first page", path: "/api/agents?limit=50" },
  { label: "API, hostname search", path: "/api/agents?q=host-0999&limit=50" },
  { label: "API, offline only", path: "/api/agents?status=offline&limit=50" },
  {
    label: "API, failing, by hostname",
    path: "/api/agents?compliance=fail&sort=hostname&limit=50",
  },
  {
    label: "API, Windows by score",
    path: "/api/agents?os=Windows&sort=score&order=desc&limit=50",
  },
  { label: "API, last page", path: "/api/agents?skip=9950&limit=50" },
  { label: "Dashboard, agents page", path: "/agents" },
  { label: "Dashboard, filtered page", path: "/agents?status=online&page=20" },
  { label: "Dashboard, overview", path: "/" },
];

/** Request each page `repeat` times (after one warm-up) and time them. */
export async function timePages(
  base: string,
  token: string,
  repeat: number,
): Promise<PageTiming[]> {
  const headers = {
    authorization: `Bearer ${token}`,
    cookie: `cefleet_session=${token}`,
  };
  const timings: PageTiming[] = [];
  for (const request of PAGE_REQUESTS) {
    const url = base + request.path;
    await getOk(url, headers);
    const samples: number[] = [];
    for (let i = 0; i < repeat; i++) {
      samples.push((await timed(() => getOk(url, headers))).ms);
    }
    timings.push({ ...request, latency: summarise(samples) });
  }
  return timings;
}
