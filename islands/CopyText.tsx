import { useSignal } from "@preact/signals";

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
  const copied = useSignal(false);

  const copy = async () => {
    await navigator.clipboard.writeText(text);
    copied.value = true;
    setTimeout(() => copied.value = false, 2_000);
  };

  return (
    <div class="copy-text">
      <pre aria-label={label} data-copy-text="">{text}</pre>
      <div class="actions">
        <button type="button" class="secondary" onClick={copy}>
          Copy
        </button>
        <span role="status" aria-live="polite">
          {copied.value ? "Copied to the clipboard" : ""}
        </span>
      </div>
    </div>
  );
}
