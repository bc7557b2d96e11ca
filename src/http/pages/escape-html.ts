const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text for an HTML element's content. Quotes are escaped too, so the result is also safe
 * inside a quoted attribute; `escapeAttribute` is still the one to use there.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => TEXT_ESCAPES[ch] ?? ch);
}

/**
 * A value for a double-quoted attribute (`name="…"`). Beyond `escapeHtml`, the backtick is
 * escaped (old browsers took it as an attribute delimiter), and tab, line feed and carriage
 * return become character references so a value never spreads the markup over lines and a
 * lone carriage return is not rewritten by the parser's newline preprocessing.
 */
export function escapeAttribute(value: string): string {
  return escapeHtml(value).replace(/[`\t\n\r]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
