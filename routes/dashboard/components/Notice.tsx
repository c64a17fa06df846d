import type { ComponentChildren } from "preact";

/** A message box; errors are announced to screen readers at once. */
export function Notice(
  { tone = "info", children }: {
    tone?: "info" | "success" | "error";
    children: ComponentChildren;
  },
) {
  return (
    <div
      class={`notice ${tone === "info" ? "" : tone}`}
      role={tone === "error" ? "alert" : "status"}
    >
      {children}
    </div>
  );
}
