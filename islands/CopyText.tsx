import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";

/** Props of {@linkcode CopyText}. */
export interface CopyTextProps {
  /** What the field shows and the button copies. */
  text: string;
  /** Names the field for screen readers. */
  label: string;
}

/**
 * Read-only text with a button that copies it. Without scripts the text
 * can still be selected and copied by hand.
 */
export default function CopyText({ text, label }: CopyTextProps) {
  const status = useSignal("");
  const field = useRef<HTMLPreElement>(null);

  const copy = async () => {
    // Browsers offer the clipboard only to secure pages (HTTPS or
    // localhost); elsewhere the text is selected for the admin to copy.
    if (navigator.clipboard && globalThis.isSecureContext) {
      await navigator.clipboard.writeText(text);
      status.value = "Copied to the clipboard";
    } else {
      const range = document.createRange();
      range.selectNodeContents(field.current!);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      status.value = "Selected: press Ctrl+C (or ⌘C) to copy";
    }
    setTimeout(() => status.value = "", 4_000);
  };

  return (
    <div class="copy-text">
      <pre ref={field} aria-label={label} data-copy-text="">{text}</pre>
      <div class="actions">
        <button type="button" class="secondary" onClick={copy}>
          Copy
        </button>
        <span role="status" aria-live="polite">{status.value}</span>
      </div>
    </div>
  );
}
