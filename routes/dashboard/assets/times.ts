/**
 * Browser script for pages that show times: the server writes each time as
 * an ISO instant in UTC, and this rewrites it in the viewer's locale as a
 * relative time ("3 minutes ago"), keeping the exact time as a tooltip.
 *
 * @module
 */
import { formatRelative } from "../components/relative_time.ts";

/** How often relative times are refreshed, so "just now" ages visibly. */
const REFRESH_MS = 30_000;

function refreshTimes(): void {
  const now = Date.now();
  const times = document.querySelectorAll<HTMLTimeElement>(
    "time[data-relative]",
  );
  for (const time of times) {
    const instant = new Date(time.dateTime);
    if (Number.isNaN(instant.getTime())) continue;
    time.textContent = formatRelative(instant.getTime(), now);
    time.title = instant.toLocaleString();
  }
}

refreshTimes();
setInterval(refreshTimes, REFRESH_MS);
