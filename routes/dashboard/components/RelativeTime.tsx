import { useEffect, useState } from "preact/hooks";
import { formatRelative, formatUtc } from "./relative_time.ts";

/**
 * An instant inside an island. The first render matches the server's UTC
 * text so hydration finds the same markup; once mounted it switches to the
 * viewer's locale and refreshes every half minute.
 */
export function RelativeTime({ value }: { value: string | null }) {
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  if (value === null) return <span class="muted">never</span>;
  const instant = new Date(value);
  if (now === null) return <time dateTime={value}>{formatUtc(value)}</time>;
  return (
    <time dateTime={value} title={instant.toLocaleString()}>
      {formatRelative(instant.getTime(), now)}
    </time>
  );
}
