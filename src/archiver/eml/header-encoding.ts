/**
 * Header text for RFC 5322 messages: non-ASCII as RFC 2047 encoded-words, names quoted when
 * they need it, long lines folded. Everything taken from an event is passed through
 * `singleLine` first: a CR or LF in a subject or name must never start a new header.
 */

const MAX_LINE = 78;
/**
 * 30 bytes of UTF-8 make a 52-character `=?UTF-8?B?…?=`: within RFC 2047's 75 per word, and
 * short enough that a line holding one after any of our header names stays within its 76.
 */
const MAX_ENCODED_BYTES = 30;
const ATEXT_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Collapses every run of whitespace and control characters into one space. */
export function singleLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\s\x00-\x1f\x7f]+/gu, " ").trim();
}

/** An unstructured header value (Subject): as is when plain ASCII, else encoded-words. */
export function encodeUnstructured(text: string): string {
  const value = singleLine(text);
  if (PRINTABLE_ASCII.test(value) && !value.includes("=?")) return value;
  return encodeWords(value);
}

/** A display name for From/To: bare, quoted, or encoded-words, whichever RFC 5322 needs. */
export function encodeDisplayName(name: string): string {
  const value = singleLine(name);
  if (!PRINTABLE_ASCII.test(value) || value.includes("=?")) return encodeWords(value);
  if (ATEXT_PHRASE.test(value)) return value;
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

/** `Name <address>`, or the bare address when there is no name. */
export function formatMailbox(name: string, address: string): string {
  const display = singleLine(name);
  return display ? `${encodeDisplayName(display)} <${address}>` : address;
}

/** `Name: value` folded at spaces so lines stay within 78 characters where a space allows. */
export function foldHeader(name: string, value: string): string {
  const words = value.split(" ");
  const lines: string[] = [];
  let current = `${name}:`;
  for (const word of words) {
    if (current.length + 1 + word.length > MAX_LINE && current.trim().length > name.length + 1) {
      lines.push(current);
      current = ` ${word}`;
    } else {
      current += ` ${word}`;
    }
  }
  lines.push(current);
  return lines.join("\r\n");
}

/** RFC 2047 B-encoded words, split on character boundaries and separated by spaces. */
function encodeWords(text: string): string {
  const words: string[] = [];
  let chunk = "";
  for (const char of text) {
    if (Buffer.byteLength(chunk + char, "utf8") > MAX_ENCODED_BYTES) {
      words.push(chunk);
      chunk = "";
    }
    chunk += char;
  }
  if (chunk || words.length === 0) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join(" ");
}

/** RFC 2231 parameter value: plain quoted when ASCII, else `*=UTF-8''percent-encoded`. */
export function encodeParameter(name: string, value: string): string {
  const text = singleLine(value);
  if (PRINTABLE_ASCII.test(text)) return `${name}="${text.replace(/["\\]/g, "\\$&")}"`;
  const encoded = encodeURIComponent(text).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${name}*=UTF-8''${encoded}`;
}
