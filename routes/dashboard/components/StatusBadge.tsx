/** Words shown for each status; the colour only repeats what they say. */
const LABELS: Readonly<Record<string, string>> = {
  pass: "Pass",
  warn: "Warning",
  fail: "Fail",
  unknown: "Unknown",
  not_applicable: "Not applicable",
  info: "Info",
  online: "Online",
  offline: "Offline",
  inactive: "Inactive",
  pending: "Pending",
  approved: "Approved",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  expired: "Expired",
  active: "Active",
  disabled: "Disabled",
  revoked: "Revoked",
  none: "No report",
};

/** Colour family of each status, named by meaning rather than by hue. */
const TONES: Readonly<Record<string, string>> = {
  pass: "good",
  online: "good",
  completed: "good",
  active: "good",
  approved: "good",
  warn: "caution",
  pending: "caution",
  running: "busy",
  fail: "bad",
  failed: "bad",
  offline: "bad",
  expired: "muted",
  revoked: "muted",
  disabled: "muted",
  inactive: "muted",
  unknown: "muted",
  not_applicable: "muted",
  info: "muted",
  none: "muted",
};

/** Human label of a status. */
export function statusLabel(status: string): string {
  return LABELS[status] ?? status;
}

/** A status as a coloured badge that always carries its text label. */
export function StatusBadge({ status }: { status: string | null }) {
  const value = status ?? "none";
  const tone = TONES[value] ?? "muted";
  return (
    <span class={`badge badge-${tone}`} data-status={value}>
      {statusLabel(value)}
    </span>
  );
}
