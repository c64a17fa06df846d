import { usePage } from "../page_context.ts";
import { formatUtc } from "./relative_time.ts";

/**
 * A server-rendered instant: readable in UTC without scripts, turned into
 * a relative time in the viewer's locale by the page's time script.
 */
export function Time({ value }: { value: string | Date | null }) {
  const page = usePage();
  if (value === null) return <span class="muted">never</span>;

  page.usesTimes = true;
  const iso = typeof value === "string" ? value : value.toISOString();
  return <time dateTime={iso} data-relative="">{formatUtc(iso)}</time>;
}
