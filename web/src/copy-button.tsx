import { useState } from "react";

/** Copies `value` to the clipboard and says so; the label names what is copied for screen readers. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button type="button" onClick={copy} aria-label={copied ? `${label} copied` : `Copy ${label}`}>
      {copied ? "Copied" : "Copy"}
    </button>
  );
}
